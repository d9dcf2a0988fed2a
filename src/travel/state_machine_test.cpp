// The outbound_travel state machine as the definition file declares it, checked against a
// table written out by hand from issue 2 ("The first case type: outbound_travel"): for every
// state and every kind of user, exactly the actions that user may take — every allowed
// transition is listed, and every one not listed must be refused.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/auth/principal.h"
#include "core/cases/definition.h"
#include "core/cases/registry.h"
#include "core/cases/visibility.h"
#include "core/resources.h"

namespace waishi::travel {
namespace {

using Actions = std::set<std::string>;

// The organizations of the scenario.
constexpr long long kOffice = 1;
constexpr long long kDistrict = 10;  // the applicant's district
constexpr long long kOtherDistrict = 20;
constexpr long long kApplicant = 100;        // the enterprise whose case it is
constexpr long long kOtherEnterprise = 200;  // another enterprise of the same district

auth::Principal User(std::vector<std::string> roles, long long org_id, std::string org_kind,
                     long long org_parent_id = 0, std::vector<std::string> desks = {}) {
  auth::Principal p;
  p.roles = std::move(roles);
  p.org_id = org_id;
  p.org_kind = std::move(org_kind);
  p.org_parent_id = org_parent_id;
  p.desks = std::move(desks);
  return p;
}

const std::map<std::string, auth::Principal>& Users() {
  static const std::map<std::string, auth::Principal> users = {
      {"applicant", User({"enterprise_user"}, kApplicant, "enterprise", kDistrict)},
      {"applicant_admin", User({"enterprise_admin"}, kApplicant, "enterprise", kDistrict)},
      {"other_enterprise",
       User({"enterprise_user", "enterprise_admin"}, kOtherEnterprise, "enterprise", kDistrict)},
      {"district_reviewer", User({"reviewer"}, kDistrict, "district")},
      {"other_district_reviewer", User({"reviewer"}, kOtherDistrict, "district")},
      {"officer", User({"officer"}, kOffice, "office", 0, {"travel"})},
      {"approver", User({"approver"}, kOffice, "office", 0, {"travel"})},
      // Office staff of another desk see and do nothing here.
      {"visa_officer", User({"officer", "approver"}, kOffice, "office", 0, {"visa"})},
      {"auditor", User({"auditor"}, kOffice, "office")},
      {"admin", User({"admin"}, kOffice, "office")},
  };
  return users;
}

// state → user → the actions allowed. A user not named for a state may do nothing in it.
//   applicant: submits (from draft or returned), withdraws before the office's decision is
//     sought, starts and submits the post-trip report;
//   reviewer of the applicant's district: forwards, returns or rejects in district review;
//   officer: returns, rejects or recommends in office review; starts the report phase or
//     closes the case after approval;
//   approver: approves, returns or rejects a recommended case;
//   auditor: read only; admin (who reads no case), another enterprise or another district's
//     reviewer: nothing.
const std::map<std::string, std::map<std::string, Actions>>& Expected() {
  static const std::map<std::string, std::map<std::string, Actions>> table = {
      {"draft",
       {{"applicant", {"submit", "withdraw"}},  //
        {"applicant_admin", {"submit", "withdraw"}}}},
      {"district_review",
       {{"applicant", {"withdraw"}},
        {"applicant_admin", {"withdraw"}},
        {"district_reviewer", {"forward", "return", "reject"}}}},
      {"office_review",
       {{"applicant", {"withdraw"}},
        {"applicant_admin", {"withdraw"}},
        {"officer", {"return", "reject", "recommend"}}}},
      {"pending_approval",  //
       {{"approver", {"approve", "return", "reject"}}}},
      {"returned",
       {{"applicant", {"submit", "withdraw"}},  //
        {"applicant_admin", {"submit", "withdraw"}}}},
      {"approved",
       {{"applicant", {"start_report"}},
        {"applicant_admin", {"start_report"}},
        {"officer", {"start_report", "close"}}}},
      {"rejected", {}},
      {"withdrawn", {}},
      {"report_due",
       {{"applicant", {"report"}},  //
        {"applicant_admin", {"report"}},
        {"officer", {"close"}}}},
      {"completed", {}},
  };
  return table;
}

class OutboundTravelStateMachineTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    static cases::Registry registry;
    type_ = &registry.AddType(Resource("src/travel/outbound_travel.json"));
  }

  static cases::CaseRecord CaseIn(const std::string& state) {
    cases::CaseRecord c;
    c.id = 1;
    c.type = "outbound_travel";
    c.state = state;
    c.org_id = kApplicant;
    c.org_parent_id = kDistrict;
    return c;
  }

  static const cases::CaseType* type_;
};

