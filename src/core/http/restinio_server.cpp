// The only translation unit that includes RESTinio. It accepts connections (a server per I/O
// thread, Traits below), turns each request into an http::Request, runs Dispatch() on the I/O
// thread for a quick read that need not wait (Router::PoolOf, core/no_wait.h) and on a pool
// otherwise, and writes the Response back.
#include <restinio/all.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/resource.h>

#include "core/error.h"
#include "core/http/dispatch.h"
#include "core/http/forwarded.h"
#include "core/http/http.h"
#include "core/http/live.h"
#include "core/log.h"
#include "core/metrics/metrics.h"
#include "core/no_wait.h"

namespace waishi::http {
namespace {

// The limits on open connections (ServerOptions::max_connections, max_connections_per_ip).
// RESTinio asks inspect() about each connection it accepted, before serving it, and tells
// state_changed() when one starts and ends; both run on the I/O threads, hence the mutex. A
// refused connection is closed at once: its client learns it at its first read, instead of
// waiting unanswered in the kernel's backlog, as a paused acceptor would leave it. The
// trusted proxies are exempt from the limit per address: they carry many clients each. The
// count and the refusals are also the metrics' waishi_http_connections_*.
class ConnectionLimits {
 public:
  explicit ConnectionLimits(const ServerOptions& options)
      : max_total_(options.max_connections),
        max_per_address_(options.max_connections_per_ip),
        proxies_(options.trusted_proxies) {}

  // A connection is counted from here (allowed), not from its "accepted" notice, which comes
  // later on its own strand: a flood accepted meanwhile cannot slip past the limits.
  restinio::ip_blocker::inspection_result_t inspect(
      const restinio::ip_blocker::incoming_info_t& info) noexcept {
    try {
      const std::string address = info.remote_endpoint().address().to_string();
      std::lock_guard lock(mutex_);
      std::size_t& from_address = per_address_[address];
      const bool over_total = max_total_ != 0 && total_ >= max_total_;
      const bool over_address =
          max_per_address_ != 0 && from_address >= max_per_address_ && !proxies_.Trusts(address);
      if (over_total || over_address) {
        if (from_address == 0) per_address_.erase(address);
        // The first refusal and every 1,000th after it: a flood leaves a trace, not a flood.
        if (refused_++ % 1000 == 0)
          log::Warn("connection from " + address + " refused: " +
                    (over_address ? std::to_string(from_address) + " open from it (limit " +
                                        std::to_string(max_per_address_) + " an address)"
                                  : std::to_string(total_) + " open (limit " +
                                        std::to_string(max_total_) + ")") +
                    "; " + std::to_string(refused_) + " refused so far");
        metrics::Default().connections_refused.Add();
        return restinio::ip_blocker::deny();
      }
      ++from_address;
      metrics::Default().connections_open.Set(static_cast<std::int64_t>(++total_));
    } catch (const std::exception&) {
      // Out of memory: the connection is let through uncounted rather than the server stopped.
    }
    return restinio::ip_blocker::allow();
  }

  // `server`: which I/O thread's server (each numbers its connections from 1).
  void state_changed(std::size_t server,
                     const restinio::connection_state::notice_t& notice) noexcept {
    try {
      namespace state = restinio::connection_state;
      const std::string address = notice.remote_endpoint().address().to_string();
      const std::pair key{server, notice.connection_id()};
      std::lock_guard lock(mutex_);
      if (restinio::holds_alternative<state::accepted_t>(notice.cause())) {
        open_.emplace(key, address);
      } else if (restinio::holds_alternative<state::closed_t>(notice.cause())) {
        // Counted once, however often RESTinio reports the closing.
        if (open_.erase(key) == 0) return;
        metrics::Default().connections_open.Set(static_cast<std::int64_t>(--total_));
        if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0)
          per_address_.erase(it);
      }
    } catch (const std::exception&) {
    }
  }

