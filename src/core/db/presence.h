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
// - a process's writing connection holds kWritingKey for as long as it lasts, and before its first
//   write it tells the others and waits for their acknowledgement as an arriving process does
//   (ArriveToWrite): a process that can write is seen even while its presence connection is down,
//   or comes back after its writer did.
// The presence connection is its own; while it is down the process counts as not alone.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/db/stop_signal.h"

namespace waishi::db {

class Session;

class Presence {
 public:
  using OnChange = std::function<void(bool alone)>;
  // Registers on the database at the libpq connection string `conninfo` and returns once the
  // others present have acknowledged it (or after kAckTimeout, logged), or once the connection
  // failed. A process starts as not alone; `on_change` runs on the presence thread at every
  // change, the first one possibly before the constructor returns. `own_writer` is the backend
  // of this process's writing connection (0: none), which is not another process.
  Presence(std::string conninfo, const std::atomic<int>& own_writer, OnChange on_change);
  ~Presence();
  Presence(const Presence&) = delete;
  Presence& operator=(const Presence&) = delete;

  // The backend of the presence connection; 0 while it is down.
  int pid() const { return pid_.load(std::memory_order_acquire); }

  // A process's writing connection, new or reconnected, before its first write: holds
  // kWritingKey, tells the others, and returns once their presence connections have acknowledged
  // (or after kAckTimeout, logged). `own_presence` is the process's own presence backend (pid()).
  static void ArriveToWrite(Session& writer, int own_presence);

  static constexpr long long kPresentKey = 0x5761697368690002LL;
  static constexpr long long kSharedKey = 0x5761697368690003LL;
  static constexpr long long kWritingKey = 0x5761697368690004LL;
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
  const std::atomic<int>& own_writer_;
  OnChange on_change_;
  std::atomic<int> pid_ = 0;
  StopSignal stop_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool settled_ = false;  // the first registration is done (or failed)
  // The presence thread's own.
  bool alone_ = false;
  bool acked_ = false;  // holding kSharedKey
  std::thread thread_;
};

// Asks `count` how many presence connections have yet to acknowledge until none has, `pause`
// (between two asks) says to stop, or `timeout` has passed, logged, naming `who`: true then too,
// since a process that never answers (hung, or cut off from the database without its locks
// being released yet) must not keep this one from starting or writing. False when a count
// failed. Presence's waits, with kAckTimeout.
bool UntilAcknowledged(const std::function<std::optional<long long>()>& count,
                       const std::function<bool()>& pause, const std::string& who,
                       std::chrono::steady_clock::duration timeout = Presence::kAckTimeout);

}  // namespace waishi::db
