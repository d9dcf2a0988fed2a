#include "core/export/xlsx.h"

#include <unicode/ucurr.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "core/calendar/working_days.h"
#include "core/i18n/text.h"

namespace waishi::exports {
namespace {

// Excel's serial day 0 is 1899-12-30 (ECMA-376 Part 1, 18.17.4.1, the 1900 date system with
// its leap-year quirk absorbed for dates after 1900-03-01); the Unix epoch is serial 25569.
constexpr double kUnixEpochSerial = 25569.0;
constexpr int kChinaOffsetMinutes = 8 * 60;
// Excel's limit on a cell's text (ECMA-376 leaves it to the application; Excel's
// "Specifications and limits": 32,767 characters).
constexpr std::size_t kMaxCellChars = 32767;
constexpr int kMinWidth = 6;
constexpr int kMaxWidth = 60;

// Decodes one UTF-8 sequence at `i` (advancing it); U+FFFD for a malformed byte.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return c;
}

// East Asian Wide (W) and Fullwidth (F) ranges of UAX #11, the blocks that matter here.
bool Wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

std::optional<int> Digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

const Json* At(const Json& item, const std::string& pointer) {
  if (pointer.empty()) return &item;
  try {
    const Json::json_pointer p(pointer);
    return item.contains(p) ? &item.at(p) : nullptr;
  } catch (const Json::exception&) {
    return nullptr;
  }
}

std::string Pick(const i18n::Text& t, Lang lang) { return lang == Lang::kEn ? t.en : t.zh; }

std::string Scalar(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_boolean()) return Pick(i18n::T(v.get<bool>() ? "export.yes" : "export.no"), Lang::kZh);
  return v.dump();
}

std::optional<double> Number(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_object() && v.contains("amount") && v["amount"].is_number())
    return v["amount"].get<double>();
  if (v.is_string() && !v.get<std::string>().empty()) {
    const std::string s = v.get<std::string>();
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end && *end == '\0' && std::isfinite(d)) return d;
  }
  return std::nullopt;
}

void Check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
  }
}

}  // namespace

std::optional<std::pair<double, int>> MajorUnits(const Json& v) {
  if (!v.is_object() || !v.contains("amount") || !v["amount"].is_number_integer()) return {};
  const auto currency = v.find("currency");
  if (currency == v.end() || !currency->is_string() || currency->get<std::string>().size() != 3)
    return {};
  std::array<UChar, 4> code{};
  const std::string c = currency->get<std::string>();
  std::copy(c.begin(), c.end(), code.begin());
  UErrorCode status = U_ZERO_ERROR;
  const int32_t digits = ucurr_getDefaultFractionDigits(code.data(), &status);
  if (U_FAILURE(status)) return {};
  return std::pair{static_cast<double>(v["amount"].get<long long>()) / std::pow(10.0, digits),
                   digits};
}

// ---------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------

int DisplayWidth(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) width += Wide(NextCodePoint(utf8, i)) ? 2 : 1;
  return width;
}

std::optional<double> ExcelDate(std::string_view iso_date) {
  const auto d = calendar::Date::Parse(iso_date);
  if (!d) return std::nullopt;
  return kUnixEpochSerial + d->days();
}

std::optional<double> ExcelDateTime(std::string_view s) {
  if (s.size() == 10) return ExcelDate(s);
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  const auto date = calendar::Date::Parse(s.substr(0, 10));
  const auto h = Digits(s, 11, 2), m = Digits(s, 14, 2), sec = Digits(s, 17, 2);
  if (!date || !h || !m || !sec || *h > 23 || *m > 59 || *sec > 60) return std::nullopt;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;  // fractions of a second: dropped
  }
  int offset = 0;  // minutes east of UTC (RFC 3339 section 5.6)
  if (i < s.size() && s[i] == 'Z' && i + 1 == s.size()) {
    offset = 0;
  } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    const auto oh = Digits(s, i + 1, 2), om = Digits(s, i + 4, 2);
    if (!oh || !om) return std::nullopt;
    offset = (s[i] == '-' ? -1 : 1) * (*oh * 60 + *om);
  } else if (i != s.size()) {
    return std::nullopt;
  }
  const long long minutes =
      static_cast<long long>(date->days()) * 1440 + *h * 60 + *m - offset + kChinaOffsetMinutes;
  return kUnixEpochSerial + (static_cast<double>(minutes) * 60 + *sec) / 86400.0;
}

