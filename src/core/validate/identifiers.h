// Check characters of the identifiers the office handles: the resident identity card number,
// the Unified Social Credit Code of an organization, and the machine readable zone of a passport.
//
// Every function is pure: it looks only at its argument, keeps no state and may be called from
// any thread. An invalid identifier is an expected outcome and is reported as a value (false,
// an enum, std::nullopt), never by an exception. The functions check structure and check
// characters only; none of them says whether the identifier was ever issued.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waishi::validate {

// ---------------------------------------------------------------------------------------------
// Showing an identifier to someone who does not need it whole
// ---------------------------------------------------------------------------------------------

// The identifier with all but its first 3 and last 4 characters replaced by '*'
// (330************12X); shorter ones (8 or fewer characters) all '*' but the last 2.
std::string MaskIdentifier(std::string_view id);

// ---------------------------------------------------------------------------------------------
// Resident identity number (公民身份号码), GB 11643-1999
// ---------------------------------------------------------------------------------------------

// True if `id` is an 18-character citizen identity number: 6 digits of address code, 8 digits of
// birth date (YYYYMMDD, which must be a real Gregorian date; it is not compared with today),
// 3 digits of sequence code and the GB 11643-1999 check character (a digit or 'X';
// lower-case 'x' is accepted too). The address code is not looked up. The 15-digit numbers of
// the first-generation cards are not accepted.
bool IsValidResidentId(std::string_view id);

// The GB 11643-1999 check character ('0'–'9' or 'X') for the first 17 digits of a number, or
// '\0' if `first17` is not exactly 17 ASCII digits.
char ResidentIdCheckChar(std::string_view first17);

// ---------------------------------------------------------------------------------------------
// Unified Social Credit Code (统一社会信用代码), GB 32100-2015
// ---------------------------------------------------------------------------------------------

enum class UsccCheck {
  kValid,          // 18 characters of the code's alphabet and a matching check character
  kBadFormat,      // wrong length, or a character outside the alphabet (incl. lower case)
  kBadCheckDigit,  // well formed but the 18th character does not match; some codes issued in
                   // the early pilots fail this, so callers warn instead of rejecting
};

// Checks a Unified Social Credit Code: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY"
// (no I, O, Z, S, V), the last one the GB 32100-2015 check character. Upper case only;
// callers that accept user input upper-case it first. The registration authority, category and
// administrative division fields are not looked up.
UsccCheck CheckUscc(std::string_view code);

// ---------------------------------------------------------------------------------------------
// Machine readable zone of travel documents, ICAO Doc 9303
// ---------------------------------------------------------------------------------------------

// The check digit (0–9) of an MRZ field, ICAO Doc 9303 Part 3 §4.9: weights 7, 3, 1 repeating,
// '0'–'9' count as their value, 'A'–'Z' as 10–35, the filler '<' as 0; the sum modulo 10.
// Returns -1 if the field contains any other character (lower case included). An empty field
// gives 0.
int MrzCheckDigit(std::string_view field);

// The outcome of each check digit of the second line of a TD3 (passport) MRZ. true means the
// check digit matches its field.
struct MrzTd3Check {
  bool passport_number = false;  // positions 1–9, check digit at 10
  bool birth_date = false;       // positions 14–19, check digit at 20
  bool expiry_date = false;      // positions 22–27, check digit at 28
  bool personal_number = false;  // positions 29–42, check digit at 43 ('<' allowed if all '<')
  bool composite = false;        // positions 1–10, 14–20 and 22–43, check digit at 44

  // True if every check digit matches.
  bool all() const {
    return passport_number && birth_date && expiry_date && personal_number && composite;
  }
};

// Checks the five check digits of the second line of a TD3 MRZ (ICAO Doc 9303 Part 4 §4.2.2,
// check digits per Part 3 §4.9). nullopt if the line is not exactly 44 characters of
// 'A'–'Z', '0'–'9' and '<'; a check-digit position holding a letter simply fails its check.
// Only check digits are verified: dates are not checked to be real dates, nor the nationality
// code to exist.
std::optional<MrzTd3Check> CheckMrzTd3Line2(std::string_view line2);

}  // namespace waishi::validate
