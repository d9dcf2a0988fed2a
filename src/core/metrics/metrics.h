// The server's figures for a Prometheus scraper: counters, gauges and histograms kept in
// atomics, written out in the Prometheus text exposition format 0.0.4 at scrape time.
//
// The format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
// (a "# HELP" and a "# TYPE" line per metric family, then its samples, one a line, all of a
// family together; a histogram is its cumulative "_bucket{le=...}" series ending at le="+Inf",
// then "_sum" and "_count").
//
// Recording is lock-free (relaxed atomics: each figure is exact, a scrape taken while
// requests run may see one counter moved and its neighbour not yet). The HTTP table's slots
// are allocated once, from the router's routes, before serving: a request never allocates.
// Everything here is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waishi::metrics {

// A number as the exposition writes it: integers without a decimal point, others in the
// shortest form that reads back the same; "+Inf", "-Inf", "NaN".
std::string FormatValue(double value);
// name="value", the value escaped as the format says (backslash, double quote, line feed).
std::string Label(std::string_view name, std::string_view value);
// "# HELP name help\n# TYPE name type\n".
void WriteFamily(std::string& out, std::string_view name, std::string_view help,
                 std::string_view type);
// "name{labels} value\n" ("name value\n" when labels is empty); labels as Label() makes them,
// joined by commas.
void WriteSample(std::string& out, std::string_view name, std::string_view labels, double value);

// A value that may go up and down (a queue's depth).
class Gauge {
 public:
  void Set(std::int64_t value) { value_.store(value, std::memory_order_relaxed); }
  void Add(std::int64_t delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_ = 0;
};

// A count that only grows (connections refused).
class Counter {
 public:
  void Add(std::uint64_t delta = 1) { value_.fetch_add(delta, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_ = 0;
};

// Observations counted into fixed buckets (upper bounds, ascending; +Inf is implied).
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double value);
  std::uint64_t count() const;
  // The family's samples for this series: its buckets (cumulative), _sum and _count, each with
  // `labels` (may be empty) before le. Writes nothing else (no HELP/TYPE).
  void Write(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::vector<double> bounds_;
  // Per bucket, not cumulative (the last one: above every bound); summed up when written.
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
  std::atomic<double> sum_ = 0;
};

// Seconds, from a quick index read to a slow export: 1 ms … 10 s.
const std::vector<double>& DurationBuckets();

// The requests served, by route, method and status, with their durations by route and method.
// A slot per route (its pattern, never the raw path: the label's values are bounded) and one
// per method for requests no route took (route="other").
class HttpRequests {
 public:
  struct Route {
    std::string pattern;  // "/api/v1/cases/{id}"
    std::string method;   // "GET"
  };
  explicit HttpRequests(const std::vector<Route>& routes);
  ~HttpRequests();

  // The slot of requests no route took, for a method name ("GET", … anything else: "OTHER").
  std::size_t OtherSlot(std::string_view method) const;
  // Counts one request on `slot` (a route's index as given to the constructor, or
  // OtherSlot()): its status and how long it took. A status outside the table's list (one the
  // server never gives) is counted as status="other".
  void Record(std::size_t slot, int status, double seconds);
  // waishi_http_requests_total and waishi_http_request_duration_seconds: only the series
  // that counted something.
  void Write(std::string& out) const;

 private:
  struct Slot;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::size_t routes_ = 0;
};

// The figures the database and the rest of the server report to.
struct Figures {
  Figures();
  Gauge write_queue_depth;      // write jobs queued, not yet in a batch
  Gauge audit_detached_depth;   // reads' audit entries waiting for the writer
  Gauge connections_open;       // HTTP connections let in and not yet closed
  Counter connections_refused;  // HTTP connections closed at once: past the limits
  Histogram write_batch_size;   // jobs per write transaction
  Histogram pool_wait_seconds;  // how long a read waited for a pooled session
  std::chrono::steady_clock::time_point started;
};
Figures& Default();

// A figure read when scraped (the outbox's backlog from its table): appends whole families to
// `out`. Called on the scraping request's thread; a failure is the collector's to report.
using Collector = std::function<void(std::string& out)>;
// Adds a collector for every later Render(); for start-up, before serving.
void AddCollector(Collector collector);

// The whole exposition: the Default() figures, the process's uptime, `http` (if any) and the
// collectors' families.
std::string Render(const HttpRequests* http);

// Who may scrape: a client whose address (after the trusted proxies' X-Forwarded-For) is the
// loopback or one of the trusted proxies themselves, or anyone presenting
// "Authorization: Bearer <token>" when a token is set (an empty token never matches).
bool MayScrape(std::string_view client_address, bool client_is_trusted_proxy,
               std::optional<std::string_view> authorization, std::string_view token);

}  // namespace waishi::metrics
