#include "core/auth/password_policy.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/resources.h"

namespace waishi::auth {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// Code points, not bytes: "密码" is two characters (the body is valid UTF-8, checked at the
// boundary).
std::size_t Characters(std::string_view s) {
  return static_cast<std::size_t>(std::ranges::count_if(
      s, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

int CharacterClasses(std::string_view s) {
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      other = true;  // punctuation, space, and every non-ASCII character
  }
  return int{lower} + int{upper} + int{digit} + int{other};
}

// One password a line, lower-cased; '#' starts a comment line.
const std::set<std::string, std::less<>>& CommonPasswords() {
  static const std::set<std::string, std::less<>> list = [] {
    std::set<std::string, std::less<>> out;
    std::string_view text = Resource("src/core/auth/common_passwords.txt");
    while (!text.empty()) {
      const auto end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') out.insert(AsciiLower(line));
    }
    return out;
  }();
  return list;
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  return CommonPasswords().contains(AsciiLower(password));
}

std::optional<FieldError> CheckPasswordPolicy(std::string_view password, std::string_view username,
                                              std::string field) {
  if (Characters(password) < kMinPasswordLength) {
    return FieldError{
        std::move(field), "password.length",
        i18n::T("validation.password.length", {{"min", std::to_string(kMinPasswordLength)}})};
  }
  if (CharacterClasses(password) < 3) {
    return FieldError{std::move(field), "password.classes", i18n::T("validation.password.classes")};
  }
  if (!username.empty() && AsciiLower(password).find(AsciiLower(username)) != std::string::npos) {
    return FieldError{std::move(field), "password.username",
                      i18n::T("validation.password.username")};
  }
  if (IsCommonPassword(password)) {
    return FieldError{std::move(field), "password.common", i18n::T("validation.password.common")};
  }
  return std::nullopt;
}

Json PasswordSchema() {
  return Json{{"type", "string"},
              {"minLength", kMinPasswordLength},
              {"maxLength", kMaxPasswordLength},
              {"x-rule", "password.length"},
              {"x-message", {{"min_length", "validation.password.length"}}},
              {"description",
               "At least 10 characters, three of four classes (lower, upper, digit, other), "
               "not containing the username, not a common password, not one of the last 5"}};
}

FieldError PasswordReused(std::string field) {
  return FieldError{
      std::move(field), "password.history",
      i18n::T("validation.password.history", {{"count", std::to_string(kPasswordHistory)}})};
}

}  // namespace waishi::auth
