// The one way to write a handler.
//
// A module declares each route with its RouteDoc (core/http/http.h) and a handler taking a
// Call. Before the handler runs, Endpoints does what every handler used to repeat:
//   1. authenticates (401, or 403 "csrf"), unless the doc is Public(); a user who must change
//      their password reaches only GET /me, POST /me/password and logout (403
//      "password_change_required" elsewhere);
//   2. refuses roles outside doc.roles (403 "forbidden");
//   3. parses every path parameter named id or *_id as a positive integer (404 otherwise:
//      /cases/abc is "not found");
//   4. parses the JSON body (400 "malformed_json" / "body_not_object") and validates it
//      against doc.request_body (422 "validation_failed" naming every field, unknown
//      fields included) — the same schema the OpenAPI document shows.
// A GET list route whose doc declares .Export(columns) also gets GET <path>/export, its
// Excel download (core/export/export.h), behind the same checks.
// The handler then reads typed inputs, calls the operation and replies. Endpoints is used
// at start-up only; the handlers it registers are as thread-safe as the handlers given.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/app.h"
#include "core/auth/principal.h"
#include "core/http/http.h"
#include "core/json.h"

namespace waishi::auth {

// What a handler receives: the request and what the helper already checked.
class Call {
 public:
  // `who` (null on a public route) outlives the call.
  Call(const http::Request& request, const Principal* who, Json body,
       std::map<std::string, long long, std::less<>> ids)
      : request_(request), who_(who), body_(std::move(body)), ids_(std::move(ids)) {}

  const http::Request& request() const { return request_; }
  // The caller; only on routes that authenticate (a logic_error on a Public() route).
  const Principal& who() const;
  // The body, validated against the route's schema; null when the route takes none.
  const Json& body() const { return body_; }
  // The path parameter `name` (id or *_id), already parsed.
  long long Id(std::string_view name = "id") const;
  // The same caller, body and ids with another request (a list's export calls the list's
  // handler once per page with its own query); `other` must outlive the returned Call.
  Call WithRequest(const http::Request& other) const { return Call(other, who_, body_, ids_); }

 private:
  const http::Request& request_;
  const Principal* who_;
  Json body_;
  std::map<std::string, long long, std::less<>> ids_;
};

using CallHandler = std::function<http::Response(const Call&)>;

// Registers a module's routes under one OpenAPI tag.
class Endpoints {
 public:
  Endpoints(App& app, std::string tag) : app_(app), tag_(std::move(tag)) {}

  void Get(std::string path, http::RouteDoc doc, CallHandler handler);
  void Post(std::string path, http::RouteDoc doc, CallHandler handler);
  void Put(std::string path, http::RouteDoc doc, CallHandler handler);
  void Patch(std::string path, http::RouteDoc doc, CallHandler handler);
  void Delete(std::string path, http::RouteDoc doc, CallHandler handler);

  // A schema shared by several routes, in the document's components (see http::Ref).
  void Component(std::string name, Json schema) {
    app_.router.Component(std::move(name), std::move(schema));
  }

 private:
  void Add(http::Method method, std::string path, http::RouteDoc doc, CallHandler handler);
  void Register(http::Method method, std::string path, http::RouteDoc doc, CallHandler handler);

  App& app_;
  std::string tag_;
};

// The JSON reply: Response::Json(status, body).
http::Response Reply(const Json& body, int status = 200);

}  // namespace waishi::auth
