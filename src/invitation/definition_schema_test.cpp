// The invitation_letter definition as the API serves it conforms to the CaseType schema of the
// OpenAPI document, and every rule and deadline it names is the module's.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/cases/definition_schema.h"
#include "core/resources.h"
#include "invitation/rules.h"

namespace waishi::invitation {
namespace {

TEST(InvitationDefinitionSchemaTest, TheServedDefinitionConformsToTheSchema) {
  cases::Registry registry;
  RegisterRules(registry);
  const cases::CaseType& type = registry.AddType(Resource("src/invitation/invitation_letter.json"));
  const Json served = cases::CaseTypeJson(registry, type, DefaultPolicy());
  EXPECT_EQ(cases::DeparturesFromSchema(served), std::vector<std::string>{});
  EXPECT_EQ(served["rules"].size(), std::size(kRuleIds));
  for (const auto& rule : served["rules"]) EXPECT_TRUE(rule["label"].is_object()) << rule;
  // The visa deadline runs from the planned arrival once the letter is issued.
  const cases::DeadlineDef* visa = nullptr;
  for (const auto& d : type.deadlines)
    if (d.name == "visa") visa = &d;
  ASSERT_NE(visa, nullptr);
  EXPECT_EQ(visa->from_field, "arrival_date");
  EXPECT_EQ(visa->length, 0);
  EXPECT_EQ(visa->start_on, std::vector<std::string>{"issue"});
}

}  // namespace
}  // namespace waishi::invitation
