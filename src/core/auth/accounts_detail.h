// What organizations.cpp and users.cpp share: small text helpers, the office roles and the
// existence check of an organization. Internal to the accounts routes; not for modules.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/db/session.h"

#include "core/app.h"
#include "core/auth/principal.h"
#include "core/json.h"

namespace waishi::accounts::detail {

// The roles of the office's staff (who see every organization).
inline const std::initializer_list<std::string_view> kOfficeRoles = {
    "officer", "approver", "reviewer", "auditor", "admin"};

// `s` without surrounding white space.
std::string Trim(std::string_view s);
// A LIKE pattern matching `q` anywhere (case-folded), with q's own wildcards escaped
// (ESCAPE '\').
std::string ContainsPattern(std::string_view q);
// A positive integer, or nullopt.
std::optional<long long> ParseId(std::string_view s);
bool OrgExists(db::Session& s, long long id);

// A change to an account: the members to set (absent: unchanged), the password already
// hashed. What PATCH /users/{id} and PUT /users/{id}/roles ask for, applied at once or kept
// as a pending change (account_changes.cpp).
struct AccountChange {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::string> locale;
  std::optional<bool> active;
  std::optional<std::vector<std::string>> roles;
  std::string password_hash;  // "" when the password stays

  // The members given, the password as "password": "changed" (never the hash).
  Json ToJson() const;
  static AccountChange FromJson(const Json& members, std::string password_hash);
};

// The account's roles (sorted); empty for an account without roles or that does not exist.
std::vector<std::string> AccountRoles(db::Session& s, long long user_id);

// Whether `change` touches the access of an account holding `roles` and `active`: other
// roles, another activation, or a new password.
bool TouchesAccess(const std::vector<std::string>& roles, bool active, const AccountChange& change);

// Applies `change` to the user `id` inside the caller's write transaction: sets the members,
// replaces the roles, ends the sessions on a new password or a deactivation, and audits
// "user.update" by `who` (before and after; `context` merged into the detail). Returns the
// account's JSON; 404 if there is no such user.
Json ApplyAccountChange(db::Session& s, const auth::Principal& who, long long id,
                        const AccountChange& change, const Json& context = Json::object());

// Applies `change` to the user `id`, or, when it needs a second administrator
// (auth::NeedsSecondAdministrator), records it as pending (account_changes.cpp): returns
// {200, the account} or {202, the pending change}. 404 if there is no such user; 409
// "change_pending" if the account has a pending change already.
std::pair<int, Json> ChangeAccount(db::Session& s, const auth::Principal& who, long long id,
                                   const AccountChange& change);

// The routes of organizations.cpp, users.cpp and account_changes.cpp.
void RegisterOrganizations(App& app);
void RegisterUsers(App& app);
void RegisterAccountChanges(App& app);

}  // namespace waishi::accounts::detail
