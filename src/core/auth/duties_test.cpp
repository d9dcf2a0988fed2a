#include "core/auth/duties.h"

#include <gtest/gtest.h>

namespace waishi::auth {
namespace {

TEST(Duties, AnAdministratorsAccountHoldsItsOneRoleAndNoOther) {
  EXPECT_FALSE(DutiesViolation({"admin"}));
  EXPECT_FALSE(DutiesViolation({"security_admin"}));
  EXPECT_FALSE(DutiesViolation({"audit_admin"}));
  EXPECT_FALSE(DutiesViolation({"officer", "approver"}));
  EXPECT_FALSE(DutiesViolation({}));
  for (const auto& roles : std::vector<std::vector<std::string>>{
           {"admin", "security_admin"},
           {"admin", "audit_admin"},
           {"audit_admin", "security_admin"},
           {"admin", "auditor"},  // changes accounts and reads the audit log
           {"audit_admin", "officer"},
           {"security_admin", "approver"}}) {
    const auto broken = DutiesViolation(roles);
    ASSERT_TRUE(broken) << roles[0] << " + " << roles[1];
    EXPECT_EQ(broken->field, "roles");
    EXPECT_EQ(broken->rule, "separation_of_duties");
  }
}

TEST(Duties, TheSystemAdministratorGivesOnlyTheRolesOfPeopleOutsideTheOffice) {
  for (auto role : {"citizen", "enterprise_user", "enterprise_admin", "agency", "partner"})
    EXPECT_TRUE(SystemAdminGrants(role)) << role;
  for (auto role : {"reviewer", "officer", "approver", "auditor", "admin", "security_admin",
                    "audit_admin", "emperor"})
    EXPECT_FALSE(SystemAdminGrants(role)) << role;
}

TEST(Duties, AChangeToAnAdministratorsAccessNeedsASecondAdministrator) {
  // The account holds an administrator's role, before or after.
  EXPECT_TRUE(NeedsSecondAdministrator({"admin"}, {"admin"}, true));
  EXPECT_TRUE(NeedsSecondAdministrator({"officer"}, {"audit_admin"}, true));
  EXPECT_TRUE(NeedsSecondAdministrator({"security_admin"}, {}, true));
  // The auditor's too: it reads the audit log and every case (issue 7: an admin reset the
  // auditor's password and signed in as the auditor).
  EXPECT_TRUE(NeedsSecondAdministrator({"auditor"}, {"auditor"}, true));
  EXPECT_TRUE(NeedsSecondAdministrator({"officer"}, {"auditor"}, true));
  // Not its access (a name, an e-mail address), or nobody's administrator.
  EXPECT_FALSE(NeedsSecondAdministrator({"admin"}, {"admin"}, false));
  EXPECT_FALSE(NeedsSecondAdministrator({"officer"}, {"approver"}, true));
}

}  // namespace
}  // namespace waishi::auth
