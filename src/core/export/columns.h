// What a list route declares to be downloadable as a spreadsheet: its columns.
//
// A list route (GET, answering a page {"items", "total", "page", "page_size"}) that carries
// an exports::List in its http::Doc(...).Export(...) gets a sibling route
// GET <list>/export: the same handler run page by page with the same filters and the same
// caller (core/export/export.h), written as an .xlsx workbook. A module declares only data
// here; nothing else is registered. Plain values, built at start-up and then only read:
// thread-safe to read.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/i18n/text.h"

namespace waishi::http {
struct Request;
}

namespace waishi::exports {

// How a value is written into its cell.
enum class Kind {
  kText,        // a string; an array is joined, a {"zh","en"} object gives the caller's language
  kDate,        // "YYYY-MM-DD" → an Excel date (a number with a date format)
  kDateTime,    // an ISO 8601 instant in UTC → an Excel date-time in China's time (UTC+8)
  kNumber,      // a JSON number → a number
  kInteger,     // a JSON number → a number without decimals
  kMoney,       // a number (or {"amount": n, …}) → a number with two decimals
  kMinorMoney,  // {"amount": n, "currency": ISO 4217} in the currency's minor unit (fen) → the
                // amount in its major unit (yuan), with the currency's decimals (none for JPY)
  kEnum,        // a code (or an array of codes) → its label in the caller's language
  kBoolean,     // true/false → the catalogue's yes/no
};

struct Column {
  std::string key;      // a stable identifier, e.g. "number"
  std::string pointer;  // RFC 6901 JSON pointer into an item, e.g. "/org/name_zh"
  i18n::Text header;    // the header row's text, in both languages
  Kind kind = Kind::kText;
  // kEnum: the label of a code c is the catalogue's `labels_prefix + c` when it exists,
  // else labels[c], else the code itself.
  std::string labels_prefix;
  std::map<std::string, i18n::Text, std::less<>> labels;
  // In English, the value at this pointer instead when it is not empty (an organization's
  // name_en beside name_zh).
  std::string pointer_en;
};

// A column whose header is the catalogue's `header_key` (i18n::T: a missing key stops the
// server at start-up).
Column Col(std::string key, std::string pointer, std::string_view header_key,
           Kind kind = Kind::kText);
// A kEnum column labelled by the catalogue keys `labels_prefix + code`.
Column EnumCol(std::string key, std::string pointer, std::string_view header_key,
               std::string labels_prefix);

struct List {
  std::string name;       // e.g. "cases": the audit entry's object type, the file's ASCII name
  std::string title_key;  // catalogue key of the sheet's and the file's name, e.g. 案件 / Cases
  // The items hold personal data (names, identity numbers, contacts): the export is
  // recorded as a read of personal data.
  bool personal_data = true;
  std::vector<Column> columns;
  // Columns that depend on the request (e.g. a case type's own list columns when ?type=
  // names one), written after `columns`; may be empty.
  std::function<std::vector<Column>(const http::Request&)> more_columns;
};

}  // namespace waishi::exports
