// Building an e-mail message, as text, and the retry schedule: pure functions, no I/O, safe
// from any thread. The mailer (mailer.h) hands the text to libcurl's SMTP client.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace waishi::notify::mail {

// A message to one recipient, its texts already rendered (UTF-8).
struct Mail {
  std::string from_address;  // e.g. "noreply@example.org"
  std::string from_name;     // a display name, may be empty
  std::string to;
  std::string subject;
  std::string body;        // lines separated by "\n"
  std::string message_id;  // without the angle brackets: "42.abc@example.org"
  std::chrono::system_clock::time_point date;
};

// The whole message (RFC 5322): Date, Message-ID, From, To, Subject, MIME-Version,
// Content-Type text/plain UTF-8 and a base64 body (RFC 2045), every line ending in CRLF.
std::string Build(const Mail& m);

// A header value as RFC 2047 encoded words ("=?UTF-8?B?...?="), each at most 75 characters
// and holding whole UTF-8 characters, joined by folding whitespace (CRLF SP) when it takes
// several. Pure ASCII printable text without "=?" is returned as it is.
std::string EncodeWord(std::string_view utf8);

// Base64 (RFC 4648) in lines of 76 characters ending in CRLF (RFC 2045 section 6.8).
std::string Base64Lines(std::string_view bytes);

// The Date header's value (RFC 5322 section 3.3), in UTC: "Wed, 02 Dec 2026 00:32:53 +0000".
std::string DateHeader(std::chrono::system_clock::time_point t);

// Whether `address` is a plain addr-spec that is safe in a header and an SMTP command:
// local@domain, printable ASCII without spaces, angle brackets, commas or quotes.
bool IsAddress(std::string_view address);

// After the n-th failed attempt (n ≥ 1), the wait before the next: 1 min, 2, 4 … capped at
// 1 hour. A message is given up (stays failed) after kMaxAttempts attempts.
std::chrono::seconds Backoff(int failed_attempts);
inline constexpr int kMaxAttempts = 8;

}  // namespace waishi::notify::mail
