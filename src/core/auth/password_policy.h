// The password policy of MLPS level 3 (GB/T 22239-2019, 8.1.4.1 a: "identification ...
// the authentication information has complexity requirements and is replaced regularly").
// Pure functions, thread-safe.
//
// A password is refused, with the rule it breaks, when it
//   - has fewer than kMinPasswordLength characters (code points)      password.length
//   - uses fewer than three of: lower-case, upper-case, digit, other  password.classes
//   - contains the username, ignoring case                            password.username
//   - is in the list of common passwords, ignoring case               password.common
// and, checked by the callers against the stored hashes (it needs Argon2), when it equals one
// of the account's last kPasswordHistory passwords                    password.history
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json.h"

namespace waishi::auth {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;  // Argon2 takes any length; stops abuse
inline constexpr int kPasswordHistory = 5;               // the current one and the 4 before it

// The first rule `password` breaks for the account `username`, as a validation error on the
// request field `field`; nullopt when it passes. An empty username is not checked.
std::optional<FieldError> CheckPasswordPolicy(std::string_view password, std::string_view username,
                                              std::string field = "password");

// The error for a password equal to one of the last kPasswordHistory.
FieldError PasswordReused(std::string field);

// The request schema of a new password: its length (rule password.length); the other rules
// are checked by CheckPasswordPolicy.
Json PasswordSchema();

// True when `password` (ignoring case) is in src/core/auth/common_passwords.txt.
bool IsCommonPassword(std::string_view password);

}  // namespace waishi::auth