 private:
  const std::size_t max_total_;
  const std::size_t max_per_address_;
  const TrustedProxies& proxies_;
  std::mutex mutex_;
  std::size_t total_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_;
  std::map<std::pair<std::size_t, restinio::connection_id_t>, std::string> open_;
  std::size_t refused_ = 0;
};

// ConnectionLimits as one I/O thread's server sees it: each server numbers its connections from
// 1, so the shared count knows them by server and number.
class ServerLimits {
 public:
  ServerLimits(std::shared_ptr<ConnectionLimits> limits, std::size_t server)
      : limits_(std::move(limits)), server_(server) {}
  restinio::ip_blocker::inspection_result_t inspect(
      const restinio::ip_blocker::incoming_info_t& info) noexcept {
    return limits_->inspect(info);
  }
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    limits_->state_changed(server_, notice);
  }

 private:
  const std::shared_ptr<ConnectionLimits> limits_;
  const std::size_t server_;
};

// Each I/O thread runs a server of its own, with its own io_context and its own acceptor on the
// port (SO_REUSEPORT: the kernel spreads the connections over them), as nginx's workers do. One
// io_context run by several threads guards each connection with a strand and makes the threads
// share its queue under a mutex; a thread alone on its io_context needs neither
// (single_thread_traits): 14 % less CPU per case read (bench/README.md). A connection stays
// with its thread, though: a busy thread's connections wait for it while the other may idle.
// The limits on connections are ServerLimits'. RESTinio's own connection count limiter is left
// off: a live view's connection outlives the server's run (the hub releases it afterwards) and
// would then uncount itself in a limiter already gone (AddressSanitizer: heap-use-after-free at
// shutdown).
struct Traits : public restinio::default_single_thread_traits_t {
  using ip_blocker_t = ServerLimits;
  using connection_state_listener_t = ServerLimits;
};

// SO_REUSEPORT as asio sets an option (it has no name for this one).
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// Sockets sharing a port with SO_REUSEPORT would also share it with a server already running
// there (same user): a second `waishi serve` would take half of the first one's connections
// instead of failing. A bind without it fails then (EADDRINUSE), as it did with one acceptor.
void CheckPortFree(const std::string& address, std::uint16_t port) {
  asio::io_context io;
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(address), port);
  asio::ip::tcp::acceptor probe(io);
  probe.open(endpoint.protocol());
  probe.set_option(asio::ip::tcp::acceptor::reuse_address(true));
  probe.bind(endpoint);  // throws asio::system_error: "bind: Address already in use"
}

// As many connections as the process may open files, less a reserve for the database, the
// log and the static files; the soft limit is first raised to the hard one.
std::size_t MaxConnections() {
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) != 0) return 900;
  if (files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    getrlimit(RLIMIT_NOFILE, &files);
  }
  constexpr rlim_t kReserve = 128;
  return files.rlim_cur > 2 * kReserve ? static_cast<std::size_t>(files.rlim_cur - kReserve)
                                       : static_cast<std::size_t>(kReserve);
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// Request ids: a per-process random prefix and a counter, unique and cheap.
std::string NextRequestId() {
  static const std::string prefix = [] {
    std::random_device rd;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(rd()));
    return std::string(buf);
  }();
  static std::atomic<unsigned long long> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

// The peer's address as text: IPv4 written here (the address's to_string goes through
// inet_ntop and sprintf, at every request), anything else as asio writes it.
std::string AddressText(const asio::ip::address& address) {
  return address.is_v4() ? Ipv4Text(address.to_v4().to_bytes()) : address.to_string();
}

