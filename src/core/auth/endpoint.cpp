#include "core/auth/endpoint.h"

#include <stdexcept>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/error.h"
#include "core/export/export.h"
#include "core/http/params.h"
#include "core/validate/schema.h"

namespace waishi::auth {
namespace {

std::vector<std::string> IdParams(std::string_view pattern) {
  std::vector<std::string> names;
  for (std::size_t open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    const std::size_t close = pattern.find('}', open);
    const std::string name(pattern.substr(open + 1, close - open - 1));
    if (name == "id" || name.ends_with("_id")) names.push_back(name);
  }
  return names;
}

// What a session may call while its user must change their password (after an
// administrator created the account or reset its password): everything else is 403
// "password_change_required".
bool OpenBeforePasswordChange(http::Method method, std::string_view path) {
  return (method == http::Method::kGet && path == "/api/v1/me") ||
         (method == http::Method::kPost && path == "/api/v1/me/password") ||
         (method == http::Method::kPost && path == "/api/v1/auth/logout");
}

void RecordRefusal(db::Database& db, const Principal& who, const http::Request& req,
                   const ApiError& e) {
  Json detail{{"method", http::MethodName(req.method)},
              {"path", req.path.substr(0, 300)},
              {"status", e.status()}};
  audit::AppendDetached(
      db, audit::By(who, "access.refused", "request", req.request_id, std::move(detail)));
}

}  // namespace

const Principal& Call::who() const {
  if (!who_) throw std::logic_error("Call::who() on a public route");
  return *who_;
}

long long Call::Id(std::string_view name) const {
  auto it = ids_.find(name);
  if (it == ids_.end()) throw std::logic_error("route has no id parameter " + std::string(name));
  return it->second;
}

http::Response Reply(const Json& body, int status) { return http::Response::Json(status, body); }

void Endpoints::Add(http::Method method, std::string path, http::RouteDoc doc,
                    CallHandler handler) {
  doc.tag = tag_;
  // A list that declares its export columns gets its sibling GET <path>/export: the same
  // checks, then the list's own handler page by page (core/export/export.h).
  if (doc.export_list && method == http::Method::kGet) {
    http::RouteDoc export_doc = exports::ExportDoc(doc);
    auto run = [&app = app_, list = doc.export_list, handler](const Call& call) {
      return exports::Run(app, *list, call, handler);
    };
    Register(http::Method::kGet, path + "/export", std::move(export_doc), std::move(run));
  }
  Register(method, std::move(path), std::move(doc), std::move(handler));
}

void Endpoints::Register(http::Method method, std::string path, http::RouteDoc doc,
                         CallHandler handler) {
  const bool json_body =
      !doc.request_body.is_null() && doc.request_content_type == "application/json";
  const App& app = app_;
  db::Database& db = app_.db;
  const bool open_before_password_change = OpenBeforePasswordChange(method, path);
  auto handle = [&app, &db, open_before_password_change, id_names = IdParams(path),
                 schema = json_body ? doc.request_body : Json(), requires_auth = doc.requires_auth,
                 roles = doc.roles, handler = std::move(handler)](const http::Request& req) {
    // The session's and the case's caches check the data epoch: one read serves both.
    db::Database::RequestEpoch request_epoch(db);
    std::optional<Principal> who;
    if (requires_auth) who = Authenticate(app, req);
    if (who && who->must_change_password && !open_before_password_change) {
      throw ApiError(403, "password_change_required", i18n::T("error.password_change_required"));
    }
    try {
      if (who && !roles.empty()) {
        bool allowed = false;
        for (const auto& r : roles) allowed = allowed || who->Has(r);
        if (!allowed) throw ApiError::Forbidden();
      }
      std::map<std::string, long long, std::less<>> ids;
      for (const auto& name : id_names) ids.emplace(name, http::IdParam(req, name));
      Json body = nullptr;
      if (!schema.is_null()) {
        body = req.body.empty() && http::BodyMayBeOmitted(schema) ? Json::object()
                                                                  : http::JsonBody(req);
        validate::RequireSchema(schema, body);
      }
      return handler(Call(req, who ? &*who : nullptr, std::move(body), std::move(ids)));
    } catch (const ApiError& e) {
      // Someone signed in reaching for what is not theirs (or not there) is recorded.
      if (who && (e.status() == 403 || e.status() == 404)) RecordRefusal(db, *who, req, e);
      throw;
    }
  };
  app_.router.Add(method, std::move(path), std::move(doc), std::move(handle));
}

void Endpoints::Get(std::string path, http::RouteDoc doc, CallHandler handler) {
  Add(http::Method::kGet, std::move(path), std::move(doc), std::move(handler));
}
void Endpoints::Post(std::string path, http::RouteDoc doc, CallHandler handler) {
  Add(http::Method::kPost, std::move(path), std::move(doc), std::move(handler));
}
void Endpoints::Put(std::string path, http::RouteDoc doc, CallHandler handler) {
  Add(http::Method::kPut, std::move(path), std::move(doc), std::move(handler));
}
void Endpoints::Patch(std::string path, http::RouteDoc doc, CallHandler handler) {
  Add(http::Method::kPatch, std::move(path), std::move(doc), std::move(handler));
}
void Endpoints::Delete(std::string path, http::RouteDoc doc, CallHandler handler) {
  Add(http::Method::kDelete, std::move(path), std::move(doc), std::move(handler));
}

}  // namespace waishi::auth
