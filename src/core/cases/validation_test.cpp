// Case data against a type's fields: shape, types, enums, dates, countries, lengths,
// required fields only when complete, staged fields only at their stage.
#include "core/cases/validation.h"

#include <gtest/gtest.h>

namespace waishi::cases {
namespace {

const CaseType& TestType() {
  static const CaseType& type = RegisterCaseType(R"({
    "type": "validation_test", "label": {"zh": "测", "en": "Test"},
    "fields": [
      {"name": "title", "type": "text", "required": true, "min_length": 2, "max_length": 5, "label": {}},
      {"name": "day", "type": "date", "required": true, "label": {}},
      {"name": "count", "type": "integer", "min": 1, "max": 9, "label": {}},
      {"name": "kind", "type": "enum", "options": [{"value": "a"}, {"value": "b"}], "label": {}},
      {"name": "where", "type": "country", "label": {}},
      {"name": "people", "type": "list", "required": true, "min_items": 1, "max_items": 2, "label": {},
       "item": {"fields": [{"name": "name", "type": "text", "required": true, "label": {}}]}},
      {"name": "report", "type": "text", "stage": "report", "required": true, "label": {}}
    ],
    "states": [{"name": "draft", "label": {}}],
    "transitions": []})",
                                                 {});
  return type;
}

std::vector<std::string> Rules(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.rule);
  return out;
}

TEST(CaseValidationTest, ADraftMayBeIncompleteButNotMalformed) {
  EXPECT_TRUE(ValidateData(TestType(), Json::object(), Completeness::kDraft, "").empty());
  EXPECT_EQ(Rules(ValidateData(TestType(), Json{{"day", "2027-02-29"}}, Completeness::kDraft, "")),
            std::vector<std::string>{"day:type"});
}

TEST(CaseValidationTest, CompleteDataNeedsEveryRequiredFieldButNotOtherStages) {
  auto rules = Rules(ValidateData(TestType(), Json::object(), Completeness::kComplete, ""));
  EXPECT_EQ(rules, (std::vector<std::string>{"title:required", "day:required", "people:required"}));
}

TEST(CaseValidationTest, UnknownFieldsAndWrongTypesAreNamed) {
  Json data{
      {"title", 5}, {"count", 2.5}, {"bogus", 1}, {"people", {{{"name", "张昊"}, {"age", 3}}}}};
  auto rules = Rules(ValidateData(TestType(), data, Completeness::kDraft, ""));
  EXPECT_EQ(rules, (std::vector<std::string>{"bogus:unknown_field", "title:type", "count:type",
                                             "people[0].age:unknown_field"}));
}

TEST(CaseValidationTest, LengthsCountCharactersNotBytes) {
  EXPECT_TRUE(ValidateData(TestType(), Json{{"title", "张昊"}}, Completeness::kDraft, "").empty());
  EXPECT_EQ(Rules(ValidateData(TestType(), Json{{"title", "张"}}, Completeness::kDraft, "")),
            std::vector<std::string>{"title:min_length"});
  EXPECT_EQ(
      Rules(ValidateData(TestType(), Json{{"title", "欧阳修欧阳修"}}, Completeness::kDraft, "")),
      std::vector<std::string>{"title:max_length"});
}

TEST(CaseValidationTest, EnumsCountriesRangesAndListBounds) {
  Json data{{"kind", "c"},
            {"where", "XX"},
            {"count", 10},
            {"people", Json::array({{{"name", "a"}}, {{"name", "b"}}, {{"name", "c"}}})}};
  auto rules = Rules(ValidateData(TestType(), data, Completeness::kDraft, ""));
  EXPECT_EQ(rules, (std::vector<std::string>{"count:max", "kind:enum", "where:country",
                                             "people:max_items"}));
  EXPECT_TRUE(ValidateData(TestType(), Json{{"kind", "a"}, {"where", "DE"}, {"count", 9}},
                           Completeness::kDraft, "")
                  .empty());
}

TEST(CaseValidationTest, StagedFieldsOnlyAtTheirStage) {
  EXPECT_EQ(Rules(ValidateData(TestType(), Json{{"report", "done"}}, Completeness::kDraft, "")),
            std::vector<std::string>{"report:stage"});
  EXPECT_TRUE(
      ValidateData(TestType(), Json{{"report", "done"}}, Completeness::kDraft, "report").empty());
  auto rules = Rules(ValidateData(
      TestType(), Json{{"title", "ab"}, {"day", "2027-01-01"}, {"people", {{{"name", "x"}}}}},
      Completeness::kComplete, "report"));
  EXPECT_EQ(rules, std::vector<std::string>{"report:required"});
}

}  // namespace
}  // namespace waishi::cases
