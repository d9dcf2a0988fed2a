// The served definition and its OpenAPI schema agree: the engine's test types, which declare
// what the travel type does not (a user owner, documents, sub-records, a calendar-day deadline
// from a field, a transition that writes), conform; anything added to the output without the
// schema does not. (The travel type is checked in src/travel/definition_schema_test.cpp.)
#include "core/cases/definition_schema.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/cases/test_types.h"
#include "core/validate/schema.h"

namespace waishi::cases {
namespace {

const Json kCaseType = {{"$ref", "#/components/schemas/CaseType"}};

// "field rule" for each error of `served` against the CaseType schema.
std::vector<std::string> Errors(const Json& served) {
  std::vector<std::string> out;
  for (const auto& e : validate::CheckSchemaWith(DefinitionSchemas(), kCaseType, served))
    out.push_back(e.field + " " + e.rule);
  return out;
}

class DefinitionSchemaTest : public ::testing::Test {
 protected:
  DefinitionSchemaTest() { testing::RegisterTestTypes(registry_); }

  Json Served(const char* type, const Json& policy = Json::object()) const {
    return CaseTypeJson(registry_, *registry_.FindType(type), policy);
  }

  Registry registry_;
};

TEST_F(DefinitionSchemaTest, TheTestTypesAsServedConformToTheSchema) {
  const Json visa =
      Served("test_visa", {{"severity", {{"test.soon", "warning"}}}, {"collect_days", 14}});
  EXPECT_EQ(Errors(visa), std::vector<std::string>{});
  EXPECT_EQ(visa["rules"][1], Json({{"id", "test.soon"},
                                    {"label", {{"zh", "临近入境"}, {"en", "Entry soon"}}},
                                    {"severity", "warning"}}));
  const Json grant = Served("test_grant");
  EXPECT_EQ(Errors(grant), std::vector<std::string>{});
  EXPECT_EQ(grant["policy"], Json::object());
  EXPECT_EQ(grant["subrecords"][0]["transitions"].size(), 2u);
}

TEST_F(DefinitionSchemaTest, OneStringWrittenForAListIsServedAsAList) {
  const Json visa = Served("test_visa");
  EXPECT_EQ(visa["transitions"][0]["from"], Json({"draft"}));
  EXPECT_EQ(visa["transitions"][0]["to"], Json({"review"}));
  const Json grant = Served("test_grant");
  EXPECT_EQ(grant["transitions"][0]["to"], Json({"district", "office"}));
  EXPECT_EQ(grant["subrecords"][0]["transitions"][1]["from"], Json({"planned"}));
  // The definition itself keeps what was written.
  EXPECT_EQ(registry_.FindType("test_visa")->definition["transitions"][0]["from"], "draft");
}

TEST_F(DefinitionSchemaTest, AKeyTheSchemaDoesNotNameFails) {
  Json grant = Served("test_grant");
  grant["extra"] = 1;
  grant["owner"]["extra"] = 1;
  grant["fields"][0]["extra"] = 1;
  grant["states"][0]["extra"] = 1;
  grant["transitions"][0]["extra"] = 1;
  grant["documents"][0]["extra"] = 1;
  grant["subrecords"][0]["add"]["extra"] = 1;
  grant["subrecords"][0]["fields"][0]["extra"] = 1;
  grant["rules"] = {{{"id", "r"}, {"label", nullptr}, {"severity", "warning"}, {"extra", 1}}};
  grant["ui"] = {{"list_columns",
                  {{{"key", "k"},
                    {"kind", "text"},
                    {"extra", 1},
                    {"label", {{"zh", "列"}, {"en", "Column"}}}}}}};
  EXPECT_EQ(Errors(grant), (std::vector<std::string>{
                               "extra unknown_field",
                               "documents[0].extra unknown_field",
                               "fields[0].extra unknown_field",
                               "owner.extra unknown_field",
                               "rules[0].extra unknown_field",
                               "states[0].extra unknown_field",
                               "subrecords[0].add.extra unknown_field",
                               "subrecords[0].fields[0].extra unknown_field",
                               "transitions[0].extra unknown_field",
                               "ui.list_columns[0].extra unknown_field",
                           }));
}

TEST_F(DefinitionSchemaTest, AValueOutsideItsEnumFails) {
  Json visa = Served("test_visa");
  visa["fields"][0]["type"] = "colour";
  visa["transitions"][0]["scope"] = "everyone";
  visa["transitions"][0]["roles"] = {"emperor"};
  visa["deadlines"][0]["unit"] = "weeks";
  visa["owner"]["kind"] = "family";
  EXPECT_EQ(Errors(visa), (std::vector<std::string>{
                              "deadlines[0].unit enum",
                              "fields[0].type enum",
                              "owner.kind enum",
                              "transitions[0].roles[0] enum",
                              "transitions[0].scope enum",
                          }));
}

TEST_F(DefinitionSchemaTest, NestedFieldsAreCheckedAtEveryDepth) {
  Json visa = Served("test_visa");
  visa["fields"].push_back(
      {{"name", "trips"},
       {"type", "list"},
       {"label", {{"zh", "行程"}, {"en", "Trips"}}},
       {"item",
        {{"fields",
          {{{"name", "stop"},
            {"type", "object"},
            {"label", {{"zh", "站"}, {"en", "Stop"}}},
            {"fields", {{{"name", "city"}, {"type", "town"}, {"label", {{"zh", "城"}}}}}}}}}}}});
  EXPECT_EQ(Errors(visa), (std::vector<std::string>{
                              "fields[4].item.fields[0].fields[0].label.en required",
                              "fields[4].item.fields[0].fields[0].type enum",
                          }));
}

}  // namespace
}  // namespace waishi::cases