std::string SheetName(std::string_view title) {
  std::string out;
  int chars = 0;
  for (std::size_t i = 0; i < title.size() && chars < 31;) {
    const std::size_t start = i;
    const char32_t c = NextCodePoint(title, i);
    // ECMA-376 Part 1, 18.2.19 (sheet): Excel refuses these in a sheet's name.
    if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' ||
        c < 0x20)
      continue;
    out.append(title.substr(start, i - start));
    ++chars;
  }
  return out.empty() ? "Sheet1" : out;
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size() && chars < kMaxCellChars;) {
    const std::size_t start = i;
    const char32_t c = NextCodePoint(text, i);
    // XML 1.0 (5th ed.) section 2.2, Char: no C0 control but tab, line feed, carriage return.
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    if (c == 0xFFFE || c == 0xFFFF) continue;
    if (c == 0xFFFD && (i - start) == 1) {
      out += "\xEF\xBF\xBD";  // a malformed byte becomes U+FFFD
    } else {
      out.append(text.substr(start, i - start));
    }
    ++chars;
  }
  return out;
}

std::string CellText(const Column& column, const Json& value, Lang lang) {
  if (value.is_array()) {
    std::string out;
    for (const auto& v : value) {
      std::string one = CellText(column, v, lang);
      if (one.empty()) continue;
      if (!out.empty()) out += lang == Lang::kEn ? ", " : "、";
      out += one;
    }
    return out;
  }
  if (value.is_object() && value.contains("zh") && value.contains("en")) {
    return Scalar(value[lang == Lang::kEn ? "en" : "zh"]);
  }
  if (value.is_boolean())
    return Pick(i18n::T(value.get<bool>() ? "export.yes" : "export.no"), lang);
  if (column.kind == Kind::kEnum && value.is_string()) {
    const std::string code = value.get<std::string>();
    if (!column.labels_prefix.empty() && i18n::Has(column.labels_prefix + code))
      return Pick(i18n::T(column.labels_prefix + code), lang);
    if (auto it = column.labels.find(code); it != column.labels.end())
      return Pick(it->second, lang);
  }
  return Scalar(value);
}

Column Col(std::string key, std::string pointer, std::string_view header_key, Kind kind) {
  Column c;
  c.key = std::move(key);
  c.pointer = std::move(pointer);
  c.header = i18n::T(header_key);
  c.kind = kind;
  return c;
}

Column EnumCol(std::string key, std::string pointer, std::string_view header_key,
               std::string labels_prefix) {
  Column c = Col(std::move(key), std::move(pointer), header_key, Kind::kEnum);
  c.labels_prefix = std::move(labels_prefix);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Sheet
// ---------------------------------------------------------------------------------------------

Sheet::Sheet(std::string_view name, std::vector<Column> columns, Lang lang)
    : columns_(std::move(columns)), lang_(lang), widths_(columns_.size(), kMinWidth) {
  // libxlsxwriter writes to a named file: a fresh one of ours, removed by the destructor.
  std::string tmpl = (std::filesystem::temp_directory_path() / "waishi-export-XXXXXX.xlsx");
  const int fd = mkstemps(tmpl.data(), 5);
  if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
  close(fd);
  path_ = tmpl;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // each row is written out once complete
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (!book_) {
    std::remove(path_.c_str());
    throw std::runtime_error("xlsx: cannot create the workbook");
  }
  const std::string sheet_name = SheetName(name);
  sheet_ = workbook_add_worksheet(book_, sheet_name.c_str());
  header_ = workbook_add_format(book_);
  format_set_bold(header_);
  format_set_bg_color(header_, 0xE7EEF7);
  format_set_bottom(header_, LXW_BORDER_THIN);
  date_ = workbook_add_format(book_);
  format_set_num_format(date_, "yyyy-mm-dd");
  date_time_ = workbook_add_format(book_);
  format_set_num_format(date_time_, "yyyy-mm-dd hh:mm");
  integer_ = workbook_add_format(book_);
  format_set_num_format(integer_, "0");
  money_ = workbook_add_format(book_);
  format_set_num_format(money_, "#,##0.00");
  whole_money_ = workbook_add_format(book_);
  format_set_num_format(whole_money_, "#,##0");
  // In constant-memory mode rows must come in order, and the panes are set before them.
  worksheet_freeze_panes(sheet_, 1, 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const std::string text = CleanText(Pick(columns_[c].header, lang_));
    Check(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), text.c_str(), header_),
          "header");
    widths_[c] = std::max(widths_[c], DisplayWidth(text) + 2);
  }
}

