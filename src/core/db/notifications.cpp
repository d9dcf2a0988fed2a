#include "core/db/notifications.h"

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "core/log.h"

namespace waishi::db {
namespace {

using Connection = std::unique_ptr<PGconn, void (*)(PGconn*)>;

// The channel is written into LISTEN's text: a plain identifier only.
bool PlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  for (char c : name) {
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

bool Notify(Database& db, std::string_view channel, std::string_view payload) {
  if (!db.Shared() || payload.size() > kMaxNotification) return false;
  db.WriteDetached(
      [c = std::string(channel), p = std::string(payload)](Session& s) {
        s.Int("SELECT 1 FROM (SELECT pg_notify(:c, :p)) AS sent", {{"c", c}, {"p", p}});
      },
      Database::Writes::kLog);
  return true;
}

Listening::Listening(std::string conninfo, std::string channel, Handler handler)
    : conninfo_(std::move(conninfo)), channel_(std::move(channel)), handler_(std::move(handler)) {
  if (!PlainIdentifier(channel_))
    throw std::invalid_argument("listening: not a plain channel name: " + channel_);
  thread_ = std::thread([this] { Loop(); });
}

Listening::~Listening() {
  stop_.Stop();
  if (thread_.joinable()) thread_.join();
}

void Listening::Loop() {
  using namespace std::chrono_literals;
  bool failed_before = false;
  while (!stop_.stopped()) {
    Connection conn(PQconnectdb(conninfo_.c_str()), PQfinish);
    bool ok = PQstatus(conn.get()) == CONNECTION_OK;
    if (ok) {
      const std::unique_ptr<PGresult, void (*)(PGresult*)> r(
          PQexec(conn.get(), ("LISTEN " + channel_).c_str()), PQclear);
      ok = PQresultStatus(r.get()) == PGRES_COMMAND_OK;
    }
    if (!ok) {
      if (!failed_before)
        log::Error("listening on " + channel_ + ": " + PQerrorMessage(conn.get()));
      failed_before = true;
      stop_.Wait(-1, 1s);
      continue;
    }
    if (failed_before) log::Info("listening on " + channel_ + " again");
    failed_before = false;
    listening_ = true;
    while (!stop_.stopped()) {
      stop_.Wait(PQsocket(conn.get()), 1h);
      if (stop_.stopped()) break;
      if (PQconsumeInput(conn.get()) != 1 || PQstatus(conn.get()) != CONNECTION_OK) {
        log::Error("listening on " + channel_ + ": connection lost: " + PQerrorMessage(conn.get()));
        failed_before = true;
        break;
      }
      while (PGnotify* n = PQnotifies(conn.get())) {
        const std::unique_ptr<PGnotify, void (*)(void*)> owned(n, PQfreemem);
        try {
          handler_(n->extra);
        } catch (const std::exception& e) {
          log::Error("listening on " + channel_ + ": " + e.what());
        }
      }
    }
    if (failed_before) stop_.Wait(-1, 1s);
  }
}

}  // namespace waishi::db