// The request without its body (the thread that answers adds it).
Request ToRequest(const restinio::request_handle_t& req, const TrustedProxies& proxies) {
  Request r;
  const auto& h = req->header();
  auto method = ParseMethod(h.method().c_str());
  r.method = method.value_or(Method::kOther);
  r.path = PercentDecode(h.path(), false).value_or(std::string(h.path()));
  r.query = ParseQuery(h.query());
  std::string forwarded_for;
  h.for_each_field([&r, &forwarded_for](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Several X-Forwarded-For fields are one list, in order (RFC 9110 section 5.3).
    if (name == "x-forwarded-for") forwarded_for += (forwarded_for.empty() ? "" : ",") + f.value();
    r.headers.insert_or_assign(std::move(name), f.value());
  });
  if (auto cookie = r.Header("cookie")) r.cookies = ParseCookies(*cookie);
  // The peer, or behind a trusted reverse proxy the client it forwarded (forwarded.h).
  r.remote_ip = proxies.ClientAddress(AddressText(req->remote_endpoint().address()), forwarded_for);
  r.request_id = NextRequestId();
  return r;
}

void AccessLog(const Request& r, int status, std::size_t bytes,
               std::chrono::steady_clock::duration took) {
  log::Request({.remote = r.remote_ip,
                .method = MethodName(r.method),
                .path = r.path,
                .status = status,
                .bytes = bytes,
                .duration_ms = std::chrono::duration<double, std::milli>(took).count(),
                .request_id = r.request_id});
}

// The request's slot in the metrics' table: the index of the route Dispatch found, else the
// method's "other" slot.
std::size_t MetricsSlot(const Router& router, const metrics::HttpRequests& table,
                        const Request& r) {
  if (r.route == nullptr) return table.OtherSlot(MethodName(r.method));
  return static_cast<std::size_t>(r.route - router.routes().data());
}

constexpr std::string_view kMetricsPath = "/metrics";

// The table's slots: one per route of the router, allocated before serving, then one for
// GET /metrics.
std::vector<metrics::HttpRequests::Route> MetricsRoutes(const Router& router) {
  std::vector<metrics::HttpRequests::Route> routes;
  for (const Route& r : router.routes())
    routes.push_back({r.pattern, std::string(MethodName(r.method))});
  routes.push_back({std::string(kMetricsPath), "GET"});
  return routes;
}

// GET /metrics: the Prometheus exposition (core/metrics), for the loopback, the trusted
// proxies and the holders of --metrics-token (metrics::MayScrape); anyone else gets a 403 as
// the API words it. Not a route of the router: it is no part of the API and its document.
Response Metrics(const Request& r, const ServerOptions& options,
                 const metrics::HttpRequests& table) {
  Response response;
  if (r.method != Method::kGet) {
    const ApiError e(405, "method_not_allowed", i18n::T("error.method_not_allowed"));
    response = Response::Json(e.status(), e.ToJson());
  } else if (!metrics::MayScrape(r.remote_ip, options.trusted_proxies.Trusts(r.remote_ip),
                                 r.Header("authorization"), options.metrics_token)) {
    const ApiError e = ApiError::Forbidden();
    response = Response::Json(e.status(), e.ToJson());
  } else {
    try {
      std::string text = metrics::Render(&table);
      metrics::WriteFamily(text, "waishi_live_listeners",
                           "Live views (event streams) open on this server.", "gauge");
      metrics::WriteSample(text, "waishi_live_listeners", "",
                           static_cast<double>(live::Default().listeners()));
      response = Response{200, "text/plain; version=0.0.4; charset=utf-8", std::move(text), {}};
    } catch (const std::exception& e) {
      // A collector's failure that it did not keep to itself: the scrape fails, not the server.
      log::Error("request " + r.request_id + " /metrics: " + e.what());
      const ApiError internal(500, "internal", i18n::T("error.internal"));
      response = Response::Json(internal.status(), internal.ToJson());
    }
  }
  response.headers.emplace_back("X-Request-Id", r.request_id);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

// A live stream's connection: a chunked response never completed. Writes are queued on the
// connection's strand by RESTinio; the builder itself is guarded here, since publishers write
// from any thread.
class StreamListener final : public live::Listener {
 public:
  using Builder = restinio::response_builder_t<restinio::chunked_output_t>;
  explicit StreamListener(Builder builder) : builder_(std::move(builder)) {}

  bool Write(std::string text) override {
    if (gone_->load()) return false;
    std::lock_guard lock(mutex_);
    builder_.append_chunk(std::move(text));
    builder_.flush([gone = gone_](const restinio::asio_ns::error_code& error) {
      if (error) gone->store(true);
    });
    return true;
  }

 private:
  std::mutex mutex_;
  Builder builder_;
  // Set by the write that found the connection closed; shared with the callbacks, which may
  // run after the listener is forgotten.
  std::shared_ptr<std::atomic<bool>> gone_ = std::make_shared<std::atomic<bool>>(false);
};

void Stream(const restinio::request_handle_t& req, Response& response) {
  auto out = req->create_response<restinio::chunked_output_t>();
  out.append_header(restinio::http_field::server, "waishi");
  out.append_header(restinio::http_field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) out.append_header(name, value);
  auto listener = std::make_shared<StreamListener>(std::move(out));
  // The first events (and the headers) go out before the listener may receive others.
  listener->Write(response.body.empty() ? std::string(":\n\n") : std::move(response.body));
  live::Default().Listen(std::move(response.stream_topic), std::move(listener));
}

}  // namespace

