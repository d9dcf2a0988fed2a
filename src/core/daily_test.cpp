#include "core/daily.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace waishi {
namespace {

using namespace std::chrono_literals;

TEST(Daily, RunsAfterTheDelayThenEveryPeriodUntilStopped) {
  std::atomic<int> runs = 0;
  Daily job(
      10ms, [&runs] { ++runs; }, 20ms);
  while (runs.load() < 3) std::this_thread::sleep_for(1ms);
  job.Stop();
  const int stopped_at = runs.load();
  std::this_thread::sleep_for(60ms);
  EXPECT_EQ(runs.load(), stopped_at) << "no run after Stop()";
}

TEST(Daily, ARunThatThrowsDoesNotStopTheNext) {
  std::atomic<int> runs = 0;
  Daily job(
      1ms,
      [&runs] {
        ++runs;
        throw std::runtime_error("disk full");
      },
      5ms);
  while (runs.load() < 2) std::this_thread::sleep_for(1ms);
}

TEST(Daily, StopBeforeTheFirstRunRunsNothing) {
  std::atomic<int> runs = 0;
  {
    Daily job(1h, [&runs] { ++runs; });
  }
  EXPECT_EQ(runs.load(), 0);
}

}  // namespace
}  // namespace waishi
