#include "core/cases/definition_schema.h"

#include "core/auth/auth.h"
#include "core/cases/policy.h"
#include "core/http/http.h"
#include "core/validate/schema.h"

namespace waishi::cases {
namespace {

// ---------------------------------------------------------------------------------------------
// The served definition
// ---------------------------------------------------------------------------------------------

// A member the parser reads with Reader::Strings ("a string or a list of strings") as a list,
// so that a client reads one shape.
void AsList(Json& j, const char* key) {
  auto it = j.find(key);
  if (it != j.end() && it->is_string()) *it = Json::array({*it});
}

void ListsInFields(Json& fields) {
  for (Json& f : fields) {
    AsList(f, "currencies");
    if (f.contains("fields")) ListsInFields(f["fields"]);
    if (f.contains("item") && f["item"].contains("fields")) ListsInFields(f["item"]["fields"]);
  }
}

void ListsInTransitions(Json& transitions) {
  for (Json& t : transitions) {
    for (const char* key : {"from", "to", "roles", "rules", "effects", "writes"}) AsList(t, key);
  }
}

// Every key Reader::Strings reads in ParseCaseType (definition.cpp).
void ListsEverywhere(Json& j) {
  AsList(j, "editable_states");
  for (const char* key : {"org_kinds", "roles", "private_states", "shared_within"})
    AsList(j["owner"], key);
  ListsInFields(j["fields"]);
  ListsInTransitions(j["transitions"]);
  if (j.contains("deadlines")) {
    for (Json& d : j["deadlines"]) {
      AsList(d, "runs_in");
      AsList(d, "start_on");
    }
  }
  if (j.contains("documents")) {
    for (Json& d : j["documents"]) AsList(d, "required_for");
  }
  if (j.contains("subrecords")) {
    for (Json& s : j["subrecords"]) {
      ListsInFields(s["fields"]);
      ListsInTransitions(s["transitions"]);
      AsList(s["add"], "roles");
      AsList(s["add"], "in_states");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Its schema
// ---------------------------------------------------------------------------------------------

const Json kText = {{"type", "string"}};
const Json kFlag = {{"type", "boolean"}};
const Json kTexts = {{"type", "array"}, {"items", kText}};

Json Enum(std::initializer_list<const char*> values) {
  Json out = Json::array();
  for (const char* v : values) out.push_back(v);
  return Json{{"type", "string"}, {"enum", out}};
}

Json ListOf(Json item, int min_items = 0) {
  Json out{{"type", "array"}, {"items", std::move(item)}};
  if (min_items > 0) out["minItems"] = min_items;
  return out;
}

// A closed object: a key the schema does not name is an error.
Json Closed(Json required, Json properties, std::string description = "") {
  Json out{
      {"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
  if (!required.empty()) out["required"] = std::move(required);  // OpenAPI 3.0: never []
  if (!description.empty()) out["description"] = std::move(description);
  return out;
}

Json Roles() { return ListOf(Json{{"type", "string"}, {"enum", auth::RoleNames()}}, 1); }

const Json kScope = Enum({"owner", "parent", "desk", "any"});

Json BilingualSchema() {
  return Json{{"type", "object"},
              {"required", {"zh", "en"}},
              {"properties", {{"zh", kText}, {"en", kText}}}};
}

Json FieldDefSchema() {
  return Closed(
      {"name", "type", "label"},
      {{"name", kText},
       {"type", Enum({"text", "date", "number", "integer", "boolean", "enum", "country", "money",
                      "object", "list"})},
       {"label", http::Ref("Bilingual")},
       {"required", kFlag},
       {"help", http::Ref("Bilingual")},
       {"placeholder", http::Ref("Bilingual")},
       {"multiline", {{"type", "boolean"}, {"description", "text: shown as a text area"}}},
       {"min_length", {{"type", "integer"}}},
       {"max_length", {{"type", "integer"}}},
       {"min_items", {{"type", "integer"}}},
       {"max_items", {{"type", "integer"}}},
       {"min", {{"type", "number"}}},
       {"max", {{"type", "number"}}},
       {"format", Enum({"", "resident_id", "uscc", "mrz_td3"})},
       {"options", ListOf(http::Ref("FieldOption"), 1)},
       {"currencies",
        ListOf({{"type", "string"}, {"pattern", "^[A-Z]{3}$"}, {"description", "ISO 4217"}})},
       {"fields", ListOf(http::Ref("FieldDef"))},
       {"item", http::Ref("FieldItem")},
       {"default", {{"description", "the initial value in a new form, of the field's type"}}},
       {"width", {{"description", "a layout hint the parser admits; no screen reads it"}}},
       {"derive",
        {{"type", "string"},
         {"pattern", "^[a-z_]+:[A-Za-z0-9_]+$"},
         {"description",
          "<kind>:<sibling field> the form fills it from, e.g. passport_name:name"}}}},
      "A field of the data: object has `fields`, list has `item.fields`, enum has `options`");
}

Json FieldOptionSchema() {
  return Closed({"value", "label"}, {{"value", kText}, {"label", http::Ref("Bilingual")}});
}

Json FieldItemSchema() {
  return Closed({"fields"},
                {{"label", http::Ref("Bilingual")}, {"fields", ListOf(http::Ref("FieldDef"))}},
                "What each item of a list holds");
}

Json StateDefSchema() {
  return Closed(
      {"name", "label"},
      {{"name", kText},
       {"label", http::Ref("Bilingual")},
       {"color", Enum({"primary", "success", "info", "warning", "danger"})},
       {"terminal", kFlag},
       {"decision", {{"type", "boolean"}, {"description", "entering it decides the case"}}}});
}

Json TransitionDefSchema() {
  return Closed({"action", "from", "to", "scope", "roles", "label"},
                {{"action", kText},
                 {"from", ListOf(kText, 1)},
                 {"to", ListOf(kText, 1)},
                 {"route",
                  {{"type", "string"},
                   {"description", "the registered function that picks one of several `to`"}}},
                 {"scope", kScope},
                 {"roles", Roles()},
                 {"rules", kTexts},
                 {"effects", kTexts},
                 {"comment_required", kFlag},
                 {"writes",
                  {{"type", "array"},
                   {"items", kText},
                   {"description", "the data fields this transition writes, and only it"}}},
                 {"label", http::Ref("Bilingual")}});
}

Json OwnerSchema() {
  return Closed({"kind", "roles"}, {{"kind", Enum({"user", "organization"})},
                                    {"org_kinds", kTexts},
                                    {"roles", Roles()},
                                    {"private_states", kTexts},
                                    {"shared_within", kTexts},
                                    {"desk_only", kFlag}});
}

Json DeadlineDefSchema() {
  return Closed({"name", "label", "runs_in", "length", "unit"},
                {{"name", kText},
                 {"label", http::Ref("Bilingual")},
                 {"runs_in", ListOf(kText, 1)},
                 {"start_on", kTexts},
                 {"length", {{"type", "integer"}, {"minimum", 0}}},
                 {"length_policy", kText},
                 {"unit", Enum({"working_days", "days", "months"})},
                 {"from_field", kText}});
}

Json DocumentSlotDefSchema() {
  return Closed({"kind", "label"}, {{"kind", kText},
                                    {"label", http::Ref("Bilingual")},
                                    {"required_for", kTexts},
                                    {"help", http::Ref("Bilingual")}});
}

Json SubrecordDefSchema() {
  return Closed({"kind", "label", "fields", "states", "transitions", "add"},
                {{"kind", kText},
                 {"label", http::Ref("Bilingual")},
                 {"fields", ListOf(http::Ref("FieldDef"))},
                 {"states", ListOf(http::Ref("StateDef"), 1)},
                 {"transitions", ListOf(http::Ref("TransitionDef"))},
                 {"add", Closed({"scope", "roles"},
                                {{"scope", kScope}, {"roles", Roles()}, {"in_states", kTexts}})}});
}

// The "ui" key, read by the web's generic screens only (web/src/views/cases/case-ui.ts).
Json ListColumnSchema() {
  return Closed({"key", "kind", "label"},
                {{"key", kText},
                 {"kind", Enum({"text", "number", "date", "date_range", "countries", "option"})},
                 {"label", http::Ref("Bilingual")},
                 {"field", kText},
                 {"from", kText},
                 {"to", kText},
                 {"modes",
                  {{"type", "array"},
                   {"items", Enum({"portal", "queue"})},
                   {"description", "the lists that show it; absent: both"}}},
                 {"min_width", {{"type", "integer"}}}});
}

Json LiveFigureSchema() {
  return Closed({"key", "kind", "label"}, {{"key", kText},
                                           {"kind", Enum({"days_between", "count", "computed"})},
                                           {"label", http::Ref("Bilingual")},
                                           {"from", kText},
                                           {"to", kText},
                                           {"path", kText},
                                           {"item_keys", kTexts},
                                           {"function", kText}});
}

Json CaseTypeUiSchema() {
  return Closed(Json::array(), {{"list_columns", ListOf(http::Ref("ListColumn"))},
                                {"live_figures", ListOf(http::Ref("LiveFigure"))}});
}

Json CaseTypeRuleSchema() {
  return Closed(
      {"id", "label", "severity"},
      {{"id", kText},
       {"label", {{"type", "object"}, {"allOf", {http::Ref("Bilingual")}}, {"nullable", true}}},
       {"severity", Enum({"blocking", "warning"})}});
}

Json CaseTypeSchema() {
  return Closed(
      {"type", "label", "owner", "desk", "numbering", "fields", "states", "transitions", "rules",
       "policy"},
      {{"type", kText},
       {"version", {{"type", "integer"}}},
       {"label", http::Ref("Bilingual")},
       {"description", http::Ref("Bilingual")},
       {"owner", http::Ref("CaseTypeOwner")},
       {"desk", kText},
       {"numbering", {{"type", "string"}, {"description", "the case number: {year} and {seq:N}"}}},
       {"fields", ListOf(http::Ref("FieldDef"))},
       {"states", ListOf(http::Ref("StateDef"), 1)},
       {"editable_states", kTexts},
       {"transitions", ListOf(http::Ref("TransitionDef"))},
       {"deadlines", ListOf(http::Ref("DeadlineDef"))},
       {"documents", ListOf(http::Ref("DocumentSlotDef"))},
       {"subrecords", ListOf(http::Ref("SubrecordDef"))},
       {"ui", http::Ref("CaseTypeUi")},
       {"rules", ListOf(http::Ref("CaseTypeRule"))},
       {"policy",
        {{"type", "object"},
         {"additionalProperties", true},
         {"description", "The module's current policy (GET /api/v1/policies/{name}); {} if none"},
         {"properties",
          {{"severity",
            {{"type", "object"},
             {"additionalProperties", Enum({"blocking", "warning"})},
             {"description", "rule id → its severity (absent: blocking)"}}}}}}}},
      "The definition as written (src/<module>/<type>.json), one string written for a list "
      "served as a list, plus rules and policy");
}

}  // namespace

Json CaseTypeJson(const Registry& registry, const CaseType& t, const Json& policy) {
  Json j = t.definition;
  ListsEverywhere(j);
  Json rules = Json::array();
  for (const auto& id : t.AllRules()) {
    const RuleInfo* r = registry.FindRule(id);
    rules.push_back({{"id", id},
                     {"label", r ? r->label.ToJson() : Json(nullptr)},
                     {"severity", SeverityOf(policy, id)}});
  }
  j["rules"] = rules;
  j["policy"] = policy;
  return j;
}

Json DefinitionSchemas() {
  return Json{{"Bilingual", BilingualSchema()},       {"CaseType", CaseTypeSchema()},
              {"CaseTypeOwner", OwnerSchema()},       {"FieldDef", FieldDefSchema()},
              {"FieldOption", FieldOptionSchema()},   {"FieldItem", FieldItemSchema()},
              {"StateDef", StateDefSchema()},         {"TransitionDef", TransitionDefSchema()},
              {"DeadlineDef", DeadlineDefSchema()},   {"DocumentSlotDef", DocumentSlotDefSchema()},
              {"SubrecordDef", SubrecordDefSchema()}, {"CaseTypeUi", CaseTypeUiSchema()},
              {"ListColumn", ListColumnSchema()},     {"LiveFigure", LiveFigureSchema()},
              {"CaseTypeRule", CaseTypeRuleSchema()}};
}

std::vector<std::string> DeparturesFromSchema(const Json& served) {
  std::vector<std::string> out;
  for (const auto& e : validate::CheckSchemaWith(
           DefinitionSchemas(), {{"$ref", "#/components/schemas/CaseType"}}, served))
    out.push_back(e.field + " " + e.rule);
  return out;
}

}  // namespace waishi::cases
