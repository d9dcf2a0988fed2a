// Presence when its database cannot be reached: the process is not alone (it asks the database
// for its epoch, the safe way), and neither opening nor closing waits out the retries. The
// handshake between processes is tested on PostgreSQL in notifications_test.cpp.
#include "core/db/presence.h"

#include <gtest/gtest.h>

#include <atomic>

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

}  // namespace
}  // namespace waishi::db
