#include "core/http/http.h"

#include <algorithm>
#include <stdexcept>

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

void Router::Add(Method method, std::string pattern, RouteDoc doc, Handler handler) {
  Route route{method, pattern, {}, std::move(doc), std::move(handler)};
  for (auto s : Split(pattern)) route.segments.emplace_back(s);
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(Method method, std::string_view path) const {
  const auto parts = Split(path);
  Match best;
  int best_literals = -1;
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
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

bool Router::IsQuick(Method method, std::string_view path) const {
  if (method != Method::kGet) return false;
  const Match m = Find(method, path);
  return m.route != nullptr && m.route->doc.quick;
}

waishi::Json Router::OpenApi(std::string_view version) const {
  using waishi::Json;
  Json error_schema = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"message_zh", {{"type", "string"}}},
            {"details", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}}}}};
  Json paths = Json::object();
  for (const Route& route : routes_) {
    Json op = {
        {"tags", {route.doc.tag}},
        {"summary", route.doc.summary},
        {"operationId", std::string(MethodName(route.method)) + " " + route.pattern},
        {"responses",
         {{"200", {{"description", "OK"}}},
          {"default",
           {{"description", "Error"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    Json parameters = Json::array();
    for (const auto& seg : route.segments) {
      if (IsParam(seg)) {
        parameters.push_back({{"name", seg.substr(1, seg.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      }
    }
    for (const auto& q : route.doc.query) {
      parameters.push_back(
          {{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!route.doc.request_body.is_null()) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{route.doc.request_content_type, {{"schema", route.doc.request_body}}}}}};
    }
    op["security"] =
        route.doc.requires_auth ? Json::array({{{"session", Json::array()}}}) : Json::array();
    std::string method(MethodName(route.method));
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    paths[route.pattern][method] = op;
  }
  return Json{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Waishi API"},
        {"version", std::string(version)},
        {"description", "The API of Waishi, the platform of a city's Foreign Affairs Office."}}},
      {"servers", Json::array({{{"url", "/"}}})},
      {"paths", paths},
      {"components",
       {{"schemas", {{"Error", error_schema}}},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "waishi_session"}}}}}}}};
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
