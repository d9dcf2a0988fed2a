#include "core/notify/mail.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace waishi::notify::mail {
namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool NeedsEncoding(std::string_view text) {
  if (text.find("=?") != std::string_view::npos) return true;
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u > 0x7E;
  });
}

// Bare "\n" (and "\r\n") line ends as CRLF, as SMTP requires (RFC 5321 section 2.3.8).
std::string Crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string EncodeWord(std::string_view utf8) {
  if (!NeedsEncoding(utf8)) return std::string(utf8);
  // RFC 2047 section 2: an encoded word is at most 75 characters; "=?UTF-8?B?" and "?=" take
  // 12, leaving 63 for base64, i.e. 45 bytes of text (60 base64 characters). Section 5 rule 3:
  // each word holds whole characters, so a word ends before a sequence that does not fit.
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    std::size_t end = pos;
    while (end < utf8.size()) {
      const std::size_t len = SequenceLength(static_cast<unsigned char>(utf8[end]));
      if (end + len - pos > kMaxBytes) break;
      end = std::min(end + len, utf8.size());
    }
    if (!out.empty()) out += "\r\n ";  // folding (RFC 5322 section 2.2.3)
    out += "=?UTF-8?B?" + Base64(utf8.substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string Base64Lines(std::string_view bytes) {
  const std::string b64 = Base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

std::string DateHeader(std::chrono::system_clock::time_point t) {
  // RFC 5322 section 3.3: day and month names in English whatever the process's locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

bool IsAddress(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.size() > 254) return false;  // RFC 5321 section 4.5.3.1.3 (path of 256 with <>)
  return std::all_of(address.begin(), address.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && c != '<' && c != '>' && c != ',' && c != '"' && c != ';' &&
           c != '(' && c != ')' && c != '\\';
  });
}

std::string Build(const Mail& m) {
  std::string from =
      m.from_name.empty() ? m.from_address : EncodeWord(m.from_name) + " <" + m.from_address + ">";
  std::string out;
  out += "Date: " + DateHeader(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + EncodeWord(m.subject) + "\r\n";
  out += "MIME-Version: 1.0\r\n";  // RFC 2045 section 4
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834 section 5: no auto-replies, please
  out += "\r\n";
  out += Base64Lines(Crlf(m.body));
  return out;
}

std::chrono::seconds Backoff(int failed_attempts) {
  constexpr long long kCap = 60 * 60;
  long long wait = 60;
  for (int i = 1; i < failed_attempts && wait < kCap; ++i) wait *= 2;
  return std::chrono::seconds(std::min(wait, kCap));
}

}  // namespace waishi::notify::mail
