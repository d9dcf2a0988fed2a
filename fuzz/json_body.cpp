// Fuzz target: a JSON request body on its way through the route helper
// (core/auth/endpoint.cpp). The input is the body of a request declared application/json. As
// the helper does, it is read by http::JsonBody (depth limit on the bytes, then the parser,
// UTF-8 included) and checked against the request schema of every route of the real route
// table that takes JSON (the core's and the travel module's, set up as `waishi openapi` does);
// a "data" object is then checked against every case type's fields, as the engine does on
// create, check, edit and transition.
//
// Invariants asserted, beyond "no crash, no sanitizer report":
//  - a body declared text/plain is refused 415 before anything is read;
//  - JsonBody returns an object or refuses 400 json_too_deep / malformed_json / body_not_object,
//    nothing else; json_too_deep exactly when the text parses to something nesting deeper than
//    kMaxJsonDepth (or does not parse), and an accepted body nests at most kMaxJsonDepth;
//  - a schema check and a check of case data never throw (the schemas and definitions are the
//    server's own), report at most kMaxDetails errors and one counting the rest (the errors of
//    POST /cases/check are its 200 answer), each with a rule and a message in both languages,
//    and the 422 answer serializes as valid UTF-8;
//  - a body the schema accepts has every member the schema requires (handlers index them).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/app.h"
#include "core/cases/validation.h"
#include "core/error.h"
#include "core/http/http.h"
#include "core/http/params.h"
#include "core/platform.h"
#include "core/validate/schema.h"
#include "travel/travel.h"

namespace {

using waishi::ApiError;
using waishi::FieldError;
using waishi::Json;

[[noreturn]] void Fail(const char* what, std::string_view body) {
  std::fprintf(stderr, "invariant broken: %s\nbody (%zu bytes): %.*s\n", what, body.size(),
               static_cast<int>(body.size() < 400 ? body.size() : 400), body.data());
  std::abort();
}

// The server's routes, built once: an in-memory database that nothing queries.
struct Routes {
  std::unique_ptr<waishi::db::Database> db = waishi::db::Database::Open("sqlite::memory:", 1);
  waishi::http::Router router;
  waishi::App app{*db, router};
  std::vector<const Json*> schemas;  // the request schemas of the JSON routes

  Routes() {
    waishi::platform::Core().setup(app);
    waishi::travel::Module().setup(app);
    for (const auto& route : router.routes()) {
      if (!route.doc.request_body.is_null() && route.doc.request_content_type == "application/json")
        schemas.push_back(&route.doc.request_body);
    }
    if (schemas.empty()) Fail("no route takes a JSON body", "");
  }
};

const Routes& TheRoutes() {
  static const Routes routes;
  return routes;
}

// Nesting of arrays and objects: 0 for a scalar. Recursion is bounded by the input's length.
int Depth(const Json& v) {
  if (!v.is_structured()) return 0;
  int deepest = 0;
  for (const auto& member : v) {
    const int d = Depth(member);
    if (d > deepest) deepest = d;
  }
  return deepest + 1;
}

void CheckErrors(const std::vector<FieldError>& errors, std::string_view body) {
  if (errors.size() > ApiError::kMaxDetails + 1) Fail("more than kMaxDetails + 1 errors", body);
  for (const auto& e : errors) {
    if (e.rule.empty()) Fail("an error without a rule", body);
    if (e.message.en.empty() || e.message.zh.empty()) Fail("an error without a message", body);
  }
  if (errors.empty()) return;
  try {
    // The strict dump throws on invalid UTF-8.
    (void)ApiError::Unprocessable(errors).ToJson().dump();
  } catch (const Json::exception&) {
    Fail("the 422 answer is not valid UTF-8", body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Routes& routes = TheRoutes();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  waishi::http::Request req;
  req.method = waishi::http::Method::kPost;
  req.body = std::string(text);

  // A form on another site may send text/plain: refused unread.
  if (!text.empty()) {
    req.headers["content-type"] = "text/plain";
    try {
      (void)waishi::http::JsonBody(req);
      Fail("a text/plain body was read", text);
    } catch (const ApiError& e) {
      if (e.status() != 415) Fail("a text/plain body not answered 415", text);
    }
  }

  req.headers["content-type"] = "application/json";
  Json body;
  try {
    body = waishi::http::JsonBody(req);
  } catch (const ApiError& e) {
    if (e.status() != 400) Fail("JsonBody refused with a status other than 400", text);
    const Json parsed = Json::parse(text, nullptr, false);
    if (e.code() == "json_too_deep") {
      if (!parsed.is_discarded() && Depth(parsed) <= waishi::http::kMaxJsonDepth)
        Fail("json_too_deep for a body within the limit", text);
    } else if (e.code() == "malformed_json") {
      if (!parsed.is_discarded()) Fail("malformed_json for a body that parses", text);
    } else if (e.code() == "body_not_object") {
      if (parsed.is_discarded() || parsed.is_object()) Fail("body_not_object for an object", text);
    } else {
      Fail("JsonBody refused with an unexpected code", text);
    }
    return 0;
  }
  if (!body.is_object()) Fail("JsonBody returned something other than an object", text);
  if (Depth(body) > waishi::http::kMaxJsonDepth) Fail("an accepted body nests too deep", text);

  for (const Json* schema : routes.schemas) {
    std::vector<FieldError> errors;
    try {
      errors = waishi::validate::CheckSchema(*schema, body);
    } catch (const std::exception& e) {
      Fail(e.what(), text);
    }
    CheckErrors(errors, text);
    if (errors.empty() && schema->contains("required")) {
      for (const auto& name : (*schema)["required"]) {
        if (!body.contains(name.get<std::string>())) Fail("a required member is missing", text);
      }
    }
  }

  // The case's data against each type's fields, for every way the engine checks it.
  if (auto it = body.find("data"); it != body.end() && it->is_object()) {
    using waishi::cases::Completeness;
    for (const auto* type : routes.app.cases.Types()) {
      try {
        CheckErrors(waishi::cases::ValidateData(*type, *it, Completeness::kDraft, nullptr), text);
        CheckErrors(waishi::cases::ValidateData(*type, *it, Completeness::kComplete, nullptr),
                    text);
        for (const auto& transition : type->transitions) {
          if (!transition.writes.empty())
            CheckErrors(
                waishi::cases::ValidateData(*type, *it, Completeness::kComplete, &transition),
                text);
        }
      } catch (const std::exception& e) {
        Fail(e.what(), text);
      }
    }
  }
  return 0;
}
