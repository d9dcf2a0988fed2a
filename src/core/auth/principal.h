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

// The roles of PRODUCT.md section 1, the administrator split in three (docs/security.md).
inline constexpr std::string_view kRoles[] = {
    "citizen",  "enterprise_user", "enterprise_admin", "agency", "reviewer",       "officer",
    "approver", "partner",         "auditor",          "admin",  "security_admin", "audit_admin"};
bool IsRole(std::string_view role);

// Separation of duties (三员分立), GB/T 22239-2019 level 3, 8.1.5 (安全管理中心): the system
// administrator (系统管理, accounts and configuration), the security administrator (安全管理,
// roles and policies) and the audit administrator (审计管理, the audit log only). None of them
// reads a case. The rules on the accounts holding them are in core/auth/duties.h.
inline constexpr std::string_view kAdminRoles[] = {"admin", "security_admin", "audit_admin"};

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
  // Office staff who work on or read the office's matters (of any desk, or reading
  // everything); not the administrators, who read no case.
  bool IsOffice() const { return HasAny({"officer", "approver", "auditor"}); }
  // The office's reader of everything: the auditor (internal control), who changes nothing.
  bool ReadsEverything() const { return org_kind == "office" && Has("auditor"); }
  bool OnDesk(std::string_view desk) const {
    return std::find(desks.begin(), desks.end(), desk) != desks.end();
  }
  // The staff who work a desk's matters: an officer or approver of the office on that desk.
  bool WorksDesk(std::string_view desk) const {
    return org_kind == "office" && OnDesk(desk) && HasAny({"officer", "approver"});
  }

  Json ToJson() const;  // the "user" object of /me and login
};

}  // namespace waishi::auth
