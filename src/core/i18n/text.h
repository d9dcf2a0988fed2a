// Bilingual text and the message catalogue.
//
// Every user-visible string the server produces comes from a catalogue: the file
// `messages.json` of the core (src/core/i18n/messages.json) and of each module
// (src/<module>/messages.json), all compiled into the binary. A key maps to
// {"zh": "...", "en": "..."}; "{name}" placeholders are replaced by arguments.
// The catalogue is immutable after start-up: thread-safe to read.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/json.h"

namespace waishi::i18n {

struct Text {
  std::string zh;
  std::string en;
  Json ToJson() const { return Json{{"zh", zh}, {"en", en}}; }
};

using Args = std::initializer_list<std::pair<std::string_view, std::string>>;

// The message `key` with its placeholders replaced. Throws std::out_of_range for a key
// that is in no catalogue (a programming error: tests cover every key).
Text T(std::string_view key, Args args = {});

// The same with arguments said differently in each language (a country's name): each
// language's text gets that language's value.
using BilingualArgs = std::initializer_list<std::pair<std::string_view, Text>>;
Text T(std::string_view key, BilingualArgs args);

// True if `key` is in a catalogue.
bool Has(std::string_view key);

}  // namespace waishi::i18n
