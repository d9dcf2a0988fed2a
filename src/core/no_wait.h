// Code that must not wait on another server, and what it throws when it would.
//
// An I/O thread answers a quick read itself (http::RouteDoc::Quick) when it can from memory: a
// cached answer on PostgreSQL, anything on SQLite, whose reads are local. While it does, it holds a
// NoWaiting; whatever would wait on the database server meanwhile (a query on PostgreSQL) throws
// WouldWait instead, before doing anything, and the server hands the request to its workers,
// which answer it from the start. So a quick handler does nothing another attempt would repeat
// (an audit entry, a write) before its last read.
#pragma once

namespace waishi {

// Not a std::exception: a handler's catch-all for failures does not take it for one.
struct WouldWait {};

namespace detail {
inline bool& NoWaitingHere() {
  thread_local bool forbidden = false;
  return forbidden;
}
}  // namespace detail

// While it lives, the thread must not wait on another server.
class NoWaiting {
 public:
  NoWaiting() : before_(detail::NoWaitingHere()) { detail::NoWaitingHere() = true; }
  ~NoWaiting() { detail::NoWaitingHere() = before_; }
  NoWaiting(const NoWaiting&) = delete;
  NoWaiting& operator=(const NoWaiting&) = delete;

 private:
  bool before_;
};

// Throws WouldWait under a NoWaiting.
inline void MayWait() {
  if (detail::NoWaitingHere()) throw WouldWait{};
}

}  // namespace waishi
