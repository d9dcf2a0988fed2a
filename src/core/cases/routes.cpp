#include "core/cases/routes.h"

#include <map>
#include <memory>

#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/cases/definition_schema.h"
#include "core/cases/engine.h"
#include "core/cases/policy.h"
#include "core/cases/rule.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "core/http/params.h"

namespace waishi::cases {
namespace {

using http::Request;

// ---------------------------------------------------------------------------------------------
// Schemas of the documents the routes answer with
// ---------------------------------------------------------------------------------------------

const Json kString = {{"type", "string"}};
const Json kNullableText = {{"type", "string"}, {"nullable", true}};
// What a person writes on a case: bounded like the comments' own route (Engine::Comment).
const Json kComment = {{"type", "string"}, {"nullable", true}, {"maxLength", kMaxCommentLength}};

Json UserRefSchema() {
  return Json{{"type", "object"},
              {"required", {"id", "display_name"}},
              {"properties", {{"id", {{"type", "integer"}}}, {"display_name", kString}}}};
}

// The members of a case every list and read carries (the engine's CaseJson).
Json CaseProperties() {
  return Json{
      {"id", {{"type", "integer"}}},
      {"number", kString},
      {"type", kString},
      {"state", kString},
      {"owner",
       {{"type", "object"},
        {"required", {"kind"}},
        {"properties", {{"kind", {{"type", "string"}, {"enum", {"user", "organization"}}}}}}}},
      {"org",
       {{"type", "object"},
        {"required", {"id", "name_zh", "name_en"}},
        {"additionalProperties", true},
        {"properties",
         {{"id", {{"type", "integer"}}}, {"name_zh", kString}, {"name_en", kString}}}}},
      {"applicant", http::Ref("UserRef")},
      {"assigned_to", {{"type", "object"}, {"allOf", {http::Ref("UserRef")}}, {"nullable", true}}},
      {"created_at", {{"type", "string"}, {"format", "date-time"}}},
      {"updated_at", {{"type", "string"}, {"format", "date-time"}}},
      {"submitted_at", kNullableText},
      {"decided_at", kNullableText},
      {"due_date", kNullableText},
      {"overdue", {{"type", "boolean"}}},
      {"allowed_actions", {{"type", "array"}, {"items", kString}}}};
}

const Json kCaseRequired = {"id",         "number",         "type",        "state",
                            "org",        "applicant",      "assigned_to", "created_at",
                            "updated_at", "submitted_at",   "decided_at",  "due_date",
                            "overdue",    "allowed_actions"};

Json CaseSchema() {
  Json props = CaseProperties();
  props["data"] = {{"type", "object"},
                   {"additionalProperties", true},
                   {"description", "The case's data, shaped by its type's fields"}};
  props["documents"] = {{"type", "array"},
                        {"items", http::Ref("Document")},
                        {"description", "The official documents issued for the case"}};
  Json required = kCaseRequired;
  required.push_back("data");
  required.push_back("documents");
  // Modules add members of their own (deadlines, flags they keep).
  return Json{{"type", "object"},
              {"required", required},
              {"properties", props},
              {"additionalProperties", true}};
}

// A case in a list: without its data, with the members its module's summary hook adds.
Json CaseSummarySchema() {
  return Json{{"type", "object"},
              {"required", kCaseRequired},
              {"properties", CaseProperties()},
              {"additionalProperties", true}};
}

Json CasePageSchema() {
  Json page = http::PageOf(http::Ref("CaseSummary"));
  page["properties"]["total_capped"] = {
      {"type", "boolean"}, {"description", "true when total stopped counting at 10,000"}};
  return page;
}

Json ViolationSchema() {
  return Json{{"type", "object"},
              {"required", {"field", "message", "message_zh"}},
              {"properties", {{"field", kString}, {"message", kString}, {"message_zh", kString}}}};
}

Json CheckSchema() {
  return Json{{"type", "object"},
              {"required", {"rule", "label", "severity", "status", "violations"}},
              {"properties",
               {{"rule", kString},
                {"label", http::Ref("Bilingual")},
                {"severity", {{"type", "string"}, {"enum", {"blocking", "warning"}}}},
                {"status", {{"type", "string"}, {"enum", {"passed", "failed"}}}},
                {"violations", {{"type", "array"}, {"items", http::Ref("Violation")}}}}}};
}

Json HistoryItemSchema() {
  return Json{
      {"type", "object"},
      {"required",
       {"id", "at", "user", "kind", "action", "from_state", "to_state", "comment", "detail"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"at", {{"type", "string"}, {"format", "date-time"}}},
        {"user",
         {{"type", "object"},
          {"required", {"id", "display_name"}},
          {"properties",
           {{"id", {{"type", "integer"}, {"nullable", true}}}, {"display_name", kString}}}}},
        {"kind",
         {{"type", "string"},
          {"enum",
           {"created", "edited", "transition", "comment", "assigned", "attachment", "subrecord"}}}},
        {"action", kString},
        {"from_state", kString},
        {"to_state", kString},
        {"comment", kString},
        {"detail", {{"type", "object"}, {"nullable", true}, {"additionalProperties", true}}}}}};
}

Json AttachmentSchema() {
  return Json{
      {"type", "object"},
      {"required",
       {"id", "filename", "content_type", "size", "sha256", "uploaded_at", "uploaded_by", "kind"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"kind", {{"type", "string"}, {"description", "its document slot, or empty"}}},
        {"filename", kString},
        {"content_type", kString},
        {"size", {{"type", "integer"}}},
        {"sha256", kString},
        {"uploaded_at", {{"type", "string"}, {"format", "date-time"}}},
        {"uploaded_by", {{"type", "string"}, {"description", "display name"}}}}}};
}

