#include "core/daily.h"

#include <exception>
#include <string>

#include "core/log.h"

namespace waishi {

Daily::Daily(std::chrono::steady_clock::duration first_after, std::function<void()> job,
             std::chrono::steady_clock::duration every)
    : job_(std::move(job)), thread_([this, first_after, every] { Loop(first_after, every); }) {}

Daily::~Daily() { Stop(); }

void Daily::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Daily::Loop(std::chrono::steady_clock::duration first_after,
                 std::chrono::steady_clock::duration every) {
  auto next = std::chrono::steady_clock::now() + first_after;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_until(lock, next, [this] { return stopping_; })) return;
    }
    try {
      job_();
    } catch (const std::exception& e) {
      log::Error(std::string("daily job failed: ") + e.what());
    }
    next += every;
  }
}

}  // namespace waishi
