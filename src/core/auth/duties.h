// Separation of duties (三员分立): the rules on the accounts of the three administrators
// (auth::kAdminRoles), GB/T 22239-2019 level 3, 8.1.4.2 c) (least privilege, the managers'
// privileges separated) and 8.1.5 (system, audit and security management). Pure functions of
// the roles; the accounts routes apply them (users.cpp, account_changes.cpp).
//
//   system administrator (admin)            organizations, accounts (create, deactivate,
//                                           reset a password), reference data, configuration
//   security administrator (security_admin) the roles of accounts, the policies
//   audit administrator (audit_admin)       the audit log (read, verify)
//
// None of them reads a case, and none can both change accounts and read the audit log.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace waishi::auth {

// True if `role` is one of the three administrators' roles.
bool IsAdminRole(std::string_view role);
// True if `roles` holds one of them.
bool HoldsAdminRole(const std::vector<std::string>& roles);

// The error for an account that would hold `roles`, or nullopt if they are allowed: an
// administrator's account holds its one administrator role and no other (so no account holds
// two of the three, nor changes accounts while reading the audit log as auditor, nor reads
// cases as an officer). Field "roles", rule "separation_of_duties".
std::optional<FieldError> DutiesViolation(const std::vector<std::string>& roles);

// True if the system administrator may give `role` when creating an account: the roles of
// people outside the office's staff (citizen, enterprise user and admin, agency, partner).
// Every other role is given by the security administrator (PUT /users/{id}/roles).
bool SystemAdminGrants(std::string_view role);

// True if `roles` hold an administrator's role or the auditor's: the accounts whose access no
// administrator changes alone. The auditor is among them because it reads the audit log and
// every case: an administrator who could reset its password alone could sign in as the auditor
// (issue 7).
bool HoldsGuardedRole(const std::vector<std::string>& roles);

// True if a change to an account waits for a second administrator: it touches the account's
// access (`touches_access`: its roles, its activation or its password) and the account holds
// a guarded role (HoldsGuardedRole) before or after it (`before`, `after`: its roles).
bool NeedsSecondAdministrator(const std::vector<std::string>& before,
                              const std::vector<std::string>& after, bool touches_access);

}  // namespace waishi::auth