Json SubrecordSchema() {
  return Json{
      {"type", "object"},
      {"required", {"id", "kind", "state", "data", "created_at", "updated_at", "allowed_actions"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"kind", kString},
        {"state", kString},
        {"data", {{"type", "object"}, {"additionalProperties", true}}},
        {"created_at", {{"type", "string"}, {"format", "date-time"}}},
        {"updated_at", {{"type", "string"}, {"format", "date-time"}}},
        {"allowed_actions", {{"type", "array"}, {"items", kString}}}}}};
}

// ?state=a,b,c: a few names of states the case types have (a list of 30,000 would make one
// request scan for a long time); 400 otherwise.
// ?state=a,b,c → its states, each known to the listed type (or to any type), at most 32.
std::vector<std::string> StateFilter(const Registry& registry, const std::string& type,
                                     std::string_view csv) {
  constexpr std::size_t kMaxStates = 32;
  std::vector<std::string> states;
  if (csv.empty()) return states;
  if (static_cast<std::size_t>(std::count(csv.begin(), csv.end(), ',')) >= kMaxStates) {
    throw ApiError::InvalidQuery(
        "state", "max_items",
        i18n::T("validation.max_items", {{"max", std::to_string(kMaxStates)}}));
  }
  const std::vector<const CaseType*> types = registry.Types();
  std::size_t start = 0;
  while (start <= csv.size()) {
    const std::size_t end = std::min(csv.find(',', start), csv.size());
    const std::string_view name = csv.substr(start, end - start);
    const bool known = std::any_of(types.begin(), types.end(), [&](const CaseType* t) {
      return (type.empty() || t->type == type) && t->FindState(name);
    });
    if (!known) throw ApiError::InvalidQuery("state", "enum", i18n::T("validation.state"));
    states.emplace_back(name);
    start = end + 1;
  }
  return states;
}

// ---------------------------------------------------------------------------------------------
// Request schemas
// ---------------------------------------------------------------------------------------------

const Json kData = {{"type", "object"},
                    {"additionalProperties", true},
                    {"description", "Checked against the case type's fields"}};

Json CaseBody() {
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"type", "data"}},
              {"properties", {{"type", {{"type", "string"}, {"minLength", 1}}}, {"data", kData}}}};
}

// ---------------------------------------------------------------------------------------------
// The Excel export of GET /api/v1/cases: the columns every case has, then, when ?type= names
// one type, that type's own list columns (its definition's ui.list_columns), so a new case
// type's register is exported with the columns its list shows and no code of its own.
// ---------------------------------------------------------------------------------------------

