// Messages between the servers that share one PostgreSQL database (LISTEN/NOTIFY, PostgreSQL
// manual §NOTIFY): what one server sends on a channel reaches every server listening on it,
// when the sending transaction commits. The live views use it, so that an event published on
// one instance reaches a browser connected to another.
//
//   db::Listening listening(db.url(), "waishi_live", [](std::string_view payload) { … });
//   db::Notify(db, "waishi_live", payload);   // from any server, through its write queue
//
// A listener keeps its own connection and thread; when the connection fails it reconnects
// after a second, and what was sent meanwhile is lost (a live view reloads its state when it
// reconnects: core/http/live.h). On SQLite there is one server and nothing to listen to.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

#include "core/db/database.h"
#include "core/db/stop_signal.h"

namespace waishi::db {

// PostgreSQL's limit on a notification's payload, less a margin (the manual: 8,000 bytes).
inline constexpr std::size_t kMaxNotification = 7900;

// Queues a notification on `channel` with the next write transaction (detached, as a log
// write: no cache need know). False, and nothing sent, on SQLite or when the payload is over
// kMaxNotification bytes.
bool Notify(Database& db, std::string_view channel, std::string_view payload);

class Listening {
 public:
  using Handler = std::function<void(std::string_view payload)>;
  // Starts listening on `channel` (a plain identifier) of the PostgreSQL database at the libpq
  // connection string `conninfo`; `handler` runs on the listener's thread, for each
  // notification, its exceptions logged.
  Listening(std::string conninfo, std::string channel, Handler handler);
  // Virtual: a relay's listening (core/http/live_relay.cpp) is owned through this type.
  virtual ~Listening();
  Listening(const Listening&) = delete;
  Listening& operator=(const Listening&) = delete;

  // True once the first LISTEN took effect (tests wait for it before sending).
  bool listening() const { return listening_.load(); }

 private:
  void Loop();

  std::string conninfo_;
  std::string channel_;
  Handler handler_;
  StopSignal stop_;
  std::atomic<bool> listening_{false};
  std::thread thread_;
};

}  // namespace waishi::db
