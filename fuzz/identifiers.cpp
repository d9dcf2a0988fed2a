// Fuzz target: the identifier validators (core/validate/identifiers.h) and the passport
// spelling of names (core/validate/passport_name.h). The input is taken as typed text for each
// of them, and is also shaped into a well-formed candidate (17 digits and their check
// character, 17 code characters, a 44-character MRZ line with its check digits) so that the
// valid side is reached as often as the invalid one.
//
// Invariants asserted, beyond "no crash, no sanitizer report":
//  - a valid resident ID (GB 11643-1999) is 18 characters, 17 digits and their check
//    character; the same number with a lower-case or upper-case 'x' is valid too; changing any
//    one of its 17 digits breaks the check; 17 digits with their check character are valid
//    exactly when they hold a real date of birth;
//  - a valid USCC (GB 32100-2015) has only the code's characters; of the 31 possible last
//    characters of 17 code characters exactly one is valid, the 30 others are bad check
//    digits; changing one character of a valid code never leaves it valid;
//  - MRZ (ICAO 9303): a check digit is 0–9, or -1 exactly for a character outside
//    0–9 A–Z '<'; a line is checked exactly when it is 44 such characters; a line built with its
//    check digits passes all five, and a changed check digit fails its own check and the
//    composite one;
//  - MaskIdentifier keeps the length, shows at most the first 3 and last 4 characters (the
//    last 2 of short ones) and masking twice changes nothing;
//  - PassportName gives valid UTF-8 with no space at either end nor two together, and
//    spelling an ASCII result again gives it back.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/validate/identifiers.h"
#include "core/validate/passport_name.h"

namespace {

namespace v = waishi::validate;

[[noreturn]] void Fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "invariant broken: %s\ninput (%zu bytes): %.*s\n", what, input.size(),
               static_cast<int>(input.size() < 400 ? input.size() : 400), input.data());
  std::abort();
}

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::string_view kMrzAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

