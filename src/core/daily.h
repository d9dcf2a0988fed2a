// A job run once a day on a thread of its own (the modules' retention): first after a delay,
// then every 24 hours, until Stop() (or destruction). A run that throws is logged as an error
// and the next run comes as planned.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace waishi {

class Daily {
 public:
  Daily(std::chrono::steady_clock::duration first_after, std::function<void()> job,
        std::chrono::steady_clock::duration every = std::chrono::hours(24));
  ~Daily();
  Daily(const Daily&) = delete;
  Daily& operator=(const Daily&) = delete;

  // Lets a run in progress finish, runs no more, and joins the thread.
  void Stop();

 private:
  void Loop(std::chrono::steady_clock::duration first_after,
            std::chrono::steady_clock::duration every);

  std::function<void()> job_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace waishi
