#include "core/db/presence.h"

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "core/db/session.h"
#include "core/log.h"

namespace waishi::db {
namespace {

// pg_locks shows a bigint advisory key as classid (its high half) and objid (its low half), with
// objsubid 1, under the database it was taken in (PostgreSQL manual §54.12).
std::string HeldBy(long long key, const std::string& t) {
  const auto k = static_cast<unsigned long long>(key);
  return t + ".locktype = 'advisory' AND " + t + ".classid = " + std::to_string(k >> 32) + " AND " +
         t + ".objid = " + std::to_string(k & 0xffffffffULL) + " AND " + t + ".objsubid = 1 AND " +
         t + ".granted AND " + t +
         ".database = (SELECT oid FROM pg_database WHERE datname = current_database())";
}

// The presence processes (holding kPresentKey) other than the backend `own` (SQL) that have not
// acknowledged.
std::string Unacknowledged(const std::string& own) {
  return "SELECT count(*) FROM pg_locks p WHERE " + HeldBy(Presence::kPresentKey, "p") +
         " AND p.pid <> " + own + " AND NOT EXISTS (SELECT 1 FROM pg_locks s WHERE " +
         HeldBy(Presence::kSharedKey, "s") + " AND s.pid = p.pid)";
}

// The statements of the presence and writing connections, put together once.
struct Statements {
  std::string present =
      "SELECT pg_advisory_lock_shared(" + std::to_string(Presence::kPresentKey) + ")";
  std::string writing =
      "SELECT pg_advisory_lock_shared(" + std::to_string(Presence::kWritingKey) + ")";
  std::string ack = "SELECT pg_advisory_lock_shared(" + std::to_string(Presence::kSharedKey) + ")";
  std::string unack =
      "SELECT pg_advisory_unlock_shared(" + std::to_string(Presence::kSharedKey) + ")";
  std::string listen = std::string("LISTEN ") + Presence::kChannel;
  std::string notify = std::string("NOTIFY ") + Presence::kChannel;
  // Anyone else here, present or writing; $1 is this process's own writing backend.
  std::string others =
      "SELECT count(*) FROM pg_locks p WHERE (" + HeldBy(Presence::kPresentKey, "p") + " OR " +
      HeldBy(Presence::kWritingKey, "p") + ") AND p.pid <> pg_backend_pid() AND p.pid <> $1";
  std::string unacknowledged = Unacknowledged("pg_backend_pid()");
  std::string unacknowledged_by_writer = Unacknowledged(":own");
};
const Statements& Sql() {
  static const Statements sql;
  return sql;
}

}  // namespace

bool UntilAcknowledged(const std::function<std::optional<long long>()>& count,
                       const std::function<bool()>& pause, const std::string& who,
                       std::chrono::steady_clock::duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::optional<long long> waiting = count();
    if (!waiting) return false;
    if (*waiting == 0) return true;
    if (std::chrono::steady_clock::now() > deadline) {
      log::Warn(who + ": " + std::to_string(*waiting) +
                " other process(es) did not acknowledge in time");
      return true;
    }
    if (!pause()) return true;
  }
}

// The presence thread's own connection, holding its locks for as long as it lasts.
class Presence::Link {
 public:
  explicit Link(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), PQfinish) {}

  bool Ok() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  std::string Error() const { return PQerrorMessage(conn_.get()); }
  int Socket() const { return PQsocket(conn_.get()); }
  int Pid() const { return PQbackendPID(conn_.get()); }

  bool Run(const std::string& sql) {
    const Result r(PQexec(conn_.get(), sql.c_str()), PQclear);
    const auto status = PQresultStatus(r.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }
  // A count, with `param` as $1 when given.
  std::optional<long long> Count(const std::string& sql, std::optional<int> param = {}) {
    const std::string text = param ? std::to_string(*param) : std::string();
    const char* values[] = {text.c_str()};
    const Result r(PQexecParams(conn_.get(), sql.c_str(), param ? 1 : 0, nullptr,
                                param ? values : nullptr, nullptr, nullptr, 0),
                   PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) return std::nullopt;
    return std::stoll(PQgetvalue(r.get(), 0, 0));
  }
  // Reads what arrived; false when the connection is lost. Notifications are only a reason to
  // look again, so they are dropped.
  bool Drain() {
    if (PQconsumeInput(conn_.get()) != 1 || !Ok()) return false;
    while (PGnotify* n = PQnotifies(conn_.get())) PQfreemem(n);
    return true;
  }

 private:
  using Result = std::unique_ptr<PGresult, void (*)(PGresult*)>;
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn_;
};