const cases::CaseType* OutboundTravelStateMachineTest::type_ = nullptr;

TEST_F(OutboundTravelStateMachineTest, HasTheStatesOfTheIssue) {
  std::set<std::string> states;
  for (const auto& s : type_->states) states.insert(s.name);
  std::set<std::string> expected;
  for (const auto& [state, users] : Expected()) expected.insert(state);
  EXPECT_EQ(states, expected);
  EXPECT_TRUE(type_->IsEditable("draft"));
  EXPECT_TRUE(type_->IsEditable("returned"));
  EXPECT_FALSE(type_->IsEditable("district_review"));
  for (const char* terminal : {"rejected", "withdrawn", "completed"}) {
    EXPECT_TRUE(type_->FindState(terminal)->terminal) << terminal;
  }
}

TEST_F(OutboundTravelStateMachineTest, HasTheActionsOfTheIssue) {
  for (const char* action : {"submit", "forward", "return", "reject", "recommend", "approve",
                             "withdraw", "start_report", "report", "close"}) {
    EXPECT_TRUE(type_->HasAction(action)) << action;
  }
}

TEST_F(OutboundTravelStateMachineTest, EveryUserInEveryStateMayTakeExactlyTheExpectedActions) {
  for (const auto& [state, allowed] : Expected()) {
    for (const auto& [name, user] : Users()) {
      SCOPED_TRACE(state + " / " + name);
      const std::vector<std::string> got = cases::AllowedActions(user, *type_, CaseIn(state));
      const Actions got_set(got.begin(), got.end());
      EXPECT_EQ(got_set.size(), got.size()) << "an action listed twice";
      auto it = allowed.find(name);
      EXPECT_EQ(got_set, it == allowed.end() ? Actions{} : it->second);
    }
  }
}

TEST_F(OutboundTravelStateMachineTest, SubmitGoesToDistrictOrOfficeReviewByRoute) {
  const cases::TransitionDef* submit = type_->FindTransition("submit", "draft");
  ASSERT_NE(submit, nullptr);
  EXPECT_EQ(submit->to, (std::vector<std::string>{"district_review", "office_review"}));
  EXPECT_EQ(submit->route, "travel.submit_route");
  EXPECT_EQ(type_->FindTransition("submit", "returned"), submit);
}

TEST_F(OutboundTravelStateMachineTest, EachActionLeadsWhereTheIssueSays) {
  const struct {
    const char* action;
    const char* from;
    const char* to;
  } edges[] = {
      {"forward", "district_review", "office_review"},
      {"return", "district_review", "returned"},
      {"return", "office_review", "returned"},
      {"return", "pending_approval", "returned"},
      {"reject", "district_review", "rejected"},
      {"reject", "office_review", "rejected"},
      {"reject", "pending_approval", "rejected"},
      {"recommend", "office_review", "pending_approval"},
      {"approve", "pending_approval", "approved"},
      {"withdraw", "draft", "withdrawn"},
      {"withdraw", "returned", "withdrawn"},
      {"start_report", "approved", "report_due"},
      {"report", "report_due", "completed"},
      {"close", "approved", "completed"},
      {"close", "report_due", "completed"},
  };
  for (const auto& e : edges) {
    SCOPED_TRACE(std::string(e.action) + " from " + e.from);
    const cases::TransitionDef* t = type_->FindTransition(e.action, e.from);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->to, std::vector<std::string>{e.to});
  }
}

TEST_F(OutboundTravelStateMachineTest, RulesRunWhereTheIssueSays) {
  auto rules_of = [&](const char* action, const char* from) {
    const cases::TransitionDef* t = type_->FindTransition(action, from);
    return t ? std::set<std::string>(t->rules.begin(), t->rules.end()) : std::set<std::string>{};
  };
  // The publicity period is checked when the office recommends (and again at approval:
  // no approval without publicity), not when the applicant submits.
  EXPECT_FALSE(rules_of("submit", "draft").contains("travel.publicity_period"));
  EXPECT_TRUE(rules_of("submit", "draft").contains("travel.max_days"));
  EXPECT_TRUE(rules_of("recommend", "office_review").contains("travel.publicity_period"));
  EXPECT_TRUE(rules_of("approve", "pending_approval").contains("travel.publicity_period"));
  EXPECT_TRUE(rules_of("report", "report_due").contains("travel.post_trip_report"));
}

TEST_F(OutboundTravelStateMachineTest, RefusingTransitionsNeedAComment) {
  for (const auto& t : type_->transitions) {
    if (t.action == "return" || t.action == "reject" || t.action == "close") {
      EXPECT_TRUE(t.comment_required) << t.action << " from " << t.from.front();
    }
  }
}

}  // namespace
}  // namespace waishi::travel
