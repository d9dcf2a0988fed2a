// The outbound-travel definition as GET /api/v1/case-types/outbound_travel serves it conforms
// to the CaseType schema of the OpenAPI document (core/cases/definition_schema.h): a key
// added to outbound_travel.json that the schema does not describe fails here.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/cases/definition_schema.h"
#include "core/resources.h"
#include "travel/rules.h"

namespace waishi::travel {
namespace {

TEST(TravelDefinitionSchemaTest, TheServedDefinitionConformsToTheSchema) {
  cases::Registry registry;
  RegisterRules(registry);
  const cases::CaseType& type = registry.AddType(Resource("src/travel/outbound_travel.json"));
  const Json served = cases::CaseTypeJson(registry, type, DefaultPolicy());
  EXPECT_EQ(cases::DeparturesFromSchema(served), std::vector<std::string>{});
  // What the schema is there for: the nested fields, the ui key, every rule labelled.
  EXPECT_TRUE(served["fields"][3]["item"].contains("fields"));
  EXPECT_TRUE(served["ui"].contains("live_figures"));
  for (const auto& rule : served["rules"]) EXPECT_TRUE(rule["label"].is_object()) << rule;
  EXPECT_EQ(served["transitions"][1]["to"], Json({"withdrawn"}));
}

}  // namespace
}  // namespace waishi::travel
