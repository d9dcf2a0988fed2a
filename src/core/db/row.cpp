#include "core/db/row.h"

#include <cmath>
#include <string>

namespace waishi::db {

std::optional<long long> OptInt(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return std::llround(r.get<double>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      return std::nullopt;
  }
}

long long Int(const soci::row& r, std::size_t i) { return OptInt(r, i).value_or(0); }

std::optional<std::string> OptText(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(i);
    case soci::dt_integer:
      return std::to_string(r.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(r.get<unsigned long long>(i));
    case soci::dt_double:
      return std::to_string(r.get<double>(i));
    default:
      return std::nullopt;
  }
}

std::string Text(const soci::row& r, std::size_t i) { return OptText(r, i).value_or(""); }

double Real(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_string:
      return std::stod(r.get<std::string>(i));
    default:
      return static_cast<double>(Int(r, i));
  }
}

bool Bool(const soci::row& r, std::size_t i) { return Int(r, i) != 0; }

Json JsonCol(const soci::row& r, std::size_t i) {
  auto text = OptText(r, i);
  if (!text) return nullptr;
  return Json::parse(*text, nullptr, false);
}

Json AnyCol(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return nullptr;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
    case soci::dt_long_long:
    case soci::dt_unsigned_long_long:
      return Int(r, i);
    case soci::dt_double:
      return r.get<double>(i);
    default:
      return Text(r, i);
  }
}

}  // namespace waishi::db
