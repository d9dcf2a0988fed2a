#include "core/clock.h"

#include <atomic>
#include <cstdio>
#include <ctime>

namespace waishi::clock {
namespace {

// Milliseconds added to the system clock (ClockShift).
std::atomic<long long> offset_ms{0};

}  // namespace

std::chrono::system_clock::time_point Now() {
  return std::chrono::system_clock::now() +
         std::chrono::milliseconds(offset_ms.load(std::memory_order_relaxed));
}

ClockShift::ClockShift(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  offset_ms.store(duration_cast<milliseconds>(at - system_clock::now()).count());
}

ClockShift::~ClockShift() { offset_ms.store(0); }

std::string ToIso(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

std::string NowIso() { return ToIso(Now()); }

std::string IsoAfter(std::chrono::seconds offset) { return ToIso(Now() + offset); }

}  // namespace waishi::clock