// The Gregorian calendar, written out independently of <chrono>.
bool IsRealDate(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

void CheckResidentId(std::string_view id, std::string_view input) {
  if (!v::IsValidResidentId(id)) return;
  if (id.size() != 18) Fail("a valid resident ID is not 18 characters", input);
  const std::string_view body = id.substr(0, 17);
  const char check = v::ResidentIdCheckChar(body);
  if (check == '\0') Fail("a valid resident ID without 17 digits", input);
  if (check != (id[17] == 'x' ? 'X' : id[17])) Fail("a valid resident ID's check differs", input);
  if (check == 'X') {
    for (char x : {'x', 'X'}) {
      if (!v::IsValidResidentId(std::string(body) + x)) Fail("'x' and 'X' read apart", input);
    }
  }
  for (std::size_t i = 0; i < body.size(); ++i) {
    std::string changed(body);
    changed[i] = changed[i] == '9' ? '0' : static_cast<char>(changed[i] + 1);
    if (v::ResidentIdCheckChar(changed) == check) Fail("one changed digit kept the check", input);
  }
}

void CheckUscc(std::string_view code, std::string_view input) {
  const v::UsccCheck result = v::CheckUscc(code);
  if (result == v::UsccCheck::kBadFormat) return;
  if (code.size() != 18 || code.find_first_not_of(kUsccAlphabet) != std::string_view::npos)
    Fail("CheckUscc took a malformed code", input);
  if (result != v::UsccCheck::kValid) return;
  for (std::size_t i = 0; i < code.size(); ++i) {
    std::string changed(code);
    const std::size_t at = kUsccAlphabet.find(code[i]);
    changed[i] = kUsccAlphabet[(at + 1) % kUsccAlphabet.size()];
    if (v::CheckUscc(changed) == v::UsccCheck::kValid) Fail("one changed character kept", input);
  }
}

void CheckMrz(std::string_view text, std::string_view input) {
  const int digit = v::MrzCheckDigit(text);
  const bool alphabet = text.find_first_not_of(kMrzAlphabet) == std::string_view::npos;
  if (digit < -1 || digit > 9 || (digit == -1) == alphabet) Fail("MrzCheckDigit is wrong", input);
  const bool checked = v::CheckMrzTd3Line2(text).has_value();
  if (checked != (alphabet && text.size() == 44))
    Fail("CheckMrzTd3Line2 took the wrong lines", input);
}

void CheckMask(std::string_view id, std::string_view input) {
  const std::string masked = v::MaskIdentifier(id);
  if (masked.size() != id.size()) Fail("MaskIdentifier changed the length", input);
  const std::size_t head = id.size() > 8 ? 3 : 0, tail = id.size() > 8 ? 4 : 2;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool shown = i < head || i + tail >= id.size();
    if (shown ? masked[i] != id[i] : masked[i] != '*') Fail("MaskIdentifier shows too much", input);
  }
  if (v::MaskIdentifier(masked) != masked) Fail("masking twice changed the text", input);
  if (id.size() == 18 && v::IsValidResidentId(masked)) Fail("a masked ID is valid", input);
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

void CheckPassportName(std::string_view name, std::string_view input) {
  const std::string spelt = v::PassportName(name);
  if (!IsValidUtf8(spelt)) Fail("PassportName gave invalid UTF-8", input);
  if (!spelt.empty() && (spelt.front() == ' ' || spelt.back() == ' '))
    Fail("PassportName left a space at an end", input);
  if (spelt.find("  ") != std::string::npos) Fail("PassportName left two spaces", input);
  const bool ascii = std::all_of(spelt.begin(), spelt.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && v::PassportName(spelt) != spelt)
    Fail("PassportName not stable on its result", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // As typed.
  CheckResidentId(input, input);
  CheckUscc(input, input);
  CheckMrz(input, input);
  CheckMask(input, input);
  if (size <= 256) CheckPassportName(input, input);

  // 17 digits and their check character: valid exactly with a real date of birth.
  if (size >= 17) {
    std::string id;
    for (std::size_t i = 0; i < 17; ++i) id += static_cast<char>('0' + data[i] % 10);
    const char check = v::ResidentIdCheckChar(id);
    if (check == '\0') Fail("no check character for 17 digits", input);
    id += check;
    const bool real =
        IsRealDate(Number(id.substr(6, 4)), Number(id.substr(10, 2)), Number(id.substr(12, 2)));
    if (v::IsValidResidentId(id) != real) Fail("a well-checked ID read wrong", input);
    CheckResidentId(id, input);
    CheckMask(id, input);
  }

  // 17 code characters: exactly one last character is valid.
  if (size >= 17) {
    std::string code;
    for (std::size_t i = 0; i < 17; ++i) code += kUsccAlphabet[data[i] % kUsccAlphabet.size()];
    int valid = 0;
    for (char last : kUsccAlphabet) {
      const v::UsccCheck r = v::CheckUscc(code + last);
      if (r == v::UsccCheck::kBadFormat) Fail("a well-formed USCC is bad format", input);
      if (r == v::UsccCheck::kValid) {
        ++valid;
        CheckUscc(code + last, input);
      }
    }
    if (valid != 1) Fail("not exactly one valid USCC check character", input);
  }

  // A TD3 line 2 with every check digit computed.
  if (size >= 44) {
    std::string line;
    for (std::size_t i = 0; i < 44; ++i) line += kMrzAlphabet[data[i] % kMrzAlphabet.size()];
    auto set = [&line](std::size_t pos, std::string_view field) {
      line[pos] = static_cast<char>('0' + v::MrzCheckDigit(field));
    };
    set(9, line.substr(0, 9));
    set(19, line.substr(13, 6));
    set(27, line.substr(21, 6));
    set(42, line.substr(28, 14));
    set(43, line.substr(0, 10) + line.substr(13, 7) + line.substr(21, 22));
    const auto ok = v::CheckMrzTd3Line2(line);
    if (!ok || !ok->all()) Fail("a line with its check digits fails", input);
    for (std::size_t pos : {9, 19, 27, 42}) {
      std::string changed = line;
      changed[pos] = changed[pos] == '9' ? '0' : static_cast<char>(changed[pos] + 1);
      const auto bad = v::CheckMrzTd3Line2(changed);
      const bool own = pos == 9    ? bad->passport_number
                       : pos == 19 ? bad->birth_date
                       : pos == 27 ? bad->expiry_date
                                   : bad->personal_number;
      if (own || bad->composite) Fail("a changed check digit still passes", input);
    }
  }
  return 0;
}
