#include "core/i18n/utf8.h"

#include <algorithm>

namespace waishi::i18n {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

bool AsciiBlank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

int CodePoints(std::string_view s) {
  return static_cast<int>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string LowerAscii(std::string s) {
  for (auto& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

std::string_view Trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && AsciiBlank(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && AsciiBlank(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return s;
}

}  // namespace waishi::i18n
