// Instants as text: ISO 8601 in UTC with milliseconds, which compare in time order as text.
#include "core/clock.h"

#include <gtest/gtest.h>

#include <chrono>

namespace waishi::clock {
namespace {

using namespace std::chrono;

TEST(Clock, ToIsoWritesUtcWithMilliseconds) {
  EXPECT_EQ(ToIso(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
  // 2026-12-02 08:05:09.007 UTC: every field with a leading zero.
  const auto t =
      sys_days{year{2026} / 12 / 2} + hours{8} + minutes{5} + seconds{9} + milliseconds{7};
  EXPECT_EQ(ToIso(t), "2026-12-02T08:05:09.007Z");
  // The last millisecond of a leap day; microseconds are cut, not rounded.
  const auto leap =
      sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{59} + microseconds{999'999};
  EXPECT_EQ(ToIso(leap), "2024-02-29T23:59:59.999Z");
  // Before 1970: floor, so a millisecond before the epoch is the epoch's previous day.
  EXPECT_EQ(ToIso(system_clock::time_point{} - milliseconds{1}), "1969-12-31T23:59:59.999Z");
}

TEST(Clock, IsoInstantsCompareInTimeOrderAsText) {
  const auto t = sys_days{year{2026} / 1 / 31} + hours{23} + minutes{59} + seconds{59};
  EXPECT_LT(ToIso(t), ToIso(t + milliseconds{1}));
  EXPECT_LT(ToIso(t + seconds{1}), ToIso(t + days{40}));
}

}  // namespace
}  // namespace waishi::clock
