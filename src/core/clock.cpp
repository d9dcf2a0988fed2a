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
  // Written digit by digit: it runs several times per request (session checks), where
  // snprintf's format parsing showed in profiles.
  const auto ms = floor<milliseconds>(t);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss hms{ms - day};
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](std::size_t at, std::size_t width, long long value) {
    for (std::size_t i = at + width; i-- > at; value /= 10)
      out[i] = static_cast<char>('0' + value % 10);
  };
  put(0, 4, static_cast<int>(ymd.year()));
  put(5, 2, static_cast<unsigned>(ymd.month()));
  put(8, 2, static_cast<unsigned>(ymd.day()));
  put(11, 2, hms.hours().count());
  put(14, 2, hms.minutes().count());
  put(17, 2, hms.seconds().count());
  put(20, 3, hms.subseconds().count());
  return out;
}

std::string NowIso() { return ToIso(Now()); }

std::string IsoAfter(std::chrono::seconds offset) { return ToIso(Now() + offset); }

}  // namespace waishi::clock
