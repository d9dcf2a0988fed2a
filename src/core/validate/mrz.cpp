#include "core/validate/mrz.h"

#include <cctype>
#include <vector>

#include "core/calendar/working_days.h"

namespace waishi::validate {
namespace {

constexpr std::size_t kLineLength = 44;

bool IsMrzChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

// "MUELLER<<HANS<PETER<<<<" → the text with fillers as spaces, trimmed.
std::string Name(std::string_view field) {
  std::string out;
  for (char c : field) out += c == '<' ? ' ' : c;
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  out = out.substr(first, out.find_last_not_of(' ') - first + 1);
  // Runs of fillers inside a name are one space.
  std::string squeezed;
  for (char c : out) {
    if (c == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
    squeezed += c;
  }
  return squeezed;
}

std::string Unfilled(std::string_view field) {
  const auto end = field.find_last_not_of('<');
  return end == std::string_view::npos ? "" : std::string(field.substr(0, end + 1));
}

std::optional<std::string> FullDate(int year, std::string_view yymmdd) {
  const int month = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  const int day = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  if (!calendar::Date::Parse(text)) return std::nullopt;
  return std::string(text);
}

bool SixDigits(std::string_view s) {
  if (s.size() != 6) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<MrzTd3> ParseMrzTd3(std::string_view text) {
  std::vector<std::string> lines;
  std::string current;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
    } else {
      current += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (!current.empty()) lines.push_back(std::move(current));
  if (lines.size() != 2) return std::nullopt;
  for (const auto& line : lines) {
    if (line.size() != kLineLength) return std::nullopt;
    for (char c : line)
      if (!IsMrzChar(c)) return std::nullopt;
  }
  const std::string_view one = lines[0], two = lines[1];
  if (one[0] != 'P') return std::nullopt;
  auto checks = CheckMrzTd3Line2(two);
  if (!checks) return std::nullopt;

  MrzTd3 mrz;
  mrz.document_code = Unfilled(one.substr(0, 2));
  mrz.issuing_state = Unfilled(one.substr(2, 3));
  // The name field: the primary identifier, "<<", then the secondary identifier.
  const std::string_view names = one.substr(5);
  const auto split = names.find("<<");
  mrz.surname = Name(names.substr(0, split));
  mrz.given_names = split == std::string_view::npos ? "" : Name(names.substr(split + 2));
  mrz.passport_number = Unfilled(two.substr(0, 9));
  mrz.nationality = Unfilled(two.substr(10, 3));
  mrz.birth_date = std::string(two.substr(13, 6));
  mrz.sex = two[20];
  mrz.expiry_date = std::string(two.substr(21, 6));
  mrz.checks = *checks;
  return mrz;
}

std::optional<std::string> MrzBirthDate(std::string_view yymmdd, int today_year) {
  if (!SixDigits(yymmdd)) return std::nullopt;
  const int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  const int century = today_year / 100 * 100;
  const int year = century + yy > today_year ? century - 100 + yy : century + yy;
  return FullDate(year, yymmdd);
}

std::optional<std::string> MrzExpiryDate(std::string_view yymmdd) {
  if (!SixDigits(yymmdd)) return std::nullopt;
  return FullDate(2000 + (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0'), yymmdd);
}

}  // namespace waishi::validate
