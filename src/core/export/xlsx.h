// One worksheet written row by row into an .xlsx file (Office Open XML, ECMA-376), with
// libxlsxwriter in its constant-memory mode: each row goes to disk once written, so memory
// stays bounded whatever the number of rows. The file is a temporary one, removed when the
// Sheet is destroyed. A Sheet is used by one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/export/columns.h"
#include "core/json.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace waishi::exports {

enum class Lang { kZh, kEn };

class Sheet {
 public:
  // A workbook with one sheet named `name` (cut to Excel's 31 characters, without the
  // characters a sheet name may not hold) and the header row in `lang`. Throws
  // std::runtime_error when the temporary file cannot be made.
  Sheet(std::string_view name, std::vector<Column> columns, Lang lang);
  ~Sheet();
  Sheet(const Sheet&) = delete;
  Sheet& operator=(const Sheet&) = delete;

  // Writes the item's columns as the next row (a missing or null value leaves the cell empty).
  void Add(const Json& item);
  long long rows() const { return rows_; }
  // Sets the widths, the frozen header and the autofilter, closes the workbook and returns
  // its bytes. Call once.
  std::string Finish();

 private:
  std::vector<Column> columns_;
  Lang lang_;
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* date_time_ = nullptr;
  lxw_format* integer_ = nullptr;
  lxw_format* money_ = nullptr;
  lxw_format* whole_money_ = nullptr;  // a currency without minor unit
  std::vector<int> widths_;
  long long rows_ = 0;
};

// --- pieces, exposed for the tests

// Columns a text takes on screen: 2 for an East Asian wide or fullwidth character
// (Unicode UAX #11: CJK ideographs, kana, hangul, fullwidth forms), 1 otherwise.
int DisplayWidth(std::string_view utf8);
// Excel's serial date (days since 1899-12-30, ECMA-376 Part 1, 18.17.4.1) of "YYYY-MM-DD".
std::optional<double> ExcelDate(std::string_view iso_date);
// The serial date-time, in China's time (UTC+8, no daylight saving), of an ISO 8601 instant
// "YYYY-MM-DDTHH:MM:SS[.fff]Z" (or with a +HH:MM offset, or a bare date).
std::optional<double> ExcelDateTime(std::string_view iso_instant);
// A name Excel accepts for a sheet: without []:*?/\ and at most 31 characters.
std::string SheetName(std::string_view title);
// What a cell of a text or enum column shows for `value` in `lang` ("" for null).
std::string CellText(const Column& column, const Json& value, Lang lang);
// The text a string cell may hold: no control characters XML 1.0 forbids, at most Excel's
// 32,767 characters (cut at a character boundary).
std::string CleanText(std::string_view text);
// {"amount": n, "currency": c} with n in c's minor unit: the amount in the major unit and the
// currency's number of decimals (ISO 4217, from ICU: 2 for CNY, 0 for JPY); none for another
// value.
std::optional<std::pair<double, int>> MajorUnits(const Json& value);

}  // namespace waishi::exports
