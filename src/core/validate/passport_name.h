// The passport spelling of a person's name, proposed from the characters of a Chinese name.
//
// A Chinese passport writes the name in Hanyu Pinyin without tones, upper case, surname first,
// the surname as one word and the given name as another (张昊 → ZHANG HAO, 欧阳修 → OUYANG XIU),
// with ü written YU (吕 → LYU). The result is a proposal an officer may edit: characters with
// several readings get the reading ICU's CLDR data gives for a name, which is not always the
// one the person uses.
//
// Thread-safety: PassportName may be called from any thread. The ICU transliterators it needs
// are expensive to build, so they are built once per process on first use (a function-local
// static, whose initialization C++ guards) and each thread then transliterates with its own
// clone of them (thread_local), so no transliterator object is ever used by two threads.
// Cost: about 0.1 s for the first call in a process, then some 35 µs a name. ICU itself runs
// rule-based transliterations one at a time (a process-wide mutex inside ICU), so calls from
// many threads do not transliterate in parallel.
#pragma once

#include <string>
#include <string_view>

namespace waishi::validate {

// Returns the proposed passport spelling of `name` (UTF-8).
//
// If `name` contains a Han character it is read as a Chinese name, surname first:
//  - the surname is the part before the first space or middle dot (·) if there is one;
//    otherwise a compound surname from a built-in list (欧阳, 司马, 诸葛, 万俟 …) when the name
//    has at least one more character, otherwise the first character. A two-character name is
//    always surname + given name (欧阳 alone is Ou Yang, not the surname Ouyang);
//  - the surname is transliterated with ICU "Han-Latin/Names" (surname readings: 单 → SHAN,
//    曾 → ZENG, 解 → XIE), the given name with the same transform but in the context of the
//    surname, so its first character gets its ordinary reading (王乐 → WANG LE, not YUE);
//  - ü becomes YU, then ICU "Latin-ASCII" removes the tones, then upper case;
//  - each part is joined into one word; the two are separated by one space.
//  Punctuation inside a Chinese name is dropped; a character ICU has no reading for (rare
//  characters outside its data, e.g. 𠮷) is kept as it is, for the officer to replace.
//
// Otherwise the name is taken as already written in Latin letters: it is folded with ICU
// "Latin-ASCII" (Zoë → ZOE, Müller → MULLER) and upper-cased, and runs of white space become
// one space with none at either end; nothing else changes. Other scripts are upper-cased only.
//
// An empty or all-space input gives "". Invalid UTF-8 sequences are read as U+FFFD.
// Throws std::runtime_error if ICU's transliteration data cannot be loaded (a broken
// installation, not a property of the input).
std::string PassportName(std::string_view name);

}  // namespace waishi::validate
