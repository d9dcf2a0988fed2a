#include "core/log.h"

#include <cstdio>
#include <mutex>
#include <string>

#include "core/clock.h"

namespace waishi::log {
namespace {

void Write(std::string_view level, std::string_view message) {
  static std::mutex mu;
  std::string line = clock::NowIso();
  line.append(" ").append(level).append(" ").append(message).append("\n");
  std::lock_guard lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

void Info(std::string_view message) { Write("INFO", message); }
void Warn(std::string_view message) { Write("WARN", message); }
void Error(std::string_view message) { Write("ERROR", message); }

}  // namespace waishi::log
