#include "core/validate/schema.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace waishi::validate {
namespace {

// One row: a schema, a value, and the errors expected as "field rule" strings in order.
struct Case {
  const char* name;
  const char* schema;
  const char* value;
  std::vector<std::string> errors;
};

std::vector<std::string> Errors(const Json& schema, const Json& value) {
  std::vector<std::string> out;
  for (const auto& e : CheckSchema(schema, value)) out.push_back(e.field + " " + e.rule);
  return out;
}

const Case kCases[] = {
    // type
    {"string ok", R"({"type":"string"})", R"("a")", {}},
    {"string wanted", R"({"type":"string"})", "1", {" type"}},
    {"integer wanted", R"({"type":"integer"})", "1.5", {" type"}},
    {"number takes integers", R"({"type":"number"})", "2", {}},
    {"boolean wanted", R"({"type":"boolean"})", R"("no")", {" type"}},
    {"array wanted", R"({"type":"array"})", "{}", {" type"}},
    {"object wanted", R"({"type":"object"})", "[]", {" type"}},
    // nullable
    {"null refused", R"({"type":"integer"})", "null", {" type"}},
    {"null allowed", R"({"type":"integer","nullable":true})", "null", {}},
    // strings
    {"min length in characters",
     R"({"type":"string","minLength":3})",
     R"("张昊")",
     {" min_length"}},
    {"max length in characters", R"({"type":"string","maxLength":2})", R"("张昊")", {}},
    {"too long", R"({"type":"string","maxLength":1})", R"("ab")", {" max_length"}},
    {"pattern", R"({"type":"string","pattern":"^[a-z]+$"})", R"("aB")", {" pattern"}},
    {"pattern renamed",
     R"({"type":"string","pattern":"^[a-z]+$","x-rule":"format.username"})",
     R"("aB")",
     {" format.username"}},
    {"date", R"({"type":"string","format":"date"})", R"("2027-02-29")", {" type"}},
    {"date ok", R"({"type":"string","format":"date"})", R"("2028-02-29")", {}},
    {"month", R"({"type":"string","format":"month"})", R"("2027-13")", {" type"}},
    {"email", R"({"type":"string","format":"email"})", R"("a@b")", {" format.email"}},
    {"empty email is no email", R"({"type":"string","format":"email"})", R"("")", {}},
    // numbers
    {"range", R"({"type":"integer","minimum":1,"maximum":5})", "6", {" range"}},
    {"minimum alone", R"({"type":"number","minimum":0})", "-0.5", {" min"}},
    {"maximum alone", R"({"type":"integer","maximum":3})", "4", {" max"}},
    {"huge unsigned",
     R"({"type":"integer","minimum":0,"maximum":10})",
     "18446744073709551615",
     {" range"}},
    // enum
    {"enum", R"({"type":"string","enum":["a","b"]})", R"("c")", {" enum"}},
    {"enum ok", R"({"type":"string","enum":["a","b"]})", R"("b")", {}},
    {"enum renamed", R"({"type":"string","enum":["a"],"x-rule":"role"})", R"("c")", {" role"}},
    // objects
    {"required",
     R"({"type":"object","required":["a","b"],"properties":{"a":{"type":"string"},"b":{}}})",
     R"({"a":null})",
     {"a required", "b required"}},
    {"required nullable may be null",
     R"({"type":"object","required":["a"],"properties":{"a":{"type":"string","nullable":true}}})",
     R"({"a":null})",
     {}},
    {"blank text is missing",
     R"({"type":"object","required":["a"],"properties":{"a":{"type":"string","minLength":1}}})",
     R"({"a":"  "})",
     {"a required"}},
    {"unknown member",
     R"({"type":"object","additionalProperties":false,"properties":{"a":{}}})",
     R"({"a":1,"colour":"red"})",
     {"colour unknown_field"}},
    {"other members against a schema",
     R"({"type":"object","additionalProperties":{"type":"string","enum":["x"]}})",
     R"({"p":"x","q":"y"})",
     {"q enum"}},
    {"nested path",
     R"({"type":"object","properties":{"org":{"type":"object","properties":{"id":{"type":"integer"}}}}})",
     R"({"org":{"id":"7"}})",
     {"org.id type"}},
    {"every member checked",
     R"({"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}}})",
     R"({"a":"x","b":1})",
     {"a type", "b type"}},
    // arrays
    {"min items", R"({"type":"array","minItems":1})", "[]", {" min_items"}},
    {"max items", R"({"type":"array","maxItems":1})", "[1,2]", {" max_items"}},
    {"unique items: each repetition named",
     R"({"type":"object","properties":{"ids":{"type":"array","uniqueItems":true}}})",
     R"({"ids":[7,8,7,9,8,7]})",
     {"ids[2] unique_items", "ids[4] unique_items", "ids[5] unique_items"}},
    {"unique items: distinct objects pass",
     R"({"type":"array","uniqueItems":true})",
     R"([{"a":1},{"a":2},[1],"1",1])",
     {}},
    {"unique items: false checks nothing", R"({"type":"array","uniqueItems":false})", "[1,1]", {}},
    {"item path",
     R"({"type":"object","properties":{"members":{"type":"array","items":{"type":"object",
        "required":["name"],"properties":{"name":{"type":"string"}}}}}})",
     R"({"members":[{"name":"a"},{"name":2},{}]})",
     {"members[1].name type", "members[2].name required"}},
};

