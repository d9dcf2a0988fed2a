#include "core/validate/identifiers.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <string>

namespace waishi::validate {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool AllAsciiDigits(std::string_view s) {
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// Value of a string of ASCII digits the caller has checked.
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Resident identity number, GB 11643-1999
// ---------------------------------------------------------------------------------------------

// GB 11643-1999, check character (ISO 7064:1983 MOD 11-2): weight W_i = 2^(i-1) mod 11 for position
// i counted from the right (the check character is i = 1), so the 17 body digits, left to right,
// carry 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2. The check value is (12 − Σ mod 11) mod 11, written
// with 'X' for 10; indexing "10X98765432" by Σ mod 11 gives the same character.
char ResidentIdCheckChar(std::string_view first17) {
  constexpr size_t kBodyLength = 17;
  constexpr std::array<int, kBodyLength> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                     3, 7, 9,  10, 5, 8, 4, 2};
  constexpr std::string_view kCheckChars = "10X98765432";
  if (first17.size() != kBodyLength || !AllAsciiDigits(first17)) return '\0';
  int sum = 0;
  for (size_t i = 0; i < kBodyLength; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[static_cast<size_t>(sum % 11)];
}

// Layout, GB 11643-1999: address code (6 digits), date of birth (8, YYYYMMDD), sequence code
// (3; odd for men, even for women), check character (1).
std::string MaskIdentifier(std::string_view id) {
  std::string out(id);
  const std::size_t head = id.size() > 8 ? 3 : 0, tail = id.size() > 8 ? 4 : 2;
  for (std::size_t i = head; i + tail < out.size(); ++i) out[i] = '*';
  return out;
}

bool IsValidResidentId(std::string_view id) {
  constexpr size_t kLength = 18;
  constexpr size_t kBirthDatePos = 6;
  constexpr size_t kBirthDateLength = 8;
  if (id.size() != kLength) return false;
  const std::string_view body = id.substr(0, kLength - 1);
  const char expected = ResidentIdCheckChar(body);  // '\0' unless 17 digits
  if (expected == '\0') return false;
  const char check = id.back() == 'x' ? 'X' : id.back();
  if (check != expected) return false;

  const std::string_view birth = id.substr(kBirthDatePos, kBirthDateLength);
  const std::chrono::year_month_day date{
      std::chrono::year{DigitsValue(birth.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(DigitsValue(birth.substr(4, 2)))},
      std::chrono::day{static_cast<unsigned>(DigitsValue(birth.substr(6, 2)))}};
  return date.ok();
}

// ---------------------------------------------------------------------------------------------
// Unified Social Credit Code, GB 32100-2015
// ---------------------------------------------------------------------------------------------

namespace {

// GB 32100-2015: the 31 code characters, in the order of their values 0–30.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The value of a code character, or -1 if it is not one (I O Z S V and lower case are not).
int UsccValue(char c) {
  const size_t pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

// GB 32100-2015, check character: the 17 body characters carry weights W_i = 3^(i-1) mod 31
// (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28); the check value is 31 − Σ mod 31,
// where 31 stands for 0, written with the character of that value.
UsccCheck CheckUscc(std::string_view code) {
  constexpr size_t kLength = 18;
  constexpr int kModulus = 31;
  if (code.size() != kLength) return UsccCheck::kBadFormat;
  int sum = 0;
  int weight = 1;
  for (size_t i = 0; i < kLength - 1; ++i) {
    const int value = UsccValue(code[i]);
    if (value < 0) return UsccCheck::kBadFormat;
    sum += value * weight;
    weight = weight * 3 % kModulus;
  }
  const int check = UsccValue(code.back());
  if (check < 0) return UsccCheck::kBadFormat;
  const int expected = (kModulus - sum % kModulus) % kModulus;
  return check == expected ? UsccCheck::kValid : UsccCheck::kBadCheckDigit;
}

// ---------------------------------------------------------------------------------------------
// Machine readable zone, ICAO Doc 9303
// ---------------------------------------------------------------------------------------------

namespace {

// The numeric value of an MRZ character (ICAO Doc 9303 Part 3 §4.9), or -1.
int MrzValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c == '<') return 0;
  return -1;
}

// True if the check digit `check` matches `field`. A check digit is a digit; a filler or a
// letter in its place never matches (the one exception is handled by the caller).
bool CheckDigitMatches(std::string_view field, char check) {
  return IsAsciiDigit(check) && MrzCheckDigit(field) == check - '0';
}

}  // namespace

// ICAO Doc 9303 Part 3 §4.9: multiply each character's value by the weights 7, 3, 1, 7, 3, 1 …
// from the left, add the products, and take the sum modulo 10.
int MrzCheckDigit(std::string_view field) {
  constexpr std::array<int, 3> kWeights = {7, 3, 1};
  int sum = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    const int value = MrzValue(field[i]);
    if (value < 0) return -1;
    sum += value * kWeights[i % kWeights.size()];
  }
  return sum % 10;
}

// Second line of a TD3 MRZ, ICAO Doc 9303 Part 4 §4.2.2 (1-based positions):
//   1–9 passport number, 10 check · 11–13 nationality · 14–19 birth date YYMMDD, 20 check ·
//   21 sex · 22–27 expiry date YYMMDD, 28 check · 29–42 personal number, 43 check ·
//   44 composite check over 1–10, 14–20 and 22–43.
// The personal number's check digit may be a filler when the field is all fillers.
std::optional<MrzTd3Check> CheckMrzTd3Line2(std::string_view line2) {
  constexpr size_t kLength = 44;
  if (line2.size() != kLength) return std::nullopt;
  for (char c : line2) {
    if (MrzValue(c) < 0) return std::nullopt;
  }

  const std::string_view passport_number = line2.substr(0, 9);
  const std::string_view birth_date = line2.substr(13, 6);
  const std::string_view expiry_date = line2.substr(21, 6);
  const std::string_view personal_number = line2.substr(28, 14);

  MrzTd3Check result;
  result.passport_number = CheckDigitMatches(passport_number, line2[9]);
  result.birth_date = CheckDigitMatches(birth_date, line2[19]);
  result.expiry_date = CheckDigitMatches(expiry_date, line2[27]);
  const bool personal_number_unused =
      personal_number.find_first_not_of('<') == std::string_view::npos;
  result.personal_number =
      CheckDigitMatches(personal_number, line2[42]) || (personal_number_unused && line2[42] == '<');

  std::string composite;
  composite.reserve(kLength);
  composite.append(line2.substr(0, 10));
  composite.append(line2.substr(13, 7));
  composite.append(line2.substr(21, 22));
  result.composite = CheckDigitMatches(composite, line2[43]);
  return result;
}

}  // namespace waishi::validate
