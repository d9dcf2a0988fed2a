// Log lines to standard error: "2026-11-29T04:54:46.123Z LEVEL message". One write per
// line under a mutex: safe from any thread.
#pragma once

#include <string_view>

namespace waishi::log {

void Info(std::string_view message);
void Warn(std::string_view message);
void Error(std::string_view message);

}  // namespace waishi::log