const std::map<std::string, i18n::Text, std::less<>>& CountryLabels() {
  static const auto labels = [] {
    std::map<std::string, i18n::Text, std::less<>> m;
    for (const auto& c : geo::AllCountries()) m.emplace(c.code, i18n::Text{c.name_zh, c.name_en});
    return m;
  }();
  return labels;
}

// One ui.list_columns entry as export columns ({"key","kind","label",…}, see CONTRIBUTING.md).
std::vector<exports::Column> TypeColumns(const Json& ui_column) {
  using exports::Kind;
  const std::string key = ui_column.value("key", "");
  const std::string kind = ui_column.value("kind", "text");
  const Json label = ui_column.value("label", Json::object());
  const i18n::Text header{label.value("zh", key), label.value("en", key)};
  auto column = [&](std::string k, std::string pointer, i18n::Text h, Kind type) {
    exports::Column c;
    c.key = std::move(k);
    c.pointer = std::move(pointer);
    c.header = std::move(h);
    c.kind = type;
    return c;
  };
  if (key.empty()) return {};
  if (kind == "date_range") {
    auto range = [&](const char* which) {
      return i18n::Text{i18n::T(which, {{"label", header.zh}}).zh,
                        i18n::T(which, {{"label", header.en}}).en};
    };
    return {column(key + "_from", "/" + ui_column.value("from", ""), range("export.range_from"),
                   Kind::kDate),
            column(key + "_to", "/" + ui_column.value("to", ""), range("export.range_to"),
                   Kind::kDate)};
  }
  Kind type = Kind::kText;
  if (kind == "number") type = Kind::kNumber;
  if (kind == "integer") type = Kind::kInteger;
  if (kind == "money") type = Kind::kMoney;
  if (kind == "date") type = Kind::kDate;
  if (kind == "datetime") type = Kind::kDateTime;
  if (kind == "boolean") type = Kind::kBoolean;
  exports::Column c = column(key, "/" + key, header, type);
  if (kind == "countries" || kind == "country") {
    c.kind = Kind::kEnum;
    c.labels = CountryLabels();
  }
  return {c};
}

std::vector<exports::Column> CaseExportColumns(const Registry& registry, const Request& req) {
  using exports::Col;
  using exports::Kind;
  const CaseType* only = registry.FindType(req.Query("type").value_or(""));
  exports::Column type = Col("type", "/type", "export.col.case_type", Kind::kEnum);
  exports::Column state = Col("state", "/state", "export.col.state", Kind::kEnum);
  for (const CaseType* t : registry.Types()) {
    type.labels.emplace(t->type, t->label);
    // Without ?type=, a state's label is the first type's that has it.
    if (only && t != only) continue;
    for (const auto& s : t->states) state.labels.emplace(s.name, s.label);
  }
  exports::Column org = Col("organization", "/org/name_zh", "export.col.organization");
  org.pointer_en = "/org/name_en";
  std::vector<exports::Column> columns = {
      Col("number", "/number", "export.col.number"),
      type,
      state,
      org,
      Col("applicant", "/applicant/display_name", "export.col.applicant"),
      Col("assigned_to", "/assigned_to/display_name", "export.col.assigned_to"),
      Col("created_at", "/created_at", "export.col.created_at", Kind::kDateTime),
      Col("submitted_at", "/submitted_at", "export.col.submitted_at", Kind::kDateTime),
      Col("decided_at", "/decided_at", "export.col.decided_at", Kind::kDateTime),
      Col("due_date", "/due_date", "export.col.due_date", Kind::kDate),
      Col("overdue", "/overdue", "export.col.overdue", Kind::kBoolean)};
  if (only) {
    const Json ui = only->definition.value("ui", Json::object());
    for (const auto& c : ui.value("list_columns", Json::array())) {
      for (auto& column : TypeColumns(c)) columns.push_back(std::move(column));
    }
  }
  return columns;
}

