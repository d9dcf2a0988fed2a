// The engine's decisions as a table: who, in which state, asks for which action with what,
// and what the engine decides — the refusal (status and code) or the target state, the
// overrides, the data written and the deadlines started and met. Two test types cover both
// owner kinds, desk routing, a parent's review and a route that branches on a fact
// (test_types.h).
#include "core/cases/decision.h"

#include <gtest/gtest.h>

#include "core/cases/test_types.h"
#include "core/cases/visibility.h"

namespace waishi::cases {
namespace {

using calendar::Date;

constexpr long long kCitizen = 7, kOtherCitizen = 8, kCitizens = 3;
constexpr long long kOffice = 1, kDistrict = 10, kOtherDistrict = 11, kEnterprise = 100;

auth::Principal Who(long long user, long long org, std::string org_kind,
                    std::vector<std::string> roles, std::vector<std::string> desks = {}) {
  auth::Principal p;
  p.user_id = user;
  p.org_id = org;
  p.org_kind = std::move(org_kind);
  p.roles = std::move(roles);
  p.desks = std::move(desks);
  return p;
}

const Registry& Types() {
  static Registry registry = [] {
    Registry r;
    testing::RegisterTestTypes(r);
    return r;
  }();
  return registry;
}

struct Row {
  const char* name;
  const char* type;
  auth::Principal who;
  const char* state;
  TransitionRequest request;
  Json data;    // the case's stored data
  Json policy;  // the type's policy
  Json facts;   // what the module knows
  std::map<std::string, DeadlineState> deadlines;
  // expected
  int status;                        // 0: decided
  const char* code;                  // the error code, or the target state
  std::vector<std::string> changes;  // "start sla 2027-03-08", "met sla late"
  Json overrides = Json::object();
  Json written = nullptr;  // a member of the data after the transition, {"key": value}
};

const auth::Principal kOwner = Who(kCitizen, kCitizens, "citizens", {"citizen"});
const auth::Principal kStranger = Who(kOtherCitizen, kCitizens, "citizens", {"citizen"});
const auth::Principal kVisaOfficer = Who(2, kOffice, "office", {"officer"}, {"visa"});
const auth::Principal kOtherDeskOfficer = Who(3, kOffice, "office", {"officer"}, {"events"});
const auth::Principal kApplicant = Who(20, kEnterprise, "enterprise", {"enterprise_user"});
const auth::Principal kReviewer = Who(30, kDistrict, "district", {"reviewer"});
const auth::Principal kOtherReviewer = Who(31, kOtherDistrict, "district", {"reviewer"});
const auth::Principal kGrantsApprover = Who(4, kOffice, "office", {"approver"}, {"grants"});

// Today is Monday 1 March 2027; entry is on the 5th (a warning for test.soon).
const Json kVisa{{"destination", "FR"}, {"entry_date", "2027-03-05"}};
const Json kSoonWarning{{"severity", {{"test.soon", "warning"}}}};

std::vector<Row> Table() {
  const TransitionRequest submit{"submit", "", Json::object(), nullptr};
  const TransitionRequest approve{"approve", "", Json::object(), nullptr};
  const TransitionRequest approve_with_reason{
      "approve",
      "",
      {{"test.soon", "急需出行,领导已同意。 Urgent, agreed by the director."}},
      nullptr};
  return {
      // --- a citizen-owned type, routed to the visa desk
      {"owner submits; the SLA starts",
       "test_visa",
       kOwner,
       "draft",
       submit,
       kVisa,
       {},
       {},
       {},
       0,
       "review",
       {"start sla 2027-03-08"}},
      {"another citizen may not",
       "test_visa",
       kStranger,
       "draft",
       submit,
       kVisa,
       {},
       {},
       {},
       403,
       "forbidden_action",
       {}},
      {"a blocking rule stops the owner",
       "test_visa",
       kOwner,
       "draft",
       submit,
       {{"destination", "AQ"}, {"entry_date", "2027-03-05"}},
       {},
       {},
       {},
       422,
       "rules_failed",
       {}},
      {"incomplete data stops a submission",
       "test_visa",
       kOwner,
       "draft",
       submit,
       {{"destination", "FR"}},
       {},
       {},
       {},
       422,
       "rules_failed",
       {}},
      {"the desk's officer decides; a blocking rule by default",
       "test_visa",
       kVisaOfficer,
       "review",
       approve,
       kVisa,
       {},
       {},
       {{"sla", {"2027-03-08", false}}},
       422,
       "rules_failed",
       {}},
      {"a warning needs the officer's reason",
       "test_visa",
       kVisaOfficer,
       "review",
       approve,
       kVisa,
       kSoonWarning,
       {},
       {{"sla", {"2027-03-08", false}}},
       422,
       "rules_failed",
       {}},
      {"with a reason it is overridden; SLA met, collect-by starts from the entry date",
       "test_visa",
       kVisaOfficer,
       "review",
       approve_with_reason,
       kVisa,
       kSoonWarning,
       {},
       {{"sla", {"2027-03-08", false}}},
       0,
       "ready",
       {"met sla", "start collect_by 2027-03-15"},
       {{"test.soon", "急需出行,领导已同意。 Urgent, agreed by the director."}}},
      {"the policy sets the collect-by length",
       "test_visa",
       kVisaOfficer,
       "review",
       approve_with_reason,
       kVisa,
       {{"severity", {{"test.soon", "warning"}}}, {"collect_days", 3}},
       {},
       {},
       0,
       "ready",
       {"start collect_by 2027-03-08"},
       {{"test.soon", "急需出行,领导已同意。 Urgent, agreed by the director."}}},
      {"an SLA met after its due date is late",
       "test_visa",
       kVisaOfficer,
       "review",
       approve_with_reason,
       kVisa,
       kSoonWarning,
       {},
       {{"sla", {"2027-02-26", false}}},
       0,
       "ready",
       {"met sla late", "start collect_by 2027-03-15"},
       {{"test.soon", "急需出行,领导已同意。 Urgent, agreed by the director."}}},
      {"another desk's officer may not",
       "test_visa",
       kOtherDeskOfficer,
       "review",
       approve,
       kVisa,
       {},
       {},
       {},
       403,
       "forbidden_action",
       {}},
      {"not from this state",
       "test_visa",
       kVisaOfficer,
       "draft",
       approve,
       kVisa,
       {},
       {},
       {},
       409,
       "invalid_state",
       {}},
      {"no such action",
       "test_visa",
       kOwner,
       "draft",
       {"fly", "", Json::object(), nullptr},
       kVisa,
       {},
       {},
       {},
       422,
       "validation_failed",
       {}},
      {"a transition writes the field it declares",
       "test_visa",
       kVisaOfficer,
       "ready",
       {"collect", "", Json::object(), {{"collected_by", "李华"}}},
       kVisa,
       {},
       {},
       {{"collect_by", {"2027-03-15", false}}},
       0,
       "collected",
       {"met collect_by"},
       Json::object(),
       {{"collected_by", "李华"}}},
      {"and no other",
       "test_visa",
       kVisaOfficer,
       "ready",
       {"collect", "", Json::object(), {{"destination", "DE"}}},
       kVisa,
       {},
       {},
       {},
       422,
       "rules_failed",
       {}},
      {"a transition that declares none writes none",
       "test_visa",
       kVisaOfficer,
       "review",
       {"approve", "", {{"test.soon", "ok"}}, {{"collected_by", "x"}}},
       kVisa,
       kSoonWarning,
       {},
       {},
       422,
       "rules_failed",
       {}},

      // --- an enterprise-owned type, reviewed by the parent organization first
      {"a route picks the district from a fact",
       "test_grant",
       kApplicant,
       "draft",
       submit,
       {{"amount", {{"amount", 500000}, {"currency", "CNY"}}}},
       {},
       {{"fast", false}},
       {},
       0,
       "district",
       {}},
      {"or skips it",
       "test_grant",
       kApplicant,
       "draft",
       submit,
       {{"amount", {{"amount", 500}, {"currency", "CNY"}}}},
       {},
       {{"fast", true}},
       {},
       0,
       "office",
       {}},
      {"the parent's reviewer forwards",
       "test_grant",
       kReviewer,
       "district",
       {"forward", "", Json::object(), nullptr},
       {{"amount", {{"amount", 5}, {"currency", "CNY"}}}},
       {},
       {},
       {},
       0,
       "office",
       {}},
      {"another district's may not",
       "test_grant",
       kOtherReviewer,
       "district",
       {"forward", "", Json::object(), nullptr},
       {{"amount", {{"amount", 5}, {"currency", "CNY"}}}},
       {},
       {},
       {},
       403,
       "forbidden_action",
       {}},
      {"the desk's approver decides",
       "test_grant",
       kGrantsApprover,
       "office",
       {"grant", "", Json::object(), nullptr},
       {{"amount", {{"amount", 5}, {"currency", "CNY"}}}},
       {},
       {{"documents", {{"budget", 1}}}},
       {},
       0,
       "granted",
       {}},
      {"not without the document the action needs",
       "test_grant",
       kGrantsApprover,
       "office",
       {"grant", "", Json::object(), nullptr},
       {{"amount", {{"amount", 5}, {"currency", "CNY"}}}},
       {},
       {{"documents", {{"budget", 0}}}},
       {},
       422,
       "rules_failed",
       {}},
  };
}

std::vector<std::string> Changes(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& c : d.deadlines) {
    out.push_back(c.kind == DeadlineChange::Kind::kStart
                      ? "start " + c.name + " " + c.due_date
                      : "met " + c.name + (c.late ? " late" : ""));
  }
  return out;
}

TEST(CaseDecisionTest, EveryRowOfTheTable) {
  const calendar::WorkingCalendar calendar;  // weekends only
  const Date today = Date::FromYmd(2027, 3, 1);
  for (const Row& row : Table()) {
    SCOPED_TRACE(row.name);
    const CaseType& type = *Types().FindType(row.type);
    CaseRecord c;
    c.id = 42;
    c.type = row.type;
    c.state = row.state;
    c.org_id = std::string(row.type) == "test_visa" ? kCitizens : kEnterprise;
    c.org_parent_id = std::string(row.type) == "test_visa" ? 0 : kDistrict;
    c.applicant_id = std::string(row.type) == "test_visa" ? kCitizen : 20;
    c.data = row.data;
    const Json policy = row.policy.is_null() ? Json::object() : row.policy;
    const Json facts = row.facts.is_null() ? Json::object() : row.facts;
    const DecisionInput in{Types(),  type,  c,     row.who,      policy,
                           calendar, today, facts, row.deadlines};
    if (row.status != 0) {
      try {
        Decide(in, row.request);
        ADD_FAILURE() << "decided, expected " << row.status << " " << row.code;
      } catch (const ApiError& e) {
        EXPECT_EQ(e.status(), row.status);
        EXPECT_EQ(e.code(), row.code);
      }
      continue;
    }
    Decision d;
    try {
      d = Decide(in, row.request);
    } catch (const ApiError& e) {
      ADD_FAILURE() << "refused: " << e.status() << " " << e.code() << " "
                    << (e.details().empty() ? "" : e.details()[0].field);
      continue;
    }
    EXPECT_EQ(d.target, row.code);
    EXPECT_EQ(Changes(d), row.changes);
    EXPECT_EQ(d.overrides, row.overrides);
    if (!row.written.is_null()) {
      for (const auto& [k, v] : row.written.items()) EXPECT_EQ(d.data[k], v) << k;
    }
  }
}

TEST(CaseDecisionTest, SubmittingAndDecidingAreMarked) {
  const calendar::WorkingCalendar calendar;
  const CaseType& type = *Types().FindType("test_grant");
  CaseRecord c;
  c.type = "test_grant";
  c.state = "draft";
  c.org_id = kEnterprise;
  c.data = {{"amount", {{"amount", 5}, {"currency", "CNY"}}}};
  const Json none = Json::object();
  const std::map<std::string, DeadlineState> deadlines;
  const Decision submitted = Decide(
      {Types(), type, c, kApplicant, none, calendar, Date::FromYmd(2027, 3, 1), none, deadlines},
      {"submit", "", Json::object(), nullptr});
  EXPECT_TRUE(submitted.submits);
  EXPECT_FALSE(submitted.decides);
  EXPECT_FALSE(type.IsPrivate(submitted.target));
  c.state = "office";
  const Json budget{{"documents", {{"budget", 1}}}};
  const Decision granted = Decide({Types(), type, c, kGrantsApprover, none, calendar,
                                   Date::FromYmd(2027, 3, 1), budget, deadlines},
                                  {"grant", "", Json::object(), nullptr});
  EXPECT_FALSE(granted.submits);
  EXPECT_TRUE(granted.decides);
}

// Who sees a case, for each owner kind, state and kind of office user.
TEST(CaseVisibilityTest, OwnerDeskParentAndReaders) {
  const CaseType& visa = *Types().FindType("test_visa");
  const CaseType& grant = *Types().FindType("test_grant");
  CaseRecord v;
  v.type = "test_visa";
  v.org_id = kCitizens;
  v.applicant_id = kCitizen;
  CaseRecord g;
  g.type = "test_grant";
  g.org_id = kEnterprise;
  g.org_parent_id = kDistrict;
  g.applicant_id = 20;
  const auth::Principal auditor = Who(5, kOffice, "office", {"auditor"});
  const auth::Principal colleague = Who(21, kEnterprise, "enterprise", {"enterprise_user"});
  const struct {
    const char* name;
    const CaseType& type;
    const CaseRecord& c;
    const auth::Principal& who;
    bool in_draft;  // the owner's private state, else one past submission
    bool sees;
  } table[] = {
      {"the citizen sees their draft", visa, v, kOwner, true, true},
      {"another citizen never", visa, v, kStranger, false, false},
      {"the desk not the draft", visa, v, kVisaOfficer, true, false},
      {"the desk once submitted", visa, v, kVisaOfficer, false, true},
      {"another desk never", visa, v, kOtherDeskOfficer, false, false},
      {"the auditor once submitted", visa, v, auditor, false, true},
      {"the auditor not a draft", visa, v, auditor, true, false},
      {"a colleague sees the enterprise's draft", grant, g, colleague, true, true},
      {"the parent's reviewer once submitted", grant, g, kReviewer, false, true},
      {"the parent's reviewer not the draft", grant, g, kReviewer, true, false},
      {"another district's reviewer never", grant, g, kOtherReviewer, false, false},
      {"the grants desk once submitted", grant, g, kGrantsApprover, false, true},
      {"the visa desk never", grant, g, kVisaOfficer, false, false},
  };
  for (const auto& row : table) {
    CaseRecord c = row.c;
    c.state = row.in_draft ? "draft" : c.type == "test_visa" ? "review" : "office";
    EXPECT_EQ(CanSee(row.who, row.type, c), row.sees) << row.name;
  }
}

// A file the office keeps for itself, on one desk: only that desk's staff own it; each of two
// transitions writes its own field, and the second does not trip over what the first wrote.
constexpr const char* kDeskFile = R"({
  "type": "test_help", "label": {"zh": "协助", "en": "Help"}, "desk": "help",
  "numbering": "H-{year}-{seq:3}",
  "owner": {"kind": "organization", "org_kinds": ["office"], "roles": ["officer"],
            "private_states": ["draft"], "desk_only": true},
  "fields": [
    {"name": "who", "type": "text", "required": true, "label": {"zh": "谁", "en": "Who"}},
    {"name": "handed_to", "type": "text", "required": true, "label": {"zh": "移交", "en": "Handed to"}},
    {"name": "outcome", "type": "text", "required": true, "label": {"zh": "结果", "en": "Outcome"}}
  ],
  "states": [
    {"name": "draft", "label": {"zh": "草稿", "en": "Draft"}},
    {"name": "open", "label": {"zh": "处置", "en": "Open"}},
    {"name": "handed_off", "label": {"zh": "移交", "en": "Handed off"}},
    {"name": "closed", "label": {"zh": "结案", "en": "Closed"}, "terminal": true}
  ],
  "editable_states": ["draft", "open", "handed_off"],
  "transitions": [
    {"action": "open", "from": "draft", "to": "open", "scope": "owner", "roles": ["officer"],
     "label": {"zh": "立案", "en": "Open"}},
    {"action": "hand_off", "from": "open", "to": "handed_off", "scope": "desk", "roles": ["officer"],
     "writes": ["handed_to"], "label": {"zh": "移交", "en": "Hand off"}},
    {"action": "close", "from": ["open", "handed_off"], "to": "closed", "scope": "desk",
     "roles": ["officer"], "writes": ["outcome"], "label": {"zh": "结案", "en": "Close"}}
  ]
})";

