// A background thread's wait ends at its timeout, when its socket has something to read, or at
// once when its owner stops it: a destructor never waits out a poll.
#include "core/db/stop_signal.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace waishi::db {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class Pair {
 public:
  Pair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds_), 0); }
  ~Pair() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  int reader() const { return fds_[0]; }
  void Send() const { EXPECT_EQ(::write(fds_[1], "x", 1), 1); }

 private:
  int fds_[2] = {-1, -1};
};

TEST(StopSignalTest, AWaitEndsAtItsTimeoutWhenNothingHappens) {
  StopSignal stop;
  Pair socket;
  const auto began = Clock::now();
  stop.Wait(socket.reader(), 50ms);
  stop.Wait(-1, 50ms);  // no socket: a sleep
  EXPECT_GE(Clock::now() - began, 100ms);
  EXPECT_FALSE(stop.stopped());
}

TEST(StopSignalTest, AWaitEndsWhenItsSocketHasSomethingToRead) {
  StopSignal stop;
  Pair socket;
  socket.Send();
  const auto began = Clock::now();
  stop.Wait(socket.reader(), 1h);
  EXPECT_LT(Clock::now() - began, 10s);
}

TEST(StopSignalTest, StopEndsAWaitUnderWayAndEveryOneAfter) {
  StopSignal stop;
  Pair socket;
  const auto began = Clock::now();
  std::thread waiter([&] { stop.Wait(socket.reader(), 1h); });
  std::this_thread::sleep_for(20ms);
  stop.Stop();
  waiter.join();
  EXPECT_TRUE(stop.stopped());
  stop.Wait(-1, 1h);  // returns at once too
  EXPECT_LT(Clock::now() - began, 10s);
}

}  // namespace
}  // namespace waishi::db