class SchemaTest : public testing::TestWithParam<Case> {};

TEST_P(SchemaTest, ReportsTheExpectedErrors) {
  const Case& c = GetParam();
  EXPECT_EQ(Errors(Json::parse(c.schema), Json::parse(c.value)), c.errors) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Table, SchemaTest, testing::ValuesIn(kCases));

TEST(SchemaMessageTest, MessagesAreBilingualAndFilledIn) {
  auto errors = CheckSchema(Json::parse(R"({"type":"integer","minimum":1,"maximum":12})"), 13);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message.en, "Must be between 1 and 12.");
  EXPECT_EQ(errors[0].message.zh, "应在 1 到 12 之间。");
}

TEST(SchemaMessageTest, XMessageReplacesTheMessage) {
  auto errors = CheckSchema(
      Json::parse(R"({"type":"string","minLength":10,"x-message":"validation.password"})"),
      "short");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rule, "min_length");
  EXPECT_EQ(errors[0].message.en, "The password needs at least 10 characters.");
}

TEST(SchemaMessageTest, PathPrefixNamesTheValue) {
  auto errors = CheckSchema(Json::parse(R"({"type":"object"})"), 1, "data");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "data");
  EXPECT_EQ(errors[0].message.en, "Must be an object.");
}

TEST(SchemaMessageTest, XMessageMayNameOneRule) {
  const Json schema = Json::parse(
      R"({"type":"string","minLength":3,"maxLength":4,"x-message":{"min_length":"validation.password"}})");
  EXPECT_EQ(CheckSchema(schema, "ab").at(0).message.en,
            "The password needs at least 10 characters.");
  EXPECT_EQ(CheckSchema(schema, "abcde").at(0).message.en, "At most 4 characters.");
}

TEST(SchemaRequireTest, ThrowsA422WithEveryError) {
  try {
    RequireSchema(Json::parse(R"({"type":"object","required":["a","b"]})"), Json::object());
    FAIL() << "no exception";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "validation_failed");
    EXPECT_EQ(e.details().size(), 2u);
  }
}