TEST(CaseDecisionTest, ADeskFileIsItsDesksAndEachTransitionWritesItsOwnField) {
  Registry registry;
  const CaseType& type = registry.AddType(kDeskFile);
  const auth::Principal desk = Who(2, kOffice, "office", {"officer"}, {"help"});
  CaseRecord c;
  c.type = "test_help";
  c.org_id = kOffice;
  c.state = "draft";
  c.data = {{"who", "徐卓然"}};
  EXPECT_TRUE(IsOwnerSide(desk, type, c));
  EXPECT_TRUE(HasOwnerRole(desk, type));
  // An officer of the same office on another desk neither owns it nor sees it, draft or not.
  EXPECT_FALSE(HasOwnerRole(kVisaOfficer, type));
  EXPECT_FALSE(CanSee(kVisaOfficer, type, c));
  c.state = "open";
  EXPECT_FALSE(CanSee(kVisaOfficer, type, c));

  const calendar::WorkingCalendar calendar;
  const Json none = Json::object();
  const std::map<std::string, DeadlineState> deadlines;
  const Date today = Date::FromYmd(2027, 3, 1);
  const Decision handed =
      Decide({registry, type, c, desk, none, calendar, today, none, deadlines},
             {"hand_off", "", Json::object(), Json{{"handed_to", "驻开普敦总领馆"}}});
  EXPECT_EQ(handed.target, "handed_off");
  c.state = "handed_off";
  c.data = handed.data;
  const Decision closed = Decide({registry, type, c, desk, none, calendar, today, none, deadlines},
                                 {"close", "", Json::object(), Json{{"outcome", "旅行证已补办"}}});
  EXPECT_EQ(closed.target, "closed");
  EXPECT_EQ(closed.data["handed_to"], "驻开普敦总领馆");
  EXPECT_EQ(closed.data["outcome"], "旅行证已补办");
  // The later transition still may not rewrite the earlier one's field.
  try {
    Decide({registry, type, c, desk, none, calendar, today, none, deadlines},
           {"close", "", Json::object(), Json{{"outcome", "x"}, {"handed_to", "y"}}});
    ADD_FAILURE() << "rewrote handed_to";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "rules_failed");
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(e.details()[0].field, "handed_to");
  }
}

TEST(CaseDefinitionTest, OnlyAnOfficeOwnedTypeIsKeptToItsDesk) {
  Registry registry;
  std::string def = kDeskFile;
  def.replace(def.find(R"("org_kinds": ["office"])"), 23, R"("org_kinds": ["enterprise"])");
  EXPECT_THROW(registry.AddType(def), DefinitionError);
}

}  // namespace
}  // namespace waishi::cases
