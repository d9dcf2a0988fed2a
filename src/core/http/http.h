// The HTTP vocabulary modules use: Request, Response, Router and Serve().
//
// Modules never see RESTinio: they register handlers on a Router, and Serve() (the only
// code that includes RESTinio, restinio_server.cpp) runs them on a worker pool so the I/O
// threads only parse and reply. A handler may throw waishi::ApiError (answered as its JSON
// error) or anything else (logged, answered 500). A Router is filled at start-up and only
// read while serving: thread-safe to read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/export/columns.h"
#include "core/http/forwarded.h"
#include "core/json.h"

namespace waishi::http {

// kOther: any other method (HEAD, OPTIONS, TRACE …). No route has it, so a request with one
// is answered 405 on a known path and 404 elsewhere, and no handler runs.
enum class Method { kGet, kPost, kPut, kPatch, kDelete, kOther };
std::string_view MethodName(Method m);
std::optional<Method> ParseMethod(std::string_view name);

using StringMap = std::map<std::string, std::string, std::less<>>;

struct Route;

struct Request {
  Method method = Method::kGet;
  std::string path;  // percent-decoded, without the query
  StringMap query;   // percent-decoded
  StringMap params;  // path parameters, e.g. {"id": "42"} for /cases/{id}
  // The route Dispatch found for it (null: none, a static file, or not dispatched yet).
  const Route* route = nullptr;
  StringMap headers;  // names in lower case
  StringMap cookies;
  std::string body;
  // The client's address: the TCP peer's, or behind a trusted reverse proxy the address it
  // forwarded (ServerOptions::trusted_proxies).
  std::string remote_ip;
  std::string request_id;
  // ParsePage's largest page_size. Never set from the network: only the export of a list
  // (core/export/export.h) calls the list's handler with larger pages.
  long long max_page_size = 100;
  // The id of the previous page's last item (0: none). Never set from the network: the
  // export sets it with the next page number; a list ordered by id descending may read the
  // next page as "id < below_id" (Page::below_id) instead of skipping an OFFSET.
  long long below_id = 0;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
  std::optional<std::string_view> Cookie(std::string_view name) const;
  const std::string& Param(std::string_view name) const;  // throws if the route has no such param
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A live stream (core/http/live.h): the body holds the first events, then the connection
  // stays open and receives every event published on this topic. Empty: an ordinary answer.
  std::string stream_topic = {};

  static Response Json(int status, const waishi::Json& body);
  static Response NoContent() { return Response{204, "", "", {}}; }
  static Response Stream(std::string topic, std::string first_events);
};

using Handler = std::function<Response(const Request&)>;

// What the OpenAPI document says about a route, and what the route helper
// (core/auth/endpoint.h) enforces from it: the request schema below is at once the documented
// body and the validation run before the handler. Built by chaining:
//   Doc("getOrganization", "One organization").Returns(Ref("Organization"))
struct RouteDoc {
  std::string tag;           // e.g. "cases"; set by the module's Endpoints
  std::string operation_id;  // a unique camelCase identifier, e.g. "listCases"
  std::string summary;       // one line, English
  bool requires_auth = true;
  std::vector<std::string> roles;       // only these roles (403 for others); empty: anyone
  waishi::Json request_body = nullptr;  // an OpenAPI 3.0 schema, or null for no body
  std::string request_content_type = "application/json";
  std::vector<std::string> query;   // names of query parameters
  int status = 200;                 // the success status
  waishi::Json response = nullptr;  // schema of the success body; null: no body (204)
  waishi::Json accepted = nullptr;  // schema of a 202 body (recorded, not yet done); null: none
  std::string response_content_type = "application/json";
  // A GET answered from an index in well under a millisecond runs on the I/O thread that
  // read it (no hand-over to the worker pool); false for anything that may scan or wait.
  bool quick = false;
  // A route that changes something but spends its time computing (the sign-in's password
  // hash), not waiting for the group commit: it runs on the workers, whose number bounds it.
  bool computes = false;
  // A list route's Excel export (core/export/columns.h): Endpoints adds GET <path>/export.
  std::shared_ptr<const exports::List> export_list;
  std::vector<std::string> more_errors;  // error statuses beyond those the doc implies