TEST(SchemaLimitTest, MaxPropertiesRefusesALargerObjectWithoutCheckingItsMembers) {
  const Json schema = Json::parse(
      R"({"type":"object","maxProperties":2,"additionalProperties":{"type":"string"}})");
  EXPECT_TRUE(CheckSchema(schema, Json{{"a", "x"}, {"b", "y"}}).empty());
  const auto errors = CheckSchema(schema, Json{{"a", 1}, {"b", 2}, {"c", 3}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rule, "max_items");
}

TEST(SchemaLimitTest, AMillionMistakesAreCountedNotKept) {
  const Json schema = Json::parse(R"({"type":"object","additionalProperties":false})");
  Json body = Json::object();
  for (int i = 0; i < 100000; ++i) body["k" + std::to_string(i)] = i;
  const auto errors = CheckSchema(schema, body);
  ASSERT_EQ(errors.size(), ApiError::kMaxDetails + 1);
  EXPECT_EQ(errors.back().rule, "more");
  EXPECT_EQ(errors.back().extra["count"], 100000 - ApiError::kMaxDetails);
  // The answer keeps the validator's own count rather than counting its one extra entry.
  const Json answer = ApiError::Unprocessable(errors).ToJson();
  ASSERT_EQ(answer["error"]["details"].size(), ApiError::kMaxDetails + 1);
  EXPECT_EQ(answer["error"]["details"].back()["count"], 100000 - ApiError::kMaxDetails);
}

TEST(SchemaLimitTest, AnyLongListOfDetailsIsCappedInTheAnswer) {
  std::vector<FieldError> many(120, FieldError{"f", "required", i18n::T("validation.required")});
  const Json details = ApiError::Unprocessable(many).ToJson()["error"]["details"];
  ASSERT_EQ(details.size(), ApiError::kMaxDetails + 1);
  EXPECT_EQ(details.back()["rule"], "more");
  EXPECT_EQ(details.back()["count"], 70);
}

TEST(SchemaRequireTest, AMalformedSchemaIsAProgrammingError) {
  EXPECT_THROW(CheckSchema(Json::parse(R"({"type":"text"})"), 1), std::invalid_argument);
}

// A recursive component (a tree of nodes) and a nullable allOf, as response schemas write them.
const Json kComponents = Json::parse(R"({
  "Node": {"type": "object", "additionalProperties": false, "required": ["name"],
           "properties": {"name": {"type": "string"},
                          "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                          "tag": {"type": "object", "nullable": true,
                                  "allOf": [{"$ref": "#/components/schemas/Tag"}]}}},
  "Tag": {"type": "object", "required": ["zh"], "properties": {"zh": {"type": "string"}}}
})");

std::vector<std::string> ErrorsWith(const Json& value) {
  std::vector<std::string> out;
  for (const auto& e :
       CheckSchemaWith(kComponents, Json{{"$ref", "#/components/schemas/Node"}}, value))
    out.push_back(e.field + " " + e.rule);
  return out;
}

TEST(SchemaRefTest, FollowsRefsIntoTheComponentsAtEveryDepth) {
  EXPECT_EQ(ErrorsWith(Json::parse(R"({"name": "a", "tag": null,
      "children": [{"name": "b", "children": [{"name": "c", "tag": {"zh": "丙"}}]}]})")),
            std::vector<std::string>{});
  EXPECT_EQ(ErrorsWith(Json::parse(R"({"name": "a",
      "children": [{"name": "b", "children": [{"name": 3, "extra": true, "tag": {}}]}]})")),
            (std::vector<std::string>{"children[0].children[0].extra unknown_field",
                                      "children[0].children[0].name type",
                                      "children[0].children[0].tag.zh required"}));
}

TEST(SchemaRefTest, CheckSchemaIgnoresRefsAndAnUnknownComponentIsAProgrammingError) {
  EXPECT_TRUE(CheckSchema(Json{{"$ref", "#/components/schemas/Node"}}, 1).empty());
  EXPECT_THROW(CheckSchemaWith(kComponents, Json{{"$ref", "#/components/schemas/None"}}, 1),
               std::invalid_argument);
}

}  // namespace
}  // namespace waishi::validate
