// Whether a process is alone on its PostgreSQL database, known without a query per request.
//
// A server alone on its database (the usual deployment, and SQLite's only one) can trust its own
// writes to tell its caches when they are stale; a server sharing it with others (a cluster, or a
// CLI command writing meanwhile) must ask the database (Database::DataEpoch). Presence tells
// which, and keeps it true:
// - every process holds a shared advisory lock on kPresentKey for as long as it uses the database
//   (pg_locks lists the holders; PostgreSQL manual §9.27.10, §54.12);
// - a process that sees another holder stops trusting itself (on_change(false)) and only then
//   acknowledges by holding kSharedKey as well;
// - a process arriving waits, before its constructor returns (before its first write), until
//   every other holder has acknowledged; it tells them it came with a notification, and they
//   look again at least every second anyway;
// - a process left alone lets go of its acknowledgement, looks again, and only when still alone
//   trusts itself again (on_change(true)), so that a process arriving meanwhile is never missed.
// The connection holding the locks is its own; while it is down the process counts as not alone.
// One exception: a process whose own presence connection failed and came back writes meanwhile
// without being seen; the caches' own age limit bounds what another may then show stale.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/db/stop_signal.h"

namespace waishi::db {

class Presence {
 public:
  using OnChange = std::function<void(bool alone)>;
  // Registers on the database at the libpq connection string `conninfo` and returns once the
  // others present have acknowledged it (or after kAckTimeout, logged), or once the connection
  // failed. A process starts as not alone; `on_change` runs on the presence thread at every
  // change, the first one possibly before the constructor returns.
  Presence(std::string conninfo, OnChange on_change);
  ~Presence();
  Presence(const Presence&) = delete;
  Presence& operator=(const Presence&) = delete;

  static constexpr long long kPresentKey = 0x5761697368690002LL;
  static constexpr long long kSharedKey = 0x5761697368690003LL;
  static constexpr const char* kChannel = "waishi_presence";
  static constexpr std::chrono::seconds kAckTimeout{10};
  static constexpr std::chrono::seconds kLookAgain{1};

 private:
  class Link;
  void Loop();
  // Looks at who else is here and acts on it; false when the connection failed. Arriving, it
  // returns once the others have acknowledged.
  bool Settle(Link& link, bool arriving);
  bool AwaitAcknowledgements(Link& link);
  void Report(bool alone);  // on_change_ when it changed
  void Settled();           // the constructor may return

  std::string conninfo_;
  OnChange on_change_;
  StopSignal stop_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool settled_ = false;  // the first registration is done (or failed)
  // The presence thread's own.
  bool alone_ = false;
  bool acked_ = false;  // holding kSharedKey
  std::thread thread_;
};

}  // namespace waishi::db
