// What organizations.cpp and users.cpp share: small text helpers, the office roles and the
// existence check of an organization. Internal to the accounts routes; not for modules.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/db/session.h"

#include "core/app.h"

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

// The routes of organizations.cpp and users.cpp.
void RegisterOrganizations(App& app);
void RegisterUsers(App& app);

}  // namespace waishi::accounts::detail