  RouteDoc Public() &&;
  RouteDoc Roles(std::vector<std::string> names) &&;
  RouteDoc Body(waishi::Json schema) &&;
  RouteDoc RawBody(std::string content_type) &&;  // any bytes of that type
  RouteDoc Query(std::vector<std::string> names) &&;
  RouteDoc Returns(waishi::Json schema, int success_status = 200) &&;
  RouteDoc ReturnsFile() &&;                              // the bytes of a stored file
  RouteDoc Accepted(waishi::Json schema) &&;              // may also answer 202 with this body
  RouteDoc NoContent() &&;                                // 204
  RouteDoc EventStream() &&;                              // a live stream (Response::Stream)
  RouteDoc Errors(std::vector<std::string> statuses) &&;  // more_errors
  RouteDoc Quick() &&;
  RouteDoc Computes() &&;
  RouteDoc Export(exports::List list) &&;
};

inline RouteDoc Doc(std::string operation_id, std::string summary) {
  RouteDoc doc;
  doc.operation_id = std::move(operation_id);
  doc.summary = std::move(summary);
  return doc;
}

// {"$ref": "#/components/schemas/<name>"}: a schema registered with Router::Component.
waishi::Json Ref(std::string_view name);
// The schema of a page of a list: {"items":[item],"total","page","page_size"}.
waishi::Json PageOf(waishi::Json item);
// The schema of {"items":[item]}.
waishi::Json ItemsOf(waishi::Json item);

struct Route {
  Method method;
  std::string pattern;                // "/api/v1/cases/{id}"
  std::vector<std::string> segments;  // split pattern
  RouteDoc doc;
  Handler handler;
};

class Router {
 public:
  void Add(Method method, std::string pattern, RouteDoc doc, Handler handler);

  struct Match {
    const Route* route = nullptr;
    StringMap params;
    bool path_known = false;  // some route has this path with another method (→ 405)
  };
  // Literal segments win over parameters, so /cases/check is not /cases/{id}.
  Match Find(Method method, std::string_view path) const;
  // Where a request runs: on the I/O thread that read it (a quick GET route, unless
  // quick_on_io_thread is false), on the workers (reads, and routes that compute), or on the
  // writers (the rest, which change something and wait mostly for the database's group commit).
  // The server tries a quick route on the I/O thread; one that would wait there on a database
  // server (a query on PostgreSQL) throws WouldWait (core/no_wait.h) and goes to the workers.
  enum class Pool { kIoThread, kWorkers, kWriters };
  Pool PoolOf(Method method, std::string_view path, bool quick_on_io_thread = true) const;
  // The same for a route already found.
  static Pool PoolOf(Method method, const Match& match, bool quick_on_io_thread = true);

  const std::vector<Route>& routes() const { return routes_; }
  // A named schema for the document's components (shared by several routes); the last
  // registration of a name wins.
  void Component(std::string name, waishi::Json schema);
  // The OpenAPI 3 document describing every route.
  waishi::Json OpenApi(std::string_view version) const;

 private:
  std::vector<Route> routes_;
  // The routes by their number of segments and their third segment ("*" for a parameter), as
  // indexes into routes_ in the order added: a request is compared with a few routes, not all.
  std::unordered_map<std::string, std::vector<std::size_t>> by_shape_;
  std::map<std::string, waishi::Json> components_;
};

struct ServerOptions {
  std::string address = "0.0.0.0";
  std::uint16_t port = 8080;
  std::size_t io_threads = 2;
  std::size_t worker_threads = 8;  // reads (GET): about the cores, hand-offs stay cheap
  // Requests that change something (POST, PUT, PATCH, DELETE) wait mostly for the database's
  // group commit: many of them waiting together let one commit carry all their writes.
  std::size_t write_threads = 32;
  std::size_t max_body_bytes = 11 * 1024 * 1024;  // larger bodies get a 413
  std::string static_dir;                         // the built web UI, served at "/" if set
  bool access_log = true;
  // Connections: past max_connections open at once, or max_connections_per_ip from one address
  // (the trusted proxies excepted: they carry many clients), a new one is accepted and closed at
  // once; 0 is no limit. A request must arrive whole within read_timeout_s of the connection's
  // opening or of its previous answer, which also closes an idle keep-alive connection; an open
  // live view (a stream being written) is not cut by it.
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_ip = 1000;
  std::size_t read_timeout_s = 20;
  // Reverse proxies whose X-Forwarded-For is believed (core/http/forwarded.h); none by default.
  TrustedProxies trusted_proxies;
  // GET /metrics (core/metrics) answers the loopback and the trusted proxies, and anyone
  // sending "Authorization: Bearer <metrics_token>" when it is set; others get a 403.
  std::string metrics_token;
  std::function<void()> on_started;  // called once the port is open
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets the running handlers finish
// and returns.
void Serve(const ServerOptions& options, const Router& router);

// Percent-decoding ('+' is a space only in queries); nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);
StringMap ParseQuery(std::string_view query);
StringMap ParseCookies(std::string_view header);

}  // namespace waishi::http
