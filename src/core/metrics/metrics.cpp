#include "core/metrics/metrics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <mutex>

namespace waishi::metrics {

// ---------------------------------------------------------------------------------------------
// The text format
// ---------------------------------------------------------------------------------------------

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  char buf[32];
  // The shortest text that reads back the same, in %g's style: 0.0001, not 1e-04.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general);
  return std::string(buf, end);
}

std::string Label(std::string_view name, std::string_view value) {
  std::string out(name);
  out += "=\"";
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void WriteFamily(std::string& out, std::string_view name, std::string_view help,
                 std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void WriteSample(std::string& out, std::string_view name, std::string_view labels, double value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(FormatValue(value)).append("\n");
}

// ---------------------------------------------------------------------------------------------
// Histogram
// ---------------------------------------------------------------------------------------------

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::Observe(double value) {
  // The first bucket whose bound is not below the value (le: "less than or equal").
  const auto i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                          bounds_.begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::uint64_t Histogram::count() const {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) n += counts_[i].load(std::memory_order_relaxed);
  return n;
}

void Histogram::Write(std::string& out, std::string_view name, std::string_view labels) const {
  const std::string prefix = labels.empty() ? std::string() : std::string(labels) + ",";
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    const double le = i < bounds_.size() ? bounds_[i] : INFINITY;
    WriteSample(out, bucket, prefix + Label("le", FormatValue(le)),
                static_cast<double>(cumulative));
  }
  WriteSample(out, std::string(name) + "_sum", labels, sum_.load(std::memory_order_relaxed));
  // The count is the +Inf bucket's, so the two always agree within one scrape.
  WriteSample(out, std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

const std::vector<double>& DurationBuckets() {
  static const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,  0.5,    1,     2.5,  5,     10};
  return kBuckets;
}

// ---------------------------------------------------------------------------------------------
// HttpRequests
// ---------------------------------------------------------------------------------------------

namespace {

// Every status the server gives (core/http/restinio_server.cpp's reason phrases, and those a
// proxy-facing answer may carry); the last slot counts any other.
constexpr std::array<int, 22> kStatuses = {200, 201, 202, 204, 206, 301, 302, 304, 400, 401, 403,
                                           404, 405, 409, 410, 413, 415, 422, 429, 500, 502, 503};
constexpr std::size_t kOtherStatus = kStatuses.size();

std::size_t StatusIndex(int status) {
  const auto it = std::find(kStatuses.begin(), kStatuses.end(), status);
  return static_cast<std::size_t>(it - kStatuses.begin());  // kOtherStatus when absent
}

constexpr std::array<std::string_view, 6> kMethods = {"GET",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OTHER"};

}  // namespace

struct HttpRequests::Slot {
  explicit Slot(std::string labels) : labels(std::move(labels)), duration(DurationBuckets()) {}
  std::string labels;  // route="…",method="…"
  std::array<std::atomic<std::uint64_t>, kStatuses.size() + 1> by_status{};
  Histogram duration;
};

HttpRequests::HttpRequests(const std::vector<Route>& routes) : routes_(routes.size()) {
  for (const auto& r : routes)
    slots_.push_back(
        std::make_unique<Slot>(Label("route", r.pattern) + "," + Label("method", r.method)));
  for (auto m : kMethods)
    slots_.push_back(std::make_unique<Slot>(Label("route", "other") + "," + Label("method", m)));
}

HttpRequests::~HttpRequests() = default;

std::size_t HttpRequests::OtherSlot(std::string_view method) const {
  const auto it = std::find(kMethods.begin(), kMethods.end(), method);
  return routes_ + static_cast<std::size_t>(it == kMethods.end() ? kMethods.size() - 1
                                                                 : it - kMethods.begin());
}

void HttpRequests::Record(std::size_t slot, int status, double seconds) {
  Slot& s = *slots_.at(slot);
  s.by_status[StatusIndex(status)].fetch_add(1, std::memory_order_relaxed);
  s.duration.Observe(seconds);
}

void HttpRequests::Write(std::string& out) const {
  constexpr std::string_view kTotal = "waishi_http_requests_total";
  WriteFamily(out, kTotal, "HTTP requests answered, by route pattern, method and status.",
              "counter");
  for (const auto& slot : slots_) {
    for (std::size_t i = 0; i <= kStatuses.size(); ++i) {
      const auto n = slot->by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string status = i == kOtherStatus ? "other" : std::to_string(kStatuses[i]);
      WriteSample(out, kTotal, slot->labels + "," + Label("status", status),
                  static_cast<double>(n));
    }
  }
  constexpr std::string_view kDuration = "waishi_http_request_duration_seconds";
  WriteFamily(out, kDuration,
              "Time from a request read to its answer written, by route pattern and method.",
              "histogram");
  for (const auto& slot : slots_) {
    if (slot->duration.count() > 0) slot->duration.Write(out, kDuration, slot->labels);
  }
}

// ---------------------------------------------------------------------------------------------
// The process's figures and the exposition
// ---------------------------------------------------------------------------------------------

Figures::Figures()
    : write_batch_size({1, 2, 4, 8, 16, 32, 64, 128, 256, 512}),
      pool_wait_seconds({0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5}),
      started(std::chrono::steady_clock::now()) {}

Figures& Default() {
  static Figures figures;
  return figures;
}

namespace {

std::mutex collectors_mu;
std::vector<Collector>& Collectors() {
  static std::vector<Collector> collectors;
  return collectors;
}

}  // namespace

void AddCollector(Collector collector) {
  std::lock_guard lock(collectors_mu);
  Collectors().push_back(std::move(collector));
}

std::string Render(const HttpRequests* http) {
  std::string out;
  out.reserve(16 * 1024);
  const Figures& f = Default();
  const double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - f.started).count();
  // A family of one sample without labels.
  const auto single = [&out](std::string_view name, std::string_view help, std::string_view type,
                             double value) {
    WriteFamily(out, name, help, type);
    WriteSample(out, name, "", value);
  };
  single("waishi_uptime_seconds", "Seconds since the server started.", "gauge", std::floor(uptime));
  if (http) http->Write(out);
  single("waishi_http_connections_open", "HTTP connections open on this server.", "gauge",
         static_cast<double>(f.connections_open.value()));
  single("waishi_http_connections_refused_total",
         "HTTP connections closed at once for being past the limits.", "counter",
         static_cast<double>(f.connections_refused.value()));
  single("waishi_db_write_queue_depth", "Write jobs queued for the next transaction.", "gauge",
         static_cast<double>(f.write_queue_depth.value()));
  single("waishi_audit_pending_reads",
         "Audit entries of reads queued for the writer, not yet committed.", "gauge",
         static_cast<double>(f.audit_detached_depth.value()));
  WriteFamily(out, "waishi_db_write_batch_size",
              "Write jobs committed together in one transaction.", "histogram");
  f.write_batch_size.Write(out, "waishi_db_write_batch_size", "");
  WriteFamily(out, "waishi_db_pool_wait_seconds", "Time a read waited for a pooled session.",
              "histogram");
  f.pool_wait_seconds.Write(out, "waishi_db_pool_wait_seconds", "");
  std::lock_guard lock(collectors_mu);
  for (const auto& c : Collectors()) c(out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

namespace {

bool IsLoopback(std::string_view address) {
  return address == "::1" || address.starts_with("127.");
}

// Compares without stopping at the first difference: the time taken says nothing of the token.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

bool MayScrape(std::string_view client_address, bool client_is_trusted_proxy,
               std::optional<std::string_view> authorization, std::string_view token) {
  if (IsLoopback(client_address) || client_is_trusted_proxy) return true;
  constexpr std::string_view kBearer = "Bearer ";
  return !token.empty() && authorization && authorization->starts_with(kBearer) &&
         SameSecret(authorization->substr(kBearer.size()), token);
}

}  // namespace waishi::metrics
