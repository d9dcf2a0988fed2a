// Who is making a request: the signed-in user, their organization and roles.
// A value, built per request by auth::Authenticate(); safe to copy between threads.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace waishi::auth {

// The roles of PRODUCT.md section 1.
inline constexpr std::string_view kRoles[] = {
    "citizen", "enterprise_user", "enterprise_admin", "agency",  "reviewer",
    "officer", "approver",        "partner",          "auditor", "admin"};
bool IsRole(std::string_view role);

struct Principal {
  long long user_id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  std::string locale;
  long long org_id = 0;
  std::string org_kind;         // office | district | department | enterprise | agency | citizens
  long long org_parent_id = 0;  // an enterprise's district (0 if none)
  std::string org_name_zh;
  std::string org_name_en;
  std::vector<std::string> roles;
  std::vector<std::string> desks;  // the office's desks this user works on
  std::string csrf_token;
  std::string ip;
  long long session_id = 0;           // the session of this request (0 when none)
  bool must_change_password = false;  // only GET /me, POST /me/password and logout answer

  bool Has(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
  bool HasAny(std::initializer_list<std::string_view> any) const {
    return std::any_of(any.begin(), any.end(), [this](std::string_view r) { return Has(r); });
  }
  // Office staff (of any desk, or reading everything).
  bool IsOffice() const { return HasAny({"officer", "approver", "auditor", "admin"}); }
  // The office's readers of everything: the auditor and the administrator.
  bool ReadsEverything() const { return org_kind == "office" && HasAny({"auditor", "admin"}); }
  bool OnDesk(std::string_view desk) const {
    return std::find(desks.begin(), desks.end(), desk) != desks.end();
  }

  Json ToJson() const;  // the "user" object of /me and login
};

}  // namespace waishi::auth
