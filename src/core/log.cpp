#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/json.h"

namespace waishi::log {
namespace {

std::atomic<Format> format_in_use = Format::kText;

void Write(std::string line) {
  static std::mutex mu;
  line += '\n';
  std::lock_guard lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// Invalid UTF-8 (a path may hold any bytes) becomes U+FFFD rather than an exception.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// The path as it may go into one text line: control bytes (a CR/LF would forge a line)
// written as \xNN.
std::string LoggablePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7F || c == '\\') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  return std::nullopt;
}

void SetFormat(Format format) { format_in_use.store(format); }

std::string FormatLine(Format format, std::string_view ts, std::string_view level,
                       std::string_view message) {
  if (format == Format::kJson) return Dump(Json{{"ts", ts}, {"level", level}, {"msg", message}});
  std::string line(ts);
  line.append(" ").append(level).append(" ").append(message);
  return line;
}

std::string FormatAccess(Format format, std::string_view ts, const Access& a) {
  if (format == Format::kJson) {
    // Milliseconds to the hundredth, as in the text line.
    const double ms = static_cast<double>(static_cast<long long>(a.duration_ms * 100 + 0.5)) / 100;
    return Dump(Json{{"ts", ts},
                     {"level", "INFO"},
                     {"msg", "http"},
                     {"method", a.method},
                     {"path", a.path},
                     {"status", a.status},
                     {"bytes", a.bytes},
                     {"duration_ms", ms},
                     {"remote", a.remote},
                     {"request_id", a.request_id}});
  }
  char figures[64];
  std::snprintf(figures, sizeof figures, " %d %zu %.2fms ", a.status, a.bytes, a.duration_ms);
  std::string message = "http ";
  message.append(a.remote).append(" ").append(a.method).append(" ");
  message.append(LoggablePath(a.path)).append(figures).append(a.request_id);
  return FormatLine(format, ts, "INFO", message);
}

void Info(std::string_view message) {
  Write(FormatLine(format_in_use.load(), clock::NowIso(), "INFO", message));
}
void Warn(std::string_view message) {
  Write(FormatLine(format_in_use.load(), clock::NowIso(), "WARN", message));
}
void Error(std::string_view message) {
  Write(FormatLine(format_in_use.load(), clock::NowIso(), "ERROR", message));
}
void Request(const Access& access) {
  Write(FormatAccess(format_in_use.load(), clock::NowIso(), access));
}

}  // namespace waishi::log