Sheet::~Sheet() {
  // A workbook never finished still owns memory and the temporary files of its rows.
  if (book_) workbook_close(book_);
  if (!path_.empty()) std::remove(path_.c_str());
}

void Sheet::Add(const Json& item) {
  const auto row = static_cast<lxw_row_t>(rows_ + 1);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const Column& col = columns_[c];
    const Json* v = At(item, col.pointer);
    if (lang_ == Lang::kEn && !col.pointer_en.empty()) {
      const Json* en = At(item, col.pointer_en);
      if (en && en->is_string() && !en->get<std::string>().empty()) v = en;
    }
    if (!v || v->is_null()) continue;
    const auto cell = static_cast<lxw_col_t>(c);
    std::optional<double> number;
    lxw_format* format = nullptr;
    int width = 0;
    switch (col.kind) {
      case Kind::kDate:
        if (v->is_string()) number = ExcelDate(v->get<std::string>());
        format = date_;
        width = 12;
        break;
      case Kind::kDateTime:
        if (v->is_string()) number = ExcelDateTime(v->get<std::string>());
        format = date_time_;
        width = 18;
        break;
      case Kind::kNumber:
        number = Number(*v);
        break;
      case Kind::kInteger:
        number = Number(*v);
        format = integer_;
        break;
      case Kind::kMoney:
        number = Number(*v);
        format = money_;
        break;
      case Kind::kMinorMoney:
        if (const auto major = MajorUnits(*v)) {
          number = major->first;
          format = major->second == 0 ? whole_money_ : money_;
        }
        break;
      case Kind::kText:
      case Kind::kEnum:
      case Kind::kBoolean:
        break;
    }
    if (number) {
      Check(worksheet_write_number(sheet_, row, cell, *number, format), "number");
      if (width == 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, col.kind == Kind::kMoney ? "%.2f" : "%g", *number);
        width = static_cast<int>(std::string_view(buf).size()) + 2;
      }
    } else {
      // Anything that is not of its column's kind (a date that is not one) is written as text.
      const std::string text = CleanText(CellText(col, *v, lang_));
      if (text.empty()) continue;
      Check(worksheet_write_string(sheet_, row, cell, text.c_str(), nullptr), "text");
      width = DisplayWidth(text) + 2;
    }
    widths_[c] = std::max(widths_[c], std::min(width, kMaxWidth));
  }
  ++rows_;
}

std::string Sheet::Finish() {
  if (!book_) throw std::logic_error("Sheet::Finish called twice");
  const auto last_col = static_cast<lxw_col_t>(columns_.empty() ? 0 : columns_.size() - 1);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    Check(worksheet_set_column(sheet_, col, col, widths_[c], nullptr), "width");
  }
  Check(worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(rows_), last_col), "filter");
  const lxw_error closed = workbook_close(book_);
  book_ = nullptr;
  Check(closed, "close");
  std::ifstream in(path_, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw std::runtime_error("xlsx: cannot read the finished workbook");
  return std::move(bytes).str();
}

}  // namespace waishi::exports
