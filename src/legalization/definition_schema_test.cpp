// The legalization definition as the API serves it conforms to the CaseType schema of the
// OpenAPI document, and every rule it names is the module's.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/cases/definition_schema.h"
#include "core/resources.h"
#include "legalization/parts.h"

namespace waishi::legalization {
namespace {

TEST(LegalizationDefinitionSchemaTest, TheServedDefinitionConformsToTheSchema) {
  cases::Registry registry;
  RegisterRules(registry);
  const cases::CaseType& type = registry.AddType(Resource("src/legalization/legalization.json"));
  const Json served = cases::CaseTypeJson(registry, type, DefaultPolicy());
  EXPECT_EQ(cases::DeparturesFromSchema(served), std::vector<std::string>{});
  EXPECT_EQ(served["rules"].size(), RuleCount());
  // The documents: their own states, the apostille and the legalization chain apart.
  const cases::SubrecordDef* document = type.FindSubrecord("document");
  ASSERT_NE(document, nullptr);
  EXPECT_EQ(document->states.front().name, "received");
  EXPECT_EQ(document->FindTransition("apostille", "checked")->rules,
            std::vector<std::string>{"legalization.route_apostille"});
  EXPECT_EQ(document->FindTransition("authenticate", "checked")->rules,
            std::vector<std::string>{"legalization.route_legalization"});
  EXPECT_EQ(document->FindTransition("apostille", "authenticated"), nullptr);
}

}  // namespace
}  // namespace waishi::legalization
