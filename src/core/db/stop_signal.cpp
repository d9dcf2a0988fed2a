#include "core/db/stop_signal.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace waishi::db {

StopSignal::StopSignal() : event_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (event_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
}

StopSignal::~StopSignal() { ::close(event_fd_); }

void StopSignal::Stop() {
  stopped_ = true;
  const std::uint64_t one = 1;
  // Cannot fail short of a counter at its maximum, which one write a lifetime never reaches.
  [[maybe_unused]] const auto written = ::write(event_fd_, &one, sizeof one);
}

void StopSignal::Wait(int socket, std::chrono::milliseconds d) const {
  const auto until = std::chrono::steady_clock::now() + d;
  pollfd fds[2] = {{event_fd_, POLLIN, 0}, {socket, POLLIN, 0}};  // poll(2) skips a negative fd
  for (auto left = d; !stopped() && left.count() > 0;
       left = std::chrono::duration_cast<std::chrono::milliseconds>(
           until - std::chrono::steady_clock::now())) {
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready > 0 || (ready < 0 && errno != EINTR)) return;
  }
}

}  // namespace waishi::db
