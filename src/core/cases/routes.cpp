#include "core/cases/routes.h"

#include <memory>

#include "core/auth/auth.h"
#include "core/calendar/working_days.h"
#include "core/cases/engine.h"
#include "core/cases/policy.h"
#include "core/cases/rule.h"
#include "core/error.h"
#include "core/http/params.h"

namespace waishi::cases {
namespace {

using http::Method;
using http::Request;
using http::Response;

// The definition as written, plus each rule's label and current severity, and the policy.
Json CaseTypeJson(const Registry& registry, const CaseType& t, const Json& policy) {
  Json j = t.definition;
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

std::string StringMember(const Json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required)
      throw ApiError::Unprocessable({FieldError{name, "required", i18n::T("validation.required")}});
    return "";
  }
  if (!it->is_string())
    throw ApiError::Unprocessable({FieldError{name, "type", i18n::T("validation.type.text")}});
  return it->get<std::string>();
}

const Json& ObjectMember(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end())
    throw ApiError::Unprocessable({FieldError{name, "required", i18n::T("validation.required")}});
  if (!it->is_object())
    throw ApiError::Unprocessable({FieldError{name, "type", i18n::T("validation.type.object")}});
  return *it;
}

bool BoolQuery(const Request& req, const char* name) {
  auto v = req.Query(name);
  return v && (*v == "true" || *v == "1");
}

}  // namespace

