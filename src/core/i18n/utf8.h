// UTF-8 text as people count and type it. Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace waishi::i18n {

// Unicode code points (every byte that does not continue a sequence): 张昊 is 2.
int CodePoints(std::string_view s);

// Without leading and trailing white space: ASCII blanks and the ideographic space U+3000,
// which Chinese input methods type.
std::string_view Trim(std::string_view s);

// Whether nothing is left of the text once trimmed (a comment of spaces says nothing).
inline bool Blank(std::string_view s) { return Trim(s).empty(); }

// With A–Z as a–z and every other byte as it was (search text is matched lower-cased; CJK
// has no case).
std::string LowerAscii(std::string s);

}  // namespace waishi::i18n
