// A definition is checked before the server starts: anything malformed in itself when it is
// parsed, anything that refers to what no module registered by Registry::Validate; each
// error names the definition and the key. Case numbers from their patterns.
#include "core/cases/definition.h"

#include <gtest/gtest.h>

#include "core/cases/registry.h"
#include "core/cases/test_types.h"

namespace waishi::cases {
namespace {

// The test visa type with one substitution made in its text.
std::string With(const std::string& from, const std::string& to) {
  std::string def = testing::kCitizenType;
  const auto at = def.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) def.replace(at, from.size(), to);
  return def;
}

// The message of the DefinitionError that parsing and validating `def` throws, or "".
std::string ErrorOf(const std::string& def) {
  try {
    Registry r;
    r.AddDesk({"visa", {"签证", "Visa"}});
    r.AddRule("test.not_antarctica", {"", ""},
              [](const RuleContext&) { return std::vector<Violation>{}; });
    r.AddRule("test.soon", {"", ""}, [](const RuleContext&) { return std::vector<Violation>{}; });
    r.AddType(def);
    r.Validate([](std::string_view p) { return p == "test_visa"; });
    return "";
  } catch (const DefinitionError& e) {
    return e.what();
  }
}

TEST(CaseDefinitionTest, TheTestTypesAreValid) {
  Registry r;
  testing::RegisterTestTypes(r);
  EXPECT_NO_THROW(r.Validate([](std::string_view) { return true; }));
  const CaseType& visa = *r.FindType("test_visa");
  EXPECT_EQ(visa.owner.kind, OwnerDef::Kind::kUser);
  EXPECT_EQ(visa.desk_roles, std::vector<std::string>{"officer"});
  EXPECT_FALSE(visa.parent_reviews);
  EXPECT_TRUE(r.FindType("test_grant")->parent_reviews);
  EXPECT_EQ(visa.RunningIn("ready")->name, "collect_by");
  EXPECT_EQ(visa.RunningIn("draft"), nullptr);
}

TEST(CaseDefinitionTest, EachMistakeIsNamedWithItsDefinitionAndKey) {
  const struct {
    const char* from;
    const char* to;
    const char* message;
  } table[] = {
      {R"("scope": "desk", "roles": ["officer"],
     "rules": ["test.soon"])",
       R"("scope": "dsk", "roles": ["officer"],
     "rules": ["test.soon"])",
       "case type test_visa, transitions[1] (approve).scope: unknown scope 'dsk' (owner, parent, "
       "desk or any)"},
      {R"("roles": ["officer"],
     "rules": ["test.soon"])",
       R"("roles": ["oficer"],
     "rules": ["test.soon"])",
       "case type test_visa, transitions[1] (approve).roles: unknown role 'oficer'"},
      {R"("rules": ["test.soon"])", R"("rules": ["test.son"])",
       "case type test_visa, transitions[1] (approve).rules: no module registers the rule "
       "'test.son'"},
      {R"("desk": "visa")", R"("desk": "visas")",
       "case type test_visa, desk: no module registers the desk 'visas'"},
      {R"("policy": "test_visa")", R"("policy": "test_vias")",
       "case type test_visa, policy: no module registers the policy 'test_vias'"},
      {R"("to": "ready")", R"("to": "redy")",
       "case type test_visa, transitions[1] (approve).to: unknown state 'redy'"},
      {R"("writes": ["collected_by"])", R"("writes": ["collector"])",
       "case type test_visa, transitions[2] (collect).writes: unknown field 'collector'"},
      {R"("unit": "days")", R"("unit": "weeks")",
       "case type test_visa, deadlines.collect_by.unit: unknown unit 'weeks' (working_days, days "
       "or months)"},
      {R"("kind": "user")", R"("kind": "person")",
       "case type test_visa, owner.kind: unknown owner kind 'person' (user or organization)"},
      {R"("numbering": "甬外签〔{year}〕{seq:4}号")", R"("numbering": "甬外签〔{yaer}〕{seq:4}号")",
       "case type ?, numbering: unknown placeholder {yaer}"},
      {R"("editable_states": ["draft"])", R"("editable_sates": ["draft"])",
       "case type test_visa, (definition).editable_sates: unknown key"},
      {R"("type": "money")", R"("type": "mony")",
       "case type test_visa, fields.fee.type: unknown type mony"},
  };
  EXPECT_EQ(ErrorOf(testing::kCitizenType), "");
  for (const auto& row : table) {
    SCOPED_TRACE(row.to);
    EXPECT_EQ(ErrorOf(With(row.from, row.to)), row.message);
  }
}

