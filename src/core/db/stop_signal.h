// How a background thread on a PostgreSQL connection (db::Listening, db::Presence) waits for its
// socket, or just for time to pass, and how its owner ends the wait at once: Stop() makes every
// Wait() return now and from then on, so that a destructor joins the thread without waiting out
// a poll.
#pragma once

#include <atomic>
#include <chrono>

namespace waishi::db {

class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  void Stop();
  bool stopped() const { return stopped_.load(); }
  // Returns when `socket` is readable (never, for a negative one), `d` has passed, or Stop().
  void Wait(int socket, std::chrono::milliseconds d) const;

 private:
  int event_fd_;  // readable once stopped: an eventfd(2) written once, never read
  std::atomic<bool> stopped_{false};
};

}  // namespace waishi::db
