// Reading the machine readable zone of a passport (TD3, ICAO Doc 9303 Part 4): the two lines
// an officer pastes or a scanner types, split into the fields a form asks for. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/validate/identifiers.h"

namespace waishi::validate {

struct MrzTd3 {
  std::string document_code;    // "P" and the optional second character ("P", "PO" …)
  std::string issuing_state;    // ICAO code, e.g. "D" (Germany) padded: "D<<" → "D"
  std::string surname;          // "MUELLER"; '<' inside a name becomes a space
  std::string given_names;      // "HANS PETER"
  std::string passport_number;  // without filler
  std::string nationality;      // ICAO code as written ("D", "FRA", "GBR" …)
  std::string birth_date;       // YYMMDD as written
  char sex = '<';               // 'M', 'F' or '<'
  std::string expiry_date;      // YYMMDD as written
  MrzTd3Check checks;
};

// The two lines of a TD3 MRZ, given as one text: separated by a line break or by white space,
// surrounding white space ignored, lower case accepted (upper-cased). nullopt unless there are
// exactly two lines of 44 characters of 'A'–'Z', '0'–'9' and '<', the first starting with 'P'.
// The check digits are reported in `checks`, not enforced.
std::optional<MrzTd3> ParseMrzTd3(std::string_view text);

// The full date of a YYMMDD of the MRZ, "YYYY-MM-DD": a birth date lies in the past (a year
// after `today_year`'s last two digits is in the previous century), an expiry date in
// 2000–2099. nullopt if the six characters are not digits of a real date.
std::optional<std::string> MrzBirthDate(std::string_view yymmdd, int today_year);
std::optional<std::string> MrzExpiryDate(std::string_view yymmdd);

}  // namespace waishi::validate