Presence::Presence(std::string conninfo, const std::atomic<int>& own_writer, OnChange on_change)
    : conninfo_(std::move(conninfo)), own_writer_(own_writer), on_change_(std::move(on_change)) {
  thread_ = std::thread([this] { Loop(); });
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return settled_; });
}

Presence::~Presence() {
  stop_.Stop();
  if (thread_.joinable()) thread_.join();
}

void Presence::Report(bool alone) {
  if (alone == alone_) return;
  alone_ = alone;
  on_change_(alone);
}

void Presence::Settled() {
  std::lock_guard lock(mu_);
  settled_ = true;
  cv_.notify_all();
}

bool Presence::Settle(Link& link, bool arriving) {
  const auto others = link.Count(Sql().others, own_writer_.load(std::memory_order_acquire));
  if (!others) return false;
  if (*others > 0) {
    Report(false);  // before acknowledging: no longer trusting itself
    if (!acked_ && !link.Run(Sql().ack)) return false;
    acked_ = true;
    return !arriving || AwaitAcknowledgements(link);
  }
  if (acked_) {
    // Let go first, then look again: one arriving in between sees no acknowledgement and waits
    // for it, or is seen here.
    if (!link.Run(Sql().unack)) return false;
    acked_ = false;
    const auto again = link.Count(Sql().others, own_writer_.load(std::memory_order_acquire));
    if (!again) return false;
    if (*again > 0) {
      acked_ = link.Run(Sql().ack);
      return acked_;
    }
  }
  Report(true);
  return true;
}

bool Presence::AwaitAcknowledgements(Link& link) {
  using namespace std::chrono_literals;
  return UntilAcknowledged([&] { return link.Count(Sql().unacknowledged); },
                           [&] {
                             stop_.Wait(-1, 2ms);
                             return !stop_.stopped();
                           },
                           "presence on the database");
}

void Presence::ArriveToWrite(Session& writer, int own_presence) {
  using namespace std::chrono_literals;
  writer.Run(Sql().writing);
  writer.Run(Sql().notify);
  UntilAcknowledged(
      [&] {
        return writer.Int(Sql().unacknowledged_by_writer, {{"own", own_presence}});
      },
      [] {
        std::this_thread::sleep_for(2ms);
        return true;
      },
      "database writer");
}

void Presence::Loop() {
  using namespace std::chrono_literals;
  bool failed_before = false;
  while (!stop_.stopped()) {
    Link link(conninfo_);
    acked_ = false;
    // Known before its lock is taken, and kept after it is lost (a lingering backend is still
    // this process's): this process's writer never waits for its own presence.
    if (link.Ok()) pid_.store(link.Pid(), std::memory_order_release);
    if (!link.Ok() || !link.Run(Sql().present) || !link.Run(Sql().listen) ||
        !link.Run(Sql().notify)) {
      if (!failed_before) log::Error("presence on the database: " + link.Error());
      failed_before = true;
      Settled();
      stop_.Wait(-1, 1s);
      continue;
    }
    failed_before = false;
    for (bool arriving = true; !stop_.stopped(); arriving = false) {
      if (!Settle(link, arriving)) break;
      Settled();
      stop_.Wait(link.Socket(), kLookAgain);
      if (!stop_.stopped() && !link.Drain()) break;
    }
    Report(false);
    if (stop_.stopped()) {
      // Gone before the connection closes, and said so: the others look again at once.
      link.Run("SELECT pg_advisory_unlock_all()");
      link.Run(Sql().notify);
      break;
    }
    log::Error("presence on the database: connection lost: " + link.Error());
    failed_before = true;
    Settled();
    stop_.Wait(-1, 1s);
  }
  Settled();
}

}  // namespace waishi::db
