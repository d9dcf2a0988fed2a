#include "core/db/presence.h"

#include <libpq-fe.h>
#include <poll.h>

#include <memory>
#include <optional>

#include "core/log.h"

namespace waishi::db {
namespace {

// pg_locks shows a bigint advisory key as classid (its high half) and objid (its low half), with
// objsubid 1, under the database it was taken in (PostgreSQL manual §54.12).
std::string HeldBy(long long key, std::string_view table) {
  const auto k = static_cast<unsigned long long>(key);
  return std::string(table) + ".locktype = 'advisory' AND " + std::string(table) +
         ".classid = " + std::to_string(k >> 32) + " AND " + std::string(table) +
         ".objid = " + std::to_string(k & 0xffffffffULL) + " AND " + std::string(table) +
         ".objsubid = 1 AND " + std::string(table) + ".granted AND " + std::string(table) +
         ".database = (SELECT oid FROM pg_database WHERE datname = current_database())";
}

}  // namespace

// The presence thread's own connection, holding its locks for as long as it lasts.
class Presence::Link {
 public:
  explicit Link(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), PQfinish) {}

  bool Ok() const { return PQstatus(conn_.get()) == CONNECTION_OK; }
  std::string Error() const { return PQerrorMessage(conn_.get()); }
  int Socket() const { return PQsocket(conn_.get()); }

  bool Run(const std::string& sql) {
    const Result r(PQexec(conn_.get(), sql.c_str()), PQclear);
    const auto status = PQresultStatus(r.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }
  std::optional<long long> Count(const std::string& sql) {
    const Result r(PQexec(conn_.get(), sql.c_str()), PQclear);
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

Presence::Presence(std::string conninfo, OnChange on_change)
    : conninfo_(std::move(conninfo)), on_change_(std::move(on_change)) {
  thread_ = std::thread([this] { Loop(); });
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return settled_; });
}

Presence::~Presence() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void Presence::Loop() {
  using namespace std::chrono_literals;
  const std::string lock_present =
      "SELECT pg_advisory_lock_shared(" + std::to_string(kPresentKey) + ")";
  const std::string ack = "SELECT pg_advisory_lock_shared(" + std::to_string(kSharedKey) + ")";
  const std::string unack = "SELECT pg_advisory_unlock_shared(" + std::to_string(kSharedKey) + ")";
  const std::string others = "SELECT count(*) FROM pg_locks p WHERE " + HeldBy(kPresentKey, "p") +
                             " AND p.pid <> pg_backend_pid()";
  const std::string unacknowledged = others + " AND NOT EXISTS (SELECT 1 FROM pg_locks s WHERE " +
                                     HeldBy(kSharedKey, "s") + " AND s.pid = p.pid)";
  const std::string notify = std::string("NOTIFY ") + kChannel;

  bool alone = false;
  const auto report = [&](bool now_alone) {
    if (now_alone == alone) return;
    alone = now_alone;
    on_change_(alone);
  };
  const auto settled = [&] {
    std::lock_guard lock(mu_);
    settled_ = true;
    cv_.notify_all();
  };
  const auto pause = [&](int socket, std::chrono::milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    while (!stopping_ && std::chrono::steady_clock::now() < until) {
      if (socket < 0) {
        std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(d, 250ms));
        continue;
      }
      pollfd p{socket, POLLIN, 0};
      if (::poll(&p, 1, 250) != 0) return;
    }
  };

  bool failed_before = false;
  while (!stopping_) {
    Link link(conninfo_);
    if (!link.Ok() || !link.Run(lock_present) || !link.Run(std::string("LISTEN ") + kChannel) ||
        !link.Run(notify)) {
      if (!failed_before) log::Error("presence on the database: " + link.Error());
      failed_before = true;
      settled();
      pause(-1, 1s);
      continue;
    }
    failed_before = false;
    bool acked = false;
    bool arriving = true;
    // Looks at who else is here and acts on it; false when the connection failed.
    const auto settle = [&]() -> bool {
      const auto n = link.Count(others);
      if (!n) return false;
      if (*n > 0) {
        report(false);  // before acknowledging: no longer trusting itself
        if (!acked && !link.Run(ack)) return false;
        acked = true;
        if (!arriving) return true;
        // Arriving: the others must all have stopped trusting themselves first.
        const auto deadline = std::chrono::steady_clock::now() + kAckTimeout;
        for (;;) {
          const auto waiting = link.Count(unacknowledged);
          if (!waiting) return false;
          if (*waiting == 0 || stopping_) break;
          if (std::chrono::steady_clock::now() > deadline) {
            log::Warn("presence on the database: " + std::to_string(*waiting) +
                      " other process(es) did not acknowledge in time");
            break;
          }
          std::this_thread::sleep_for(2ms);
        }
        return true;
      }
      if (acked) {
        // Let go first, then look again: one arriving in between sees no acknowledgement and
        // waits for it, or is seen here.
        if (!link.Run(unack)) return false;
        acked = false;
        const auto again = link.Count(others);
        if (!again) return false;
        if (*again > 0) {
          if (!link.Run(ack)) return false;
          acked = true;
          return true;
        }
      }
      report(true);
      return true;
    };
    while (!stopping_) {
      if (!settle()) break;
      arriving = false;
      settled();
      pause(link.Socket(), kLookAgain);
      if (!stopping_ && !link.Drain()) break;
    }
    report(false);
    if (stopping_) {
      // Gone before the connection closes, and said so: the others look again at once.
      link.Run("SELECT pg_advisory_unlock_all()");
      link.Run(notify);
      break;
    }
    log::Error("presence on the database: connection lost: " + link.Error());
    failed_before = true;
    settled();
    pause(-1, 1s);
  }
  settled();
}

}  // namespace waishi::db
