#include "core/http/http.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/http/params.h"

namespace waishi::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end;
  }
  return parts;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The key of Router::by_shape_: the number of segments and the third one (/api/v1/<this>/…),
// or the last of a shorter path.
std::string ShapeKey(std::size_t segments, std::string_view key_segment) {
  std::string key = std::to_string(segments);
  key.push_back('/');
  key += key_segment;
  return key;
}
std::size_t KeySegment(std::size_t segments) { return std::min<std::size_t>(segments, 3) - 1; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOther:
      return "OTHER";
  }
  return "?";
}

std::optional<Method> ParseMethod(std::string_view name) {
  for (Method m : {Method::kGet, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    if (MethodName(m) == name) return m;
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}
std::optional<std::string_view> Request::Query(std::string_view name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}
std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  auto it = cookies.find(name);
  if (it == cookies.end()) return std::nullopt;
  return it->second;
}
const std::string& Request::Param(std::string_view name) const {
  auto it = params.find(name);
  if (it == params.end()) throw std::logic_error("route has no parameter " + std::string(name));
  return it->second;
}

Response Response::Json(int status, const waishi::Json& body) {
  return Response{status,
                  "application/json; charset=utf-8",
                  body.dump(-1, ' ', false, waishi::Json::error_handler_t::replace),
                  {}};
}

Response Response::Stream(std::string topic, std::string first_events) {
  Response r{200, "text/event-stream; charset=utf-8", std::move(first_events), {}};
  // nginx would otherwise hold the events in its buffer.
  r.headers.emplace_back("X-Accel-Buffering", "no");
  r.stream_topic = std::move(topic);
  return r;
}

void Router::Add(Method method, std::string pattern, RouteDoc doc, Handler handler) {
  Route route{method, pattern, {}, std::move(doc), std::move(handler)};
  for (auto s : Split(pattern)) route.segments.emplace_back(s);
  const std::size_t n = route.segments.size();
  std::string_view key_segment;
  if (n > 0) key_segment = route.segments[KeySegment(n)];
  if (IsParam(key_segment)) key_segment = "*";
  by_shape_[ShapeKey(n, key_segment)].push_back(routes_.size());
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(Method method, std::string_view path) const {
  const auto parts = Split(path);
  Match best;
  int best_literals = -1;
  // The routes whose third segment is this path's, and those with a parameter there, merged
  // back into the order they were added (the first of equally literal matches wins).
  static const std::vector<std::size_t> kNone;
  const auto bucket = [&](std::string_view key_segment) -> const std::vector<std::size_t>& {
    const auto it = by_shape_.find(ShapeKey(parts.size(), key_segment));
    return it == by_shape_.end() ? kNone : it->second;
  };
  const std::vector<std::size_t>& literal =
      parts.empty() ? bucket("") : bucket(parts[KeySegment(parts.size())]);
  const std::vector<std::size_t>& param = parts.empty() ? kNone : bucket("*");
  for (std::size_t a = 0, b = 0; a < literal.size() || b < param.size();) {
    const bool from_literal = b == param.size() || (a < literal.size() && literal[a] < param[b]);
    const Route& route = routes_[from_literal ? literal[a++] : param[b++]];
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (IsParam(route.segments[i])) continue;
      ok = route.segments[i] == parts[i];
      ++literals;
    }
    if (!ok) continue;
    if (route.method != method) {
      best.path_known = true;
      continue;
    }
    if (literals > best_literals) {
      best_literals = literals;
      best.route = &route;
    }
  }
  if (best.route != nullptr) {
    best.params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& seg = best.route->segments[i];
      if (IsParam(seg)) best.params.emplace(seg.substr(1, seg.size() - 2), parts[i]);
    }
  }
  return best;
}

Router::Pool Router::PoolOf(Method method, std::string_view path, bool quick_on_io_thread) const {
  return PoolOf(method, Find(method, path), quick_on_io_thread);
}

