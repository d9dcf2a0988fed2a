// Instants: always UTC, written as ISO 8601 with milliseconds and a Z
// ("2026-11-29T04:54:46.123Z"), which sorts as text the same on SQLite and PostgreSQL.
#pragma once

#include <chrono>
#include <string>

namespace waishi::clock {

// The time: the system's, unless a ClockShift is in effect.
std::chrono::system_clock::time_point Now();
std::string NowIso();
std::string ToIso(std::chrono::system_clock::time_point t);
// Now plus an offset, e.g. a session's expiry.
std::string IsoAfter(std::chrono::seconds offset);

// While it lives, Now() (and so every timestamp and China's "today") reads as `at`, moving on
// from there: the demo loader runs a case's history at the times it happened, so the demo is
// coherent (a completed trip lies in the past, its deadlines before today). Process-wide and
// not for a serving process: for `waishi demo` and tests. Not nestable.
class ClockShift {
 public:
  explicit ClockShift(std::chrono::system_clock::time_point at);
  ~ClockShift();
  ClockShift(const ClockShift&) = delete;
  ClockShift& operator=(const ClockShift&) = delete;
};

}  // namespace waishi::clock