// A user-owned type may share its cases within the applicant's organization (an enterprise's
// users); an organization-owned type's are the organization's already.
TEST(CaseDefinitionTest, OnlyAUserOwnedTypeSharesWithinAnOrganization) {
  const std::string owner = R"("kind": "user", "roles": ["citizen"])";
  EXPECT_EQ(ErrorOf(With(owner, owner + R"(, "shared_within": ["enterprise"])")), "");
  EXPECT_EQ(ErrorOf(With(owner, R"("kind": "organization", "org_kinds": ["enterprise"],
    "roles": ["citizen"], "shared_within": ["enterprise"])")),
            "case type test_visa, owner.shared_within: only a user-owned type shares cases "
            "within an organization");
}

// A sub-record's transition names rules and effects like the case's own, checked the same way.
TEST(CaseDefinitionTest, ASubrecordsRulesAndEffectsMustBeRegistered) {
  auto error_of = [](std::string_view from, std::string_view to) -> std::string {
    std::string def = testing::kParentType;
    const auto at = def.find(from);
    if (at == std::string::npos) return "test setup: no " + std::string(from);
    def.replace(at, from.size(), to);
    Registry r;
    r.AddDesk({"grants", {"补助", "Grants"}});
    r.AddRoute("test.by_fact", [](const CaseRecord&, const TransitionDef&, const Json&) {
      return std::string("office");
    });
    r.AddRule("test.milestone_named", {"", ""},
              [](const RuleContext&) { return std::vector<Violation>{}; });
    r.AddEffect("test.milestone_log", [](const EffectCall&) {});
    try {
      r.AddType(def);
      r.Validate([](std::string_view) { return true; });
      return "";
    } catch (const DefinitionError& e) {
      return e.what();
    }
  };
  EXPECT_EQ(error_of("", ""), "");
  EXPECT_EQ(error_of("\"test.milestone_log\"", "\"test.milestone_lgo\""),
            "case type test_grant, subrecords.milestone.transitions[0] (verify).effects: no module "
            "registers the effect 'test.milestone_lgo'");
  EXPECT_EQ(error_of("\"test.milestone_named\"", "\"test.milestone_nmaed\""),
            "case type test_grant, subrecords.milestone.transitions[0] (verify).rules: no module "
            "registers the rule 'test.milestone_nmaed'");
  EXPECT_EQ(error_of("\"rules\": [\"test.milestone_named\"]", "\"route\": \"test.by_fact\""),
            "case type test_grant, subrecords.milestone.transitions[0]: a sub-record's transition "
            "has one target and no route or writes");
}

TEST(CaseDefinitionTest, NumbersFromThePattern) {
  EXPECT_EQ(NumberFor("OT-{year}-{seq:6}", 2026, 42), "OT-2026-000042");
  EXPECT_EQ(NumberFor("甬外邀〔{year}〕{seq:4}号", 2027, 1), "甬外邀〔2027〕0001号");
  EXPECT_EQ(NumberFor("{seq}", 2027, 123456), "123456");
  EXPECT_EQ(NumberFor("N{seq:2}", 2027, 12345), "N12345");  // never truncated
  EXPECT_THROW(NumberFor("{seq:0}", 2027, 1), DefinitionError);
  EXPECT_THROW(NumberFor("{year", 2027, 1), DefinitionError);
}

}  // namespace
}  // namespace waishi::cases
