// Throttling by client address, counted in the `throttle` table (migrations/core/0007).
//
// One row per (scope, client): the failures counted since window_start and, once they went
// over the limit, blocked_until. A failure outside the window starts a new window. Both
// statements that count are single UPSERTs (INSERT … ON CONFLICT DO UPDATE: SQLite ≥ 3.24
// and PostgreSQL ≥ 9.5), so concurrent failures of one client, from one instance or several
// sharing a PostgreSQL, are all counted.
#include "core/throttle/throttle.h"

#include <chrono>
#include <ctime>

#include "core/clock.h"
#include "core/error.h"

namespace waishi::throttle {
namespace {

constexpr const char* kBlockedUntil = R"(
  SELECT blocked_until FROM throttle WHERE scope = :s AND client = :c)";

// A new window when the last one started at or before :cutoff; otherwise one more failure.
constexpr const char* kCountFailure = R"(
  INSERT INTO throttle (scope, client, window_start, failures, blocked_until)
  VALUES (:s, :c, :now, 1, NULL)
  ON CONFLICT (scope, client) DO UPDATE SET
    failures = CASE WHEN throttle.window_start <= :cutoff1 THEN 1
                    ELSE throttle.failures + 1 END,
    window_start = CASE WHEN throttle.window_start <= :cutoff2 THEN excluded.window_start
                        ELSE throttle.window_start END
  RETURNING failures)";

// Over the limit: refused until :until; the count starts again after that.
constexpr const char* kBlock = R"(
  UPDATE throttle SET blocked_until = :until, failures = 0, window_start = :now
  WHERE scope = :s AND client = :c)";

long long NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(clock::Now().time_since_epoch()).count();
}

// "2026-12-03 08:15" in China's time (UTC+8, no daylight saving time), for the message.
std::string ChinaTime(long long unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace

void Check(db::Database& db, std::string_view scope, std::string_view client,
           const Limit& /*limit*/) {
  const auto until = db.Read([&](db::Session& s) {
    return s.Int(kBlockedUntil, {{"s", scope}, {"c", client}});
  });
  const long long now = NowSeconds();
  if (!until || *until <= now) return;
  const long long wait = *until - now;
  throw ApiError(429, "throttled", i18n::T("error.throttled_until", {{"until", ChinaTime(*until)}}))
      .RetryAfter(wait);
}

void Fail(db::Database& db, std::string_view scope, std::string_view client, const Limit& limit) {
  const long long now = NowSeconds();
  db.Write([&](db::Session& s) {
    const long long failures = s.Int(kCountFailure, {{"s", scope},
                                                     {"c", client},
                                                     {"now", now},
                                                     {"cutoff1", now - limit.window_s},
                                                     {"cutoff2", now - limit.window_s}})
                                   .value_or(0);
    if (failures > limit.max_failures) {
      s.Exec(kBlock, {{"until", now + limit.block_s}, {"now", now}, {"s", scope}, {"c", client}});
    }
  });
}

}  // namespace waishi::throttle
