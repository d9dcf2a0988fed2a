#include "core/csv/rows.h"

#include <charconv>

namespace waishi::csv {

FieldError At(long long row, std::string_view column, std::string rule, const i18n::Text& what) {
  const i18n::Text at =
      column.empty()
          ? i18n::T("csv.at_row", {{"row", std::to_string(row)}})
          : i18n::T("csv.at", {{"row", std::to_string(row)}, {"column", std::string(column)}});
  return FieldError{"csv", std::move(rule), i18n::Text{at.zh + what.zh, at.en + what.en},
                    Json{{"row", row}, {"column", std::string(column)}}};
}

std::optional<double> Number(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [at, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || at != end) return std::nullopt;
  return v;
}

}  // namespace waishi::csv
