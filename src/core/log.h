// Log lines to standard error, one write per line under a mutex: safe from any thread.
// As text (the default): "2026-11-29T04:54:46.123Z LEVEL message"; as JSON (--log-format json,
// for a log collector): one object a line, {"ts","level","msg"} and, for a request's access
// line, its fields apart (Access).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace waishi::log {

enum class Format { kText, kJson };
// "text" or "json"; nullopt for anything else.
std::optional<Format> ParseFormat(std::string_view name);
// For every later line; set at start-up.
void SetFormat(Format format);

void Info(std::string_view message);
void Warn(std::string_view message);
void Error(std::string_view message);

// One request answered. The path is without its query string (which may carry personal
// data: a name searched for).
struct Access {
  std::string_view remote;  // the client's address
  std::string_view method;
  std::string_view path;
  int status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
  std::string_view request_id;
};
// Writes the access line (level INFO).
void Request(const Access& access);

// The line as written, without its line feed: for tests, and the functions above.
std::string FormatLine(Format format, std::string_view ts, std::string_view level,
                       std::string_view message);
std::string FormatAccess(Format format, std::string_view ts, const Access& access);

}  // namespace waishi::log