bool BoolQuery(const Request& req, const char* name) {
  auto v = req.Query(name);
  return v && (*v == "true" || *v == "1");
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  const Registry& registry = app.cases;
  const Policies& policies = app.policies;
  auto engine = std::make_shared<Engine>(app);
  auth::Endpoints api(app, "cases");
  const Json definition_schemas = DefinitionSchemas();  // items() must not outlive it
  for (const auto& [name, schema] : definition_schemas.items()) api.Component(name, schema);
  api.Component("UserRef", UserRefSchema());
  api.Component("Case", CaseSchema());
  api.Component("CaseSummary", CaseSummarySchema());
  api.Component("Check", CheckSchema());
  api.Component("Violation", ViolationSchema());
  api.Component("HistoryItem", HistoryItemSchema());
  api.Component("Attachment", AttachmentSchema());
  api.Component("Subrecord", SubrecordSchema());

  // --- definitions
  api.Get(
      "/api/v1/case-types",
      Doc("listCaseTypes", "The case types")
          .Returns(http::ItemsOf({{"type", "object"},
                                  {"required", {"type", "label", "description"}},
                                  {"properties",
                                   {{"type", kString},
                                    {"label", http::Ref("Bilingual")},
                                    {"description", {{"type", "object"}}}}}})),
      [&registry](const auth::Call&) {
        Json items = Json::array();
        for (const CaseType* t : registry.Types()) {
          items.push_back({{"type", t->type},
                           {"label", t->label.ToJson()},
                           {"description", t->definition.value("description", Json::object())}});
        }
        return auth::Reply({{"items", items}});
      });
  api.Get("/api/v1/case-types/{type}",
          Doc("getCaseType", "A case type's definition: fields, states, transitions, rules")
              .Returns(http::Ref("CaseType")),
          [&db, &registry, &policies](const auth::Call& call) {
            const CaseType* t = registry.FindType(call.request().Param("type"));
            if (!t) throw ApiError::NotFound();
            const Json policy = t->policy.empty() ? Json::object() : db.Read([&](db::Session& s) {
              return policies.Load(s, t->policy);
            });
            return auth::Reply(CaseTypeJson(registry, *t, policy));
          });

  // --- applicant
  api.Post(
      "/api/v1/cases",
      Doc("createCase", "Create a case (draft)").Body(CaseBody()).Returns(http::Ref("Case"), 201),
      [engine](const auth::Call& c) {
        return auth::Reply(engine->Create(c.who(), c.body()["type"], c.body()["data"]), 201);
      });
  api.Post("/api/v1/cases/check",
           Doc("checkCase", "Validate data and run the submission rules without saving")
               .Body(CaseBody())
               .Returns({{"type", "object"},
                         {"required", {"errors", "checks"}},
                         {"properties",
                          {{"errors", {{"type", "array"}, {"items", http::Ref("ErrorDetail")}}},
                           {"checks", {{"type", "array"}, {"items", http::Ref("Check")}}}}}}),
           [engine](const auth::Call& c) {
             return auth::Reply(engine->DryRun(c.who(), c.body()["type"], c.body()["data"]));
           });
  api.Patch(
      "/api/v1/cases/{id}",
      Doc("updateCase", "Replace a draft's or returned case's data (the applicant's organization)")
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"data"}},
                 {"properties", {{"data", kData}}}})
          .Returns(http::Ref("Case")),
      [engine](const auth::Call& c) {
        return auth::Reply(engine->Patch(c.who(), c.Id(), c.body()["data"]));
      });

  // --- everyone who sees the case
  api.Get("/api/v1/cases",
          Doc("listCases", "The caller's visible cases: filters, search, paging")
              .Query({"type", "state", "q", "assigned_to", "overdue", "org_id", "month", "sort",
                      "page", "page_size"})
              .Returns(CasePageSchema())
              .Export({.name = "cases",
                       .title_key = "export.title.cases",
                       .personal_data = true,
                       .columns = {},
                       .more_columns =
                           [&registry](const Request& req) {
                             return CaseExportColumns(registry, req);
                           }}),
          [&registry, engine](const auth::Call& call) {
            const http::Request& req = call.request();
            ListFilter f;
            f.type = std::string(req.Query("type").value_or(""));
            f.states = StateFilter(registry, f.type, req.Query("state").value_or(""));
            f.q = std::string(req.Query("q").value_or(""));
            if (f.q.size() > 200) {
              throw ApiError::InvalidQuery("q", "max_length",
                                           i18n::T("validation.max_length", {{"max", "200"}}));
            }
            f.assigned_to = std::string(req.Query("assigned_to").value_or(""));
            f.month = std::string(req.Query("month").value_or(""));
            if (!f.month.empty() && !calendar::Date::Parse(f.month + "-01")) {
              throw ApiError::InvalidQuery("month", "type", i18n::T("validation.type.month"));
            }
            f.sort = std::string(req.Query("sort").value_or(""));
            f.overdue = BoolQuery(req, "overdue");
            // The modules' own filters (e.g. a destination country).
            for (const auto& filter : registry.ListFilters()) {
              if (auto v = req.Query(filter.name)) f.extra[filter.name] = std::string(*v);
            }
            if (auto o = req.Query("org_id"); o && !o->empty()) {
              try {
                f.org_id = std::stoll(std::string(*o));
              } catch (const std::exception&) {
                throw ApiError::InvalidQuery("org_id", "type", i18n::T("validation.type.integer"));
              }
            }
            return auth::Reply(engine->List(call.who(), f, http::ParsePage(req)));
          });
  api.Get("/api/v1/cases/{id}",
          Doc("getCase", "A case with its data (the read is audited)")
              .Returns(http::Ref("Case"))
              .Quick(),
          [engine](const auth::Call& c) {
            return http::Response{
                200, "application/json; charset=utf-8", engine->GetText(c.who(), c.Id()), {}};
          });
  api.Post(
      "/api/v1/cases/{id}/transitions",
      Doc("transitionCase",
          "Take an action: submit, forward, return, reject, recommend, approve, withdraw, report…")
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"action"}},
                 {"properties",
                  {{"action", {{"type", "string"}, {"minLength", 1}, {"maxLength", 64}}},
                   {"comment", kComment},
                   {"override_reasons",
                    {{"type", "object"},
                     {"nullable", true},
                     {"maxProperties", 64},
                     {"additionalProperties", {{"type", "string"}, {"maxLength", 2000}}},
                     {"description", "rule id → the reason for overriding its warning"}}},
                   {"data",
                    {{"type", "object"},
                     {"nullable", true},
                     {"additionalProperties", true},
                     {"description",
                      "Only for an action with a data_stage (the post-trip report)"}}}}}})
          .Returns(http::Ref("Case")),
      [engine](const auth::Call& c) {
        const Json& body = c.body();
        TransitionRequest t;
        t.action = body["action"];
        if (body.contains("comment") && !body["comment"].is_null()) t.comment = body["comment"];
        if (body.contains("override_reasons") && !body["override_reasons"].is_null())
          t.override_reasons = body["override_reasons"];
        if (body.contains("data") && !body["data"].is_null()) t.data = body["data"];
        return auth::Reply(engine->Transition(c.who(), c.Id(), t));
      });
  api.Get("/api/v1/cases/{id}/checks",
          Doc("listCaseChecks", "Every rule of the case's type on its current data")
              .Returns(http::ItemsOf(http::Ref("Check"))),
          [engine](const auth::Call& c) { return auth::Reply(engine->Checks(c.who(), c.Id())); });
  api.Get("/api/v1/cases/{id}/history",
          Doc("listCaseHistory", "Every transition, edit, comment and assignment")
              .Returns(http::ItemsOf(http::Ref("HistoryItem")))
              .Quick(),
          [engine](const auth::Call& c) { return auth::Reply(engine->History(c.who(), c.Id())); });
  api.Post(
      "/api/v1/cases/{id}/comments",
      Doc("commentCase", "Comment on a case")
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"body"}},
                 {"properties",
                  {{"body",
                    {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxCommentLength}}}}}})
          .Returns({{"type", "object"},
                    {"required", {"case_id", "body"}},
                    {"properties", {{"case_id", {{"type", "integer"}}}, {"body", kString}}}},
                   201),
      [engine](const auth::Call& c) {
        return auth::Reply(engine->Comment(c.who(), c.Id(), c.body()["body"]), 201);
      });
  api.Post("/api/v1/cases/{id}/assign",
           Doc("assignCase", "Assign a case to an officer (or null to unassign)")
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"properties", {{"user_id", {{"type", "integer"}, {"nullable", true}}}}}})
               .Returns(http::Ref("Case")),
           [engine](const auth::Call& c) {
             std::optional<long long> user;
             if (c.body().contains("user_id") && !c.body()["user_id"].is_null())
               user = c.body()["user_id"].get<long long>();
             return auth::Reply(engine->Assign(c.who(), c.Id(), user));
           });
  api.Get(
      "/api/v1/cases/{id}/attachments",
      Doc("listCaseAttachments", "A case's attachments")
          .Returns(http::ItemsOf(http::Ref("Attachment"))),
      [engine](const auth::Call& c) { return auth::Reply(engine->Attachments(c.who(), c.Id())); });
  api.Post("/api/v1/cases/{id}/attachments",
           Doc("uploadCaseAttachment",
               "Upload a PDF, JPEG or PNG (raw body, ≤ 10 MB, checked by content)")
               .RawBody("application/octet-stream")
               .Query({"filename", "kind"})
               .Returns(http::Ref("Attachment"), 201),
           [engine](const auth::Call& c) {
             const http::Request& req = c.request();
             return auth::Reply(
                 engine->Attach(c.who(), c.Id(),
                                Upload{std::string(req.Query("filename").value_or("")), req.body,
                                       std::string(req.Query("kind").value_or(""))}),
                 201);
           });
  // --- sub-records: each document of a case, each economy's pre-clearance …
  api.Get(
      "/api/v1/cases/{id}/subrecords",
      Doc("listCaseSubrecords", "A case's sub-records, with the actions the caller may take")
          .Returns(http::ItemsOf(http::Ref("Subrecord"))),
      [engine](const auth::Call& c) { return auth::Reply(engine->Subrecords(c.who(), c.Id())); });
  api.Post("/api/v1/cases/{id}/subrecords",
           Doc("addCaseSubrecord", "Add a sub-record of a kind the case type declares")
               .Body(Json{{"type", "object"},
                          {"additionalProperties", false},
                          {"required", {"kind", "data"}},
                          {"properties",
                           {{"kind", {{"type", "string"}, {"minLength", 1}}}, {"data", kData}}}})
               .Returns(http::Ref("Subrecord"), 201),
           [engine](const auth::Call& c) {
             return auth::Reply(
                 engine->AddSubrecord(c.who(), c.Id(), c.body()["kind"], c.body()["data"]), 201);
           });
  api.Post("/api/v1/cases/{id}/subrecords/{subrecord_id}/transitions",
           Doc("transitionCaseSubrecord", "Move a sub-record along its own state machine")
               .Body(Json{{"type", "object"},
                          {"additionalProperties", false},
                          {"required", {"action"}},
                          {"properties",
                           {{"action", {{"type", "string"}, {"minLength", 1}}},
                            {"comment", {{"type", "string"}, {"maxLength", kMaxCommentLength}}}}}})
               .Returns(http::Ref("Subrecord")),
           [engine](const auth::Call& c) {
             return auth::Reply(engine->TransitionSubrecord(c.who(), c.Id(), c.Id("subrecord_id"),
                                                            c.body()["action"],
                                                            c.body().value("comment", "")));
           });
  api.Get("/api/v1/attachments/{id}",
          Doc("downloadAttachment", "Download an attachment (the read is audited)").ReturnsFile(),
          [engine](const auth::Call& c) {
            auto file = engine->Download(c.who(), c.Id());
            http::Response resp{200, file.content_type, std::move(file.bytes), {}};
            resp.headers.emplace_back("Content-Disposition",
                                      http::AttachmentDisposition(file.filename, file.filename));
            return resp;
          });

  RegisterPolicyRoutes(app);
}

}  // namespace waishi::cases
