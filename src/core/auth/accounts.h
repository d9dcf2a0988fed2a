// Organizations and user accounts: their repository (used by the routes and the demo loader)
// and the administration API.
//
//   GET   /api/v1/organizations?kind=&q=&page=&page_size=   office roles
//   GET   /api/v1/organizations/{id}                        office roles; anyone for their own
//   POST  /api/v1/organizations                             admin → 201
//   PATCH /api/v1/organizations/{id}                        admin
//   GET   /api/v1/users?org_id=&role=&q=&page=&page_size=   admin, auditor; an enterprise admin
//                                                           sees their organization's users
//   POST  /api/v1/users                                     admin; an enterprise admin in their
//                                                           own organization → 201
//   PATCH /api/v1/users/{id}                                admin
//
// A password set here (creation, reset) follows the policy of core/auth/password_policy.h
// (422 naming the rule) and, on a reset, may not be one of the account's last 5; the account
// must then change it at its next sign-in (users.must_change_password).
// A Unified Social Credit Code (GB 32100) of the wrong length or alphabet is refused (422
// "format.uscc"); one whose check character does not match is stored with
// "uscc_check":"invalid" and a warning in the response, since early pilot codes fail the check
// (PRODUCT.md section 4). Every change is audited; every list of users is audited as a read
// of personal data ("user.read"). A user's JSON never carries the password hash.
//
// The functions taking a db::Session run on the caller's session (inside Database::Write
// for the changes) and are as thread-safe as that session; the handlers are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/db/session.h"

#include "core/app.h"
#include "core/json.h"

namespace waishi::accounts {

struct NewOrganization {
  std::string kind;  // office | district | department | enterprise | agency
  std::string name_zh;
  std::string name_en;
  std::string uscc;         // "" for none (required for an enterprise by the API, not here)
  long long parent_id = 0;  // 0 for none
};

// Inserts the organization as given (the API validates before calling) and returns its id.
long long CreateOrganization(db::Session& s, const NewOrganization& org);

// Fill by member (user.username = ...): a brace list that leaves members out trips
// -Wmissing-field-initializers, even with designators.
struct NewUser {
  std::string username;  // 3..64 of [a-z0-9._-]
  std::string password;  // plain text: hashed here with Argon2id, never stored
  std::string display_name;
  std::string email;
  long long org_id = 0;
  std::vector<std::string> roles;  // from auth::kRoles
  std::string locale = "zh-CN";    // zh-CN | en-US
  bool demo = false;               // a demo account (users.demo)
  // The password must be changed at the first sign-in (set for accounts an administrator
  // creates through the API; not for the demo's).
  bool must_change_password = false;
};

// Hashes the password and inserts the user with their roles; returns the user's id. Hashing
// takes ~0.1 s and 64 MiB (libsodium's interactive limits): the API hashes before it opens the
// write transaction, the demo loader may call this directly. Throws (from SOCI) if the
// username is taken or the organization does not exist.
long long CreateUser(db::Session& s, const NewUser& user);

struct Organization {
  long long id = 0;
  std::string kind;
  std::string name_zh;
  std::string name_en;
  std::string uscc;
  long long parent_id = 0;
  std::string created_at;
};

std::optional<Organization> FindOrganization(db::Session& s, long long id);

// {"id","kind","name_zh","name_en","uscc","uscc_check":"valid|invalid|none","parent_id",
//  "created_at"}: parent_id and uscc are null when absent. Modules add their own members
// through App::organization_decorators.
Json OrganizationJson(const Organization& org);

// The routes above.
void Register(App& app);

}  // namespace waishi::accounts
