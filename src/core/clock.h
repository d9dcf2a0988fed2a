// Instants: always UTC, written as ISO 8601 with milliseconds and a Z
// ("2026-11-29T04:54:46.123Z"), which sorts as text the same on SQLite and PostgreSQL.
#pragma once

#include <chrono>
#include <string>

namespace waishi::clock {

std::string NowIso();
std::string ToIso(std::chrono::system_clock::time_point t);
// Now plus an offset, e.g. a session's expiry.
std::string IsoAfter(std::chrono::seconds offset);

}  // namespace waishi::clock