void Serve(const ServerOptions& options, const Router& router) {
  // Signals are taken by a thread of ours (sigwait), so block them everywhere first.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const StaticFiles static_files(options.static_dir);
  asio::thread_pool workers(options.worker_threads);
  asio::thread_pool writers(options.write_threads);
  const std::size_t max_body = options.max_body_bytes;
  const bool access_log = options.access_log;
  metrics::HttpRequests requests(MetricsRoutes(router));
  const std::size_t metrics_slot = router.routes().size();  // MetricsRoutes' last

  // On the thread the request was given to, with the route the I/O thread found.
  auto respond = [&](const restinio::request_handle_t& req, Request& request, Router::Match match,
                     std::chrono::steady_clock::time_point start) {
    request.body = req->body();
    const bool scrape = request.path == kMetricsPath;
    Response response = scrape ? Metrics(request, options, requests)
                               : Dispatch(std::move(match), request, static_files, max_body, false);
    const std::size_t slot = !scrape ? MetricsSlot(router, requests, request)
                             : request.method == Method::kGet
                                 ? metrics_slot
                                 : requests.OtherSlot(MethodName(request.method));
    if (!response.stream_topic.empty()) {
      const auto took = std::chrono::steady_clock::now() - start;
      requests.Record(slot, 200, std::chrono::duration<double>(took).count());
      if (access_log) AccessLog(request, 200, 0, took);
      Stream(req, response);
      return;
    }
    auto out = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
        ReasonPhrase(response.status)});
    out.append_header(restinio::http_field::server, "waishi");
    if (!response.content_type.empty())
      out.append_header(restinio::http_field::content_type, std::move(response.content_type));
    for (auto& [name, value] : response.headers)
      out.append_header(std::move(name), std::move(value));
    // A HEAD request is refused like any method outside the table, and its answer has
    // no body (HTTP forbids one).
    if (std::string_view(req->header().method().c_str()) == "HEAD") response.body.clear();
    const std::size_t bytes = response.body.size();
    out.set_body(std::move(response.body));
    out.done();
    const auto took = std::chrono::steady_clock::now() - start;
    requests.Record(slot, response.status, std::chrono::duration<double>(took).count());
    if (access_log) AccessLog(request, response.status, bytes, took);
  };
  auto handler = [&](restinio::request_handle_t req) -> restinio::request_handling_status_t {
    // The route is looked up once, here. Quick reads are answered on this thread unless they
    // would wait on a database server; everything that may wait for the disk or scan goes to a
    // pool (Router::PoolOf), so an I/O thread never stalls its other connections for long.
    const auto start = std::chrono::steady_clock::now();
    Request request = ToRequest(req, options.trusted_proxies);
    Router::Match match;
    if (request.path != kMetricsPath && Routed(request, static_files))
      match = router.Find(request.method, request.path);
    // A method outside the table matches no route: the workers answer its 405 or 404.
    const auto pool = Router::PoolOf(request.method, match);
    if (pool == Router::Pool::kIoThread) {
      try {
        const NoWaiting here;
        respond(req, request, std::move(match), start);
        return restinio::request_accepted();
      } catch (const WouldWait&) {
        // It needs the database server: the workers answer it, from the start (the route found
        // again, its parameters having gone to the request: rarer than copying them each time).
        match = router.Find(request.method, request.path);
      }
    }
    asio::post(
        pool == Router::Pool::kWriters ? writers : workers,
        [&respond, req = std::move(req), request = std::move(request), match = std::move(match),
         start]() mutable { respond(req, request, std::move(match), start); });
    return restinio::request_accepted();
  };

  const std::size_t files_allow = MaxConnections();
  if (options.max_connections == 0 || options.max_connections > files_allow)
    log::Warn("the process may open files for " + std::to_string(files_allow) +
              " connections only: past them new ones fail to be accepted (raise `ulimit -n`)");
  auto limits = std::make_shared<ConnectionLimits>(options);

  CheckPortFree(options.address, options.port);
  // RESTinio's body limit is ours: a Content-Length over it closes the connection as soon as
  // the headers are read, before a byte of the body is buffered (RESTinio 0.6 has no hook to
  // answer a 413 there; behind the documented nginx, client_max_body_size answers it). A
  // chunked body is cut off once it passes the limit.
  auto settings = [&](std::size_t server) {
    auto server_limits = std::make_shared<ServerLimits>(limits, server);
    return restinio::server_settings_t<Traits>{}
        .port(options.port)
        .address(options.address)
        .request_handler(handler)
        .ip_blocker(server_limits)
        .connection_state_listener(server_limits)
        .acceptor_options_setter([](restinio::acceptor_options_t& acceptor) {
          acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
          acceptor.set_option(ReusePort(true));
        })
        // Past these the connection is closed: a URL of 16 KiB, 100 header fields of
        // 16 KiB (a cookie, a CSRF token) are far beyond anything the web UI sends.
        .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                      .max_body_size(max_body)
                                      .max_url_size(16 * 1024)
                                      .max_field_name_size(1024)
                                      .max_field_value_size(16 * 1024)
                                      .max_field_count(100))
        .handle_request_timeout(std::chrono::seconds(120))
        // A client that sends its request a byte at a time is cut off after this long. A live
        // view is not: while its answer is open, the 120 s above guard it, renewed by each
        // event or heartbeat written (every 15 s).
        .read_next_http_message_timelimit(std::chrono::seconds(options.read_timeout_s));
  };
  // One server per I/O thread (Traits above).
  std::vector<restinio::running_server_handle_t<Traits>> servers;
  for (std::size_t i = 0; i < std::max<std::size_t>(options.io_threads, 1); ++i)
    servers.push_back(restinio::run_async<Traits>(restinio::own_io_context(), settings(i), 1));
  log::Info("listening on " + options.address + ":" + std::to_string(options.port) + " (at most " +
            std::to_string(options.max_connections) + " connections, " +
            std::to_string(options.max_connections_per_ip) + " from one address; 0: no limit)");
  if (options.on_started) options.on_started();

  // Live streams hear from the server every 15 s: proxies keep them open, and those whose
  // client left are found and forgotten.
  std::atomic<bool> stopping = false;
  std::thread heartbeat([&stopping] {
    for (int tick = 1; !stopping.load(); ++tick) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      if (tick % 30 == 0) live::Default().Heartbeat();
    }
  });

  int sig = 0;
  sigwait(&signals, &sig);
  log::Info(std::string("signal ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ": shutting down");
  stopping = true;
  heartbeat.join();
  live::Default().Clear();  // the streams' connections close with the server
  for (auto& server : servers) server->stop();
  for (auto& server : servers) server->wait();
  workers.join();  // the handlers already running finish their work
  writers.join();
  log::Info("stopped");
}

}  // namespace waishi::http
