#include "core/auth/duties.h"

#include <algorithm>
#include <iterator>

#include "core/auth/principal.h"
#include "core/i18n/text.h"

namespace waishi::auth {
namespace {

constexpr std::string_view kSystemAdminGrants[] = {"citizen", "enterprise_user", "enterprise_admin",
                                                   "agency", "partner"};

}  // namespace

bool IsAdminRole(std::string_view role) {
  return std::ranges::find(kAdminRoles, role) != std::end(kAdminRoles);
}

bool HoldsAdminRole(const std::vector<std::string>& roles) {
  return std::ranges::any_of(roles, [](const std::string& r) { return IsAdminRole(r); });
}

std::optional<FieldError> DutiesViolation(const std::vector<std::string>& roles) {
  if (!HoldsAdminRole(roles) || roles.size() == 1) return std::nullopt;
  return FieldError{"roles", "separation_of_duties", i18n::T("validation.separation_of_duties")};
}

bool HoldsGuardedRole(const std::vector<std::string>& roles) {
  return HoldsAdminRole(roles) || std::ranges::find(roles, "auditor") != roles.end();
}

bool SystemAdminGrants(std::string_view role) {
  return std::ranges::find(kSystemAdminGrants, role) != std::end(kSystemAdminGrants);
}

bool NeedsSecondAdministrator(const std::vector<std::string>& before,
                              const std::vector<std::string>& after, bool touches_access) {
  return touches_access && (HoldsGuardedRole(before) || HoldsGuardedRole(after));
}

}  // namespace waishi::auth