Router::Pool Router::PoolOf(Method method, const Match& m, bool quick_on_io_thread) {
  if (method == Method::kGet)
    return quick_on_io_thread && m.route && m.route->doc.quick ? Pool::kIoThread : Pool::kWorkers;
  // No route: the 404 or 405 is quickly made.
  return !m.route || m.route->doc.computes ? Pool::kWorkers : Pool::kWriters;
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI 3.0 document
// ---------------------------------------------------------------------------------------------

RouteDoc RouteDoc::Public() && {
  requires_auth = false;
  return std::move(*this);
}
RouteDoc RouteDoc::Roles(std::vector<std::string> names) && {
  roles = std::move(names);
  return std::move(*this);
}
RouteDoc RouteDoc::Body(waishi::Json schema) && {
  request_body = std::move(schema);
  return std::move(*this);
}
RouteDoc RouteDoc::RawBody(std::string content_type) && {
  request_body = waishi::Json{{"type", "string"}, {"format", "binary"}};
  request_content_type = std::move(content_type);
  return std::move(*this);
}
RouteDoc RouteDoc::Query(std::vector<std::string> names) && {
  query = std::move(names);
  return std::move(*this);
}
RouteDoc RouteDoc::Returns(waishi::Json schema, int success_status) && {
  response = std::move(schema);
  status = success_status;
  return std::move(*this);
}
RouteDoc RouteDoc::Accepted(waishi::Json schema) && {
  accepted = std::move(schema);
  return std::move(*this);
}
RouteDoc RouteDoc::ReturnsFile() && {
  response = waishi::Json{{"type", "string"}, {"format", "binary"}};
  response_content_type = "application/octet-stream";
  return std::move(*this);
}
RouteDoc RouteDoc::NoContent() && {
  status = 204;
  response = nullptr;
  return std::move(*this);
}
RouteDoc RouteDoc::EventStream() && {
  response = waishi::Json{{"type", "string"}};
  response_content_type = "text/event-stream";
  return std::move(*this);
}
RouteDoc RouteDoc::Errors(std::vector<std::string> statuses) && {
  more_errors = std::move(statuses);
  return std::move(*this);
}
RouteDoc RouteDoc::Quick() && {
  quick = true;
  return std::move(*this);
}
RouteDoc RouteDoc::Computes() && {
  computes = true;
  return std::move(*this);
}
RouteDoc RouteDoc::Export(exports::List list) && {
  export_list = std::make_shared<const exports::List>(std::move(list));
  return std::move(*this);
}

waishi::Json Ref(std::string_view name) {
  return waishi::Json{{"$ref", "#/components/schemas/" + std::string(name)}};
}

waishi::Json PageOf(waishi::Json item) {
  return waishi::Json{{"type", "object"},
                      {"required", {"items", "total", "page", "page_size"}},
                      {"properties",
                       {{"items", {{"type", "array"}, {"items", std::move(item)}}},
                        {"total", {{"type", "integer"}}},
                        {"page", {{"type", "integer"}}},
                        {"page_size", {{"type", "integer"}}}}}};
}

waishi::Json ItemsOf(waishi::Json item) {
  return waishi::Json{{"type", "object"},
                      {"required", {"items"}},
                      {"properties", {{"items", {{"type", "array"}, {"items", std::move(item)}}}}}};
}

void Router::Component(std::string name, waishi::Json schema) {
  components_.insert_or_assign(std::move(name), std::move(schema));
}

namespace {

using waishi::Json;

// A path parameter named id or ending in _id is a positive integer; others are text.
bool IsIdParam(std::string_view name) { return name == "id" || name.ends_with("_id"); }

// {"error":{"code","message","message_zh","details":[ErrorDetail]}}: every 4xx/5xx body.
Json ErrorSchema() {
  return Json{
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "message_zh", "details"}},
          {"properties",
           {{"code", {{"type", "string"}, {"description", "Stable error code"}}},
            {"message", {{"type", "string"}, {"description", "English"}}},
            {"message_zh", {{"type", "string"}, {"description", "Chinese"}}},
            {"details",
             {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/ErrorDetail"}}}}}}}}}}}};
}

Json ErrorDetailSchema() {
  return Json{{"type", "object"},
              {"required", {"field", "rule", "message", "message_zh"}},
              {"properties",
               {{"field", {{"type", "string"}, {"description", "JSON path, e.g. members[1].name"}}},
                {"rule", {{"type", "string"}, {"description", "Stable rule id"}}},
                {"message", {{"type", "string"}, {"description", "English"}}},
                {"message_zh", {{"type", "string"}, {"description", "Chinese"}}},
                {"severity", {{"type", "string"}, {"enum", {"blocking", "warning"}}}}}}};
}

// The error responses every operation may give, by status.
const std::map<std::string, std::string>& ErrorResponses() {
  static const std::map<std::string, std::string> kResponses = {
      {"400", "Malformed JSON or query parameter"},
      {"401", "Not signed in"},
      {"403", "The role may not, or the CSRF token is missing"},
      {"404", "Unknown, or not visible to the caller"},
      {"409", "Not possible in the current state"},
      {"410", "No longer valid (an expired link)"},
      {"413", "Body too large"},
      {"415", "Unsupported file type"},
      {"422", "Validation or rules failed; details name each field"},
      {"429", "Too many attempts"}};
  return kResponses;
}

Json ErrorRef(const std::string& status) {
  return Json{{"$ref", "#/components/responses/Error" + status}};
}

}  // namespace

waishi::Json Router::OpenApi(std::string_view version) const {
  Json paths = Json::object();
  std::set<std::string> tags, used_errors;
  for (const Route& route : routes_) {
    const RouteDoc& doc = route.doc;
    tags.insert(doc.tag);
    Json op = {{"tags", {doc.tag}}, {"summary", doc.summary}, {"operationId", doc.operation_id}};
    if (!doc.roles.empty()) {
      std::string roles;
      for (const auto& r : doc.roles) roles += (roles.empty() ? "" : ", ") + r;
      op["description"] = "Roles: " + roles + ".";
    }

    Json parameters = Json::array();
    bool has_path_params = false;
    for (const auto& seg : route.segments) {
      if (!IsParam(seg)) continue;
      has_path_params = true;
      const std::string name = seg.substr(1, seg.size() - 2);
      parameters.push_back({{"name", name},
                            {"in", "path"},
                            {"required", true},
                            {"schema", IsIdParam(name) ? Json{{"type", "integer"}, {"minimum", 1}}
                                                       : Json{{"type", "string"}}}});
    }
    for (const auto& q : doc.query) {
      const bool paging = q == "page" || q == "page_size";
      parameters.push_back({{"name", q},
                            {"in", "query"},
                            {"required", false},
                            {"schema", paging ? Json{{"type", "integer"}, {"minimum", 1}}
                                              : Json{{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!doc.request_body.is_null()) {
      op["requestBody"] = {
          {"required", !BodyMayBeOmitted(doc.request_body)},
          {"content", {{doc.request_content_type, {{"schema", doc.request_body}}}}}};
    }

    Json responses = Json::object();
    Json success = {{"description", doc.status == 201 ? "Created" : "OK"}};
    if (doc.status == 204) success["description"] = "Done; no content";
    if (!doc.response.is_null())
      success["content"] = {{doc.response_content_type, {{"schema", doc.response}}}};
    responses[std::to_string(doc.status)] = success;
    if (!doc.accepted.is_null()) {
      responses["202"] = {{"description", "Accepted: recorded, not yet done"},
                          {"content", {{"application/json", {{"schema", doc.accepted}}}}}};
    }
    std::vector<std::string> errors;
    if (!doc.request_body.is_null() || !doc.query.empty()) errors.push_back("400");
    if (doc.requires_auth) errors.push_back("401");
    if (doc.requires_auth && (!doc.roles.empty() || route.method != Method::kGet))
      errors.push_back("403");
    if (has_path_params) errors.push_back("404");
    if (!doc.request_body.is_null()) errors.push_back("422");
    for (const auto& e : doc.more_errors) {
      if (std::find(errors.begin(), errors.end(), e) == errors.end()) errors.push_back(e);
    }
    if (errors.empty()) errors.push_back("400");
    for (const auto& e : errors) {
      responses[e] = ErrorRef(e);
      used_errors.insert(e);
    }
    op["responses"] = responses;
    op["security"] =
        doc.requires_auth ? Json::array({{{"session", Json::array()}}}) : Json::array();

    std::string method(MethodName(route.method));
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    paths[route.pattern][method] = op;
  }

  Json schemas = Json::object();
  for (const auto& [name, schema] : components_) schemas[name] = schema;
  schemas["Error"] = ErrorSchema();
  schemas["ErrorDetail"] = ErrorDetailSchema();
  Json responses = Json::object();
  for (const auto& status : used_errors) {
    responses["Error" + status] = {{"description", ErrorResponses().at(status)},
                                   {"content", {{"application/json", {{"schema", Ref("Error")}}}}}};
  }
  Json tag_list = Json::array();
  for (const auto& t : tags)
    tag_list.push_back({{"name", t}, {"description", "The " + t + " routes"}});

  return Json{{"openapi", "3.0.3"},
              {"info",
               {{"title", "Waishi API"},
                {"version", std::string(version)},
                {"description",
                 "The API of Waishi, the platform of a city's Foreign Affairs Office. Conventions "
                 "(errors, paging, CSRF) are in docs/api.md."},
                {"license", {{"name", "Proprietary"}}}}},
              {"servers", Json::array({{{"url", "/"}, {"description", "This server"}}})},
              {"tags", tag_list},
              {"paths", paths},
              {"components",
               {{"schemas", schemas},
                {"responses", responses},
                {"securitySchemes",
                 {{"session",
                   {{"type", "apiKey"},
                    {"in", "cookie"},
                    {"name", "waishi_session"},
                    {"description",
                     "Set by POST /api/v1/auth/login. State-changing requests also send the header "
                     "X-CSRF-Token."}}}}}}}};
}

std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

StringMap ParseQuery(std::string_view query) {
  StringMap out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      auto key = PercentDecode(pair.substr(0, eq), true);
      auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (key && value) out.insert_or_assign(*key, *value);
    }
    start = end + 1;
  }
  return out;
}

StringMap ParseCookies(std::string_view header) {
  StringMap out;
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      out.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace waishi::http
