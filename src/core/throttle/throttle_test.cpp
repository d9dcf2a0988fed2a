// The throttle against a real database (SQLite, and PostgreSQL when one is given): a client is
// refused once it failed more than the limit within the window, with the seconds to wait;
// other clients and other scopes are not; failures outside the window start again; the block
// ends after its time.
#include "core/throttle/throttle.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/clock.h"
#include "core/db/scratch_database.h"
#include "core/error.h"

namespace waishi::throttle {
namespace {

class ThrottleTest : public db::CoreDatabaseTest {
 protected:
  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
  }
  // The Retry-After of the refusal, or 0 when let through.
  long long Refused(std::string_view scope, std::string_view client) {
    try {
      Check(*db_, scope, client, limit_);
      return 0;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 429);
      EXPECT_EQ(e.code(), "throttled");
      return e.retry_after();
    }
  }

  const Limit limit_{3, 600, 3600};
};

TEST_P(ThrottleTest, MoreFailuresThanTheLimitRefuseThatClientOnly) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Refused("verify", "10.0.0.1"), 0) << i;
    Fail(*db_, "verify", "10.0.0.1", limit_);
  }
  EXPECT_EQ(Refused("verify", "10.0.0.1"), 0) << "three failures are the limit, not over it";
  Fail(*db_, "verify", "10.0.0.1", limit_);
  const long long wait = Refused("verify", "10.0.0.1");
  EXPECT_GT(wait, 3590);
  EXPECT_LE(wait, 3600);
  EXPECT_EQ(Refused("verify", "10.0.0.2"), 0);
  EXPECT_EQ(Refused("other", "10.0.0.1"), 0);
}

TEST_P(ThrottleTest, FailuresOutsideTheWindowStartAgainAndTheBlockEnds) {
  using namespace std::chrono;
  const auto start = system_clock::now();
  {
    clock::ClockShift at(start);
    for (int i = 0; i < 3; ++i) Fail(*db_, "verify", "10.0.0.1", limit_);
  }
  {
    // Eleven minutes later the window (ten) is over: three more are allowed again.
    clock::ClockShift at(start + minutes(11));
    for (int i = 0; i < 3; ++i) Fail(*db_, "verify", "10.0.0.1", limit_);
    EXPECT_EQ(Refused("verify", "10.0.0.1"), 0);
    Fail(*db_, "verify", "10.0.0.1", limit_);
    EXPECT_GT(Refused("verify", "10.0.0.1"), 0);
  }
  {
    clock::ClockShift at(start + minutes(11) + hours(1) + seconds(5));
    EXPECT_EQ(Refused("verify", "10.0.0.1"), 0) << "the block is over";
    Fail(*db_, "verify", "10.0.0.1", limit_);
    EXPECT_EQ(Refused("verify", "10.0.0.1"), 0) << "and the count started again";
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, ThrottleTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::throttle
