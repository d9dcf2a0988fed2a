// Presence when its database cannot be reached: the process is not alone (it asks the database
// for its epoch, the safe way), and neither opening nor closing waits out the retries. The wait
// for the others' acknowledgements: to its end, to its timeout when another never answers, and
// on failure. The handshake between processes is tested on PostgreSQL in notifications_test.cpp.
#include "core/db/presence.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

namespace waishi::db {
namespace {

TEST(PresenceTest, UnreachableItReportsNothingAndClosesAtOnce) {
  std::atomic<int> changes = 0;
  const std::atomic<int> no_writer = 0;
  const auto began = std::chrono::steady_clock::now();
  auto presence = std::make_unique<Presence>(
      // Nothing listens on port 1: refused at once.
      "host=127.0.0.1 port=1 dbname=none user=none connect_timeout=2", no_writer,
      [&](bool) { ++changes; });
  // The retry a second later is under way when it closes: Stop() ends it, without waiting out
  // so much as a quarter-second slice of it (the wait this replaced).
  presence.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::milliseconds(200));
  EXPECT_EQ(changes, 0);  // never alone, and it started as not alone
}

using namespace std::chrono_literals;

TEST(PresenceTest, TheWaitEndsOnceEveryOtherHasAcknowledged) {
  long long left = 2;
  int counted = 0, paused = 0;
  const auto count = [&] {
    ++counted;
    return std::optional<long long>(left--);
  };
  const auto pause = [&] {
    ++paused;
    return true;
  };
  EXPECT_TRUE(UntilAcknowledged(count, pause, "test", 10s));
  EXPECT_EQ(counted, 3);  // 2, 1, 0
  EXPECT_EQ(paused, 2);
}

// A process that holds its presence but never acknowledges (hung): the wait gives up after its
// timeout, says so in the log, and lets this one go on.
TEST(PresenceTest, AnotherThatNeverAcknowledgesHoldsTheWaitUpToItsTimeoutOnly) {
  int counted = 0;
  testing::internal::CaptureStderr();
  const auto began = std::chrono::steady_clock::now();
  const bool went_on = UntilAcknowledged(
      [&] {
        ++counted;
        return std::optional<long long>(1);
      },
      [] {
        std::this_thread::sleep_for(2ms);
        return true;
      },
      "database writer", 60ms);
  const auto took = std::chrono::steady_clock::now() - began;
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_TRUE(went_on);
  EXPECT_GE(took, 60ms);
  EXPECT_LT(took, 5s);
  EXPECT_GT(counted, 2) << "asked again between the pauses";
  EXPECT_NE(log.find("WARN database writer: 1 other process(es) did not acknowledge in time"),
            std::string::npos)
      << log;
}

TEST(PresenceTest, AFailedCountEndsTheWaitAsAFailure) {
  int paused = 0;
  EXPECT_FALSE(UntilAcknowledged([] { return std::optional<long long>(); },
                                 [&] {
                                   ++paused;
                                   return true;
                                 },
                                 "test", 10s));
  EXPECT_EQ(paused, 0);
}

TEST(PresenceTest, AStopBetweenTwoAsksEndsTheWait) {
  int counted = 0;
  EXPECT_TRUE(UntilAcknowledged(
      [&] {
        ++counted;
        return std::optional<long long>(3);
      },
      [] { return false; }, "test", 10s));
  EXPECT_EQ(counted, 1);
}

}  // namespace
}  // namespace waishi::db