void Register(App& app) {
  db::Database& db = app.db;
  const Registry& registry = app.cases;
  const Policies& policies = app.policies;
  auto engine = std::make_shared<Engine>(app);
  auto& r = app.router;
  const Json case_body = {
      {"type", "object"},
      {"required", {"type", "data"}},
      {"properties", {{"type", {{"type", "string"}}}, {"data", {{"type", "object"}}}}}};

  // --- definitions
  r.Add(Method::kGet, "/api/v1/case-types", {"cases", "The case types"},
        [&db, &registry](const Request& req) {
          auth::Authenticate(db, req);
          Json items = Json::array();
          for (const CaseType* t : registry.Types()) {
            items.push_back({{"type", t->type},
                             {"label", t->label.ToJson()},
                             {"description", t->definition.value("description", Json::object())}});
          }
          return Response::Json(200, {{"items", items}});
        });
  r.Add(Method::kGet, "/api/v1/case-types/{type}",
        {"cases", "A case type's definition: fields, states, transitions, rules"},
        [&db, &registry, &policies](const Request& req) {
          auth::Authenticate(db, req);
          const CaseType* t = registry.FindType(req.Param("type"));
          if (!t) throw ApiError::NotFound();
          const Json policy = t->policy.empty() ? Json::object() : db.Read([&](soci::session& s) {
            return policies.Load(s, t->policy);
          });
          return Response::Json(200, CaseTypeJson(registry, *t, policy));
        });

  // --- applicant
  r.Add(Method::kPost, "/api/v1/cases", {"cases", "Create a case (draft)", true, case_body},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          Json body = http::JsonBody(req);
          http::RejectUnknownFields(body, {"type", "data"});
          const std::string type = StringMember(body, "type", true);
          return Response::Json(201, engine->Create(who, type, ObjectMember(body, "data")));
        });
  r.Add(Method::kPost, "/api/v1/cases/check",
        {"cases", "Validate data and run the submission rules without saving", true, case_body},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          Json body = http::JsonBody(req);
          http::RejectUnknownFields(body, {"type", "data"});
          return Response::Json(200, engine->DryRun(who, StringMember(body, "type", true),
                                                    ObjectMember(body, "data")));
        });
  r.Add(Method::kPatch, "/api/v1/cases/{id}",
        {"cases", "Replace a draft's or returned case's data (the applicant's organization)", true,
         Json{{"type", "object"},
              {"required", {"data"}},
              {"properties", {{"data", {{"type", "object"}}}}}}},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          const long long id = http::IdParam(req);
          Json body = http::JsonBody(req);
          http::RejectUnknownFields(body, {"data"});
          return Response::Json(200, engine->Patch(who, id, ObjectMember(body, "data")));
        });

  // --- everyone who sees the case
  r.Add(Method::kGet, "/api/v1/cases",
        {"cases",
         "The caller's visible cases: filters, search, paging",
         true,
         nullptr,
         {"type", "state", "q", "assigned_to", "overdue", "org_id", "month", "sort", "page",
          "page_size"}},
        [&db, &registry, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          ListFilter f;
          f.type = std::string(req.Query("type").value_or(""));
          f.state = std::string(req.Query("state").value_or(""));
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
          return Response::Json(200, engine->List(who, f, http::ParsePage(req)));
        });
  r.Add(Method::kGet, "/api/v1/cases/{id}",
        http::Quick({"cases", "A case with its data (the read is audited)"}),
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          return Response::Json(200, engine->Get(who, http::IdParam(req)));
        });
  r.Add(Method::kPost, "/api/v1/cases/{id}/transitions",
        {"cases",
         "Take an action: submit, forward, return, reject, recommend, approve, withdraw, report…",
         true,
         Json{{"type", "object"},
              {"required", {"action"}},
              {"properties",
               {{"action", {{"type", "string"}}},
                {"comment", {{"type", "string"}}},
                {"override_reasons", {{"type", "object"}}},
                {"data", {{"type", "object"}}}}}}},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          const long long id = http::IdParam(req);
          Json body = http::JsonBody(req);
          http::RejectUnknownFields(body, {"action", "comment", "override_reasons", "data"});
          TransitionRequest t;
          t.action = StringMember(body, "action", true);
          t.comment = StringMember(body, "comment", false);
          if (body.contains("override_reasons") && !body["override_reasons"].is_null()) {
            t.override_reasons = ObjectMember(body, "override_reasons");
          }
          if (body.contains("data") && !body["data"].is_null()) t.data = ObjectMember(body, "data");
          return Response::Json(200, engine->Transition(who, id, t));
        });
  r.Add(Method::kGet, "/api/v1/cases/{id}/checks",
        {"cases", "Every rule of the case's type on its current data"},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          return Response::Json(200, engine->Checks(who, http::IdParam(req)));
        });
  r.Add(Method::kGet, "/api/v1/cases/{id}/history",
        http::Quick({"cases", "Every transition, edit, comment and assignment"}),
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          return Response::Json(200, engine->History(who, http::IdParam(req)));
        });
  r.Add(Method::kPost, "/api/v1/cases/{id}/comments",
        {"cases", "Comment on a case", true,
         Json{{"type", "object"},
              {"required", {"body"}},
              {"properties", {{"body", {{"type", "string"}}}}}}},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          const long long id = http::IdParam(req);
          Json body = http::JsonBody(req);
          http::RejectUnknownFields(body, {"body"});
          return Response::Json(201, engine->Comment(who, id, StringMember(body, "body", true)));
        });
  r.Add(Method::kPost, "/api/v1/cases/{id}/assign",
        {"cases", "Assign a case to an officer (or null to unassign)", true,
         Json{{"type", "object"},
              {"properties", {{"user_id", {{"type", "integer"}, {"nullable", true}}}}}}},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          const long long id = http::IdParam(req);
          Json body = http::JsonBody(req);
          http::RejectUnknownFields(body, {"user_id"});
          std::optional<long long> user;
          if (body.contains("user_id") && !body["user_id"].is_null()) {
            if (!body["user_id"].is_number_integer()) {
              throw ApiError::Unprocessable(
                  {FieldError{"user_id", "type", i18n::T("validation.type.integer")}});
            }
            user = body["user_id"].get<long long>();
          }
          return Response::Json(200, engine->Assign(who, id, user));
        });
  r.Add(Method::kGet, "/api/v1/cases/{id}/attachments", {"cases", "A case's attachments"},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          return Response::Json(200, engine->Attachments(who, http::IdParam(req)));
        });
  r.Add(Method::kPost, "/api/v1/cases/{id}/attachments",
        {"cases",
         "Upload a PDF, JPEG or PNG (raw body, ≤ 10 MB, checked by content)",
         true,
         Json{{"type", "string"}, {"format", "binary"}},
         {"filename"},
         "application/octet-stream"},
        [&db, engine](const Request& req) {
          auto who = auth::Authenticate(db, req);
          const long long id = http::IdParam(req);
          return Response::Json(
              201, engine->Attach(
                       who, id, Upload{std::string(req.Query("filename").value_or("")), req.body}));
        });
  r.Add(
      Method::kGet, "/api/v1/attachments/{id}",
      {"cases", "Download an attachment (the read is audited)"}, [&db, engine](const Request& req) {
        auto who = auth::Authenticate(db, req);
        auto file = engine->Download(who, http::IdParam(req));
        Response resp{200, file.content_type, std::move(file.bytes), {}};
        // RFC 6266 / RFC 5987: the UTF-8 name percent-encoded.
        std::string encoded;
        for (unsigned char c : file.filename) {
          if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            encoded += static_cast<char>(c);
          } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            encoded += buf;
          }
        }
        resp.headers.emplace_back("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
        return resp;
      });

  RegisterPolicyRoutes(app);
}

}  // namespace waishi::cases
