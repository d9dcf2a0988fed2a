#include "core/validate/passport_name.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>

namespace waishi::validate {
namespace {

using icu::Transliterator;
using icu::UnicodeString;

// ---------------------------------------------------------------------------------------------
// Surnames
// ---------------------------------------------------------------------------------------------

// Compound (multi-character) surnames, mostly from the 百家姓 (Hundred Family Surnames), with
// the traditional forms of those that have one. A name starting with one of these (and having
// at least one more character) is split after it. Ambiguity is possible in principle (宗 + 政华
// vs 宗政 + 华); the officer edits the proposal, or types a space after the surname.
// A table reads better than one surname a line.
// clang-format off
constexpr std::u16string_view kCompoundSurnames[] = {
    // Simplified.
    u"欧阳", u"司马", u"上官", u"诸葛", u"东方", u"皇甫", u"尉迟", u"公孙", u"慕容", u"长孙",
    u"宇文", u"司徒", u"夏侯", u"轩辕", u"令狐", u"端木", u"独孤", u"南宫", u"西门", u"百里",
    u"呼延", u"申屠", u"万俟", u"闻人", u"太史", u"澹台", u"公冶", u"宗政", u"濮阳", u"淳于",
    u"单于", u"钟离", u"赫连", u"东郭", u"拓跋", u"司空", u"司寇", u"亓官", u"仲孙", u"叔孙",
    u"鲜于", u"闾丘", u"左丘", u"颛孙", u"巫马", u"公西", u"漆雕", u"乐正", u"公良", u"谷梁",
    u"第五", u"公羊", u"羊舌", u"微生", u"完颜", u"爱新觉罗",
    // Traditional forms that differ.
    u"歐陽", u"司馬", u"諸葛", u"東方", u"尉遲", u"公孫", u"長孫", u"軒轅", u"獨孤", u"南宮",
    u"西門", u"萬俟", u"聞人", u"澹臺", u"濮陽", u"單于", u"鍾離", u"赫連", u"東郭", u"仲孫",
    u"叔孫", u"鮮于", u"閭丘", u"顓孫", u"巫馬", u"樂正", u"穀梁", u"愛新覺羅",
};
// clang-format on

// Length in UTF-16 units of the compound surname `name` starts with (the longest if several
// do), or 0. The name must go on after the surname: a two-character name is surname + given.
int32_t CompoundSurnameLength(const UnicodeString& name) {
  const std::u16string_view text(name.getBuffer(), static_cast<size_t>(name.length()));
  size_t best = 0;
  for (std::u16string_view surname : kCompoundSurnames) {
    if (text.size() > surname.size() && text.starts_with(surname) && surname.size() > best) {
      best = surname.size();
    }
  }
  return static_cast<int32_t>(best);
}

// ---------------------------------------------------------------------------------------------
// Transliterators
// ---------------------------------------------------------------------------------------------

// After Han-Latin/Names: pinyin with tone marks → passport letters. ICU writes ü precomposed,
// with or without a tone (lǚ, lüè); ::NFC first makes sure a decomposed ü is caught as well.
// ICU never writes the keyboard forms "u:" or "v", so they need no rule (and a "v" may be a
// genuine Latin letter). ü → YU follows the Ministry of Public Security's passport practice
// (吕 → LYU), then Latin-ASCII drops the tone marks.
constexpr char kPinyinToPassportRules[] = R"(
::NFC;
[\u00FC \u01D6 \u01D8 \u01DA \u01DC] > yu;
[\u00DC \u01D5 \u01D7 \u01D9 \u01DB] > YU;
::Latin-ASCII;
::Upper;
)";

// ICU transform IDs.
constexpr char kHanToLatinNamesId[] = "Han-Latin/Names";
constexpr char kLatinToPassportId[] = "Latin-ASCII; Any-Upper";

struct Transliterators {
  std::unique_ptr<Transliterator> han_to_latin;        // Han-Latin/Names
  std::unique_ptr<Transliterator> pinyin_to_passport;  // kPinyinToPassportRules
  std::unique_ptr<Transliterator> latin_to_passport;   // Latin-ASCII, upper case
};

void ThrowIfFailed(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("PassportName: cannot create ICU transliterator ") + what +
                             ": " + u_errorName(status));
  }
}

std::unique_ptr<Transliterator> CreateById(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<Transliterator> t(
      Transliterator::createInstance(UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
  ThrowIfFailed(status, id);
  return t;
}

std::unique_ptr<Transliterator> CreateFromRules(const char* id, const char* rules) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<Transliterator> t(
      Transliterator::createFromRules(UnicodeString::fromUTF8(id), UnicodeString::fromUTF8(rules),
                                      UTRANS_FORWARD, parse_error, status));
  ThrowIfFailed(status, id);
  return t;
}

std::unique_ptr<Transliterator> Clone(const Transliterator& t) {
  std::unique_ptr<Transliterator> copy(t.clone());
  if (!copy) throw std::runtime_error("PassportName: cannot clone an ICU transliterator");
  return copy;
}

// Built once per process: creating Han-Latin/Names parses thousands of rules. If creation
// throws, the static stays uninitialized and the next call tries again.
const Transliterators& Prototypes() {
  static const Transliterators prototypes{
      CreateById(kHanToLatinNamesId),
      CreateFromRules("Waishi-PinyinToPassport", kPinyinToPassportRules),
      CreateById(kLatinToPassportId),
  };
  return prototypes;
}

// The calling thread's own copies; a clone shares the prototype's immutable rule data, so it is
// cheap. Transliterator objects are not safe for concurrent use, hence one set per thread.
Transliterators& ThreadTransliterators() {
  thread_local Transliterators mine{
      Clone(*Prototypes().han_to_latin),
      Clone(*Prototypes().pinyin_to_passport),
      Clone(*Prototypes().latin_to_passport),
  };
  return mine;
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

bool ContainsHan(const UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(text.char32At(i), &status) == USCRIPT_HAN && U_SUCCESS(status)) {
      return true;
    }
  }
  return false;
}

bool IsWhiteSpace(UChar32 c) { return u_isUWhiteSpace(c); }

// What separates the surname from the given name in a Chinese name when typed: white space
// (including the ideographic space U+3000) or a middle dot, as in transcribed names
// (迪丽热巴·迪力木拉提).
bool IsChineseNameSeparator(UChar32 c) {
  return u_isUWhiteSpace(c) || c == 0x00B7 || c == 0x2022 || c == 0x2027 || c == 0x30FB ||
         c == 0xFF65;
}

// The non-empty runs of `text` between separators.
std::vector<UnicodeString> Split(const UnicodeString& text, bool (*is_separator)(UChar32)) {
  std::vector<UnicodeString> parts;
  UnicodeString current;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (is_separator(c)) {
      if (!current.isEmpty()) parts.push_back(std::exchange(current, UnicodeString()));
    } else {
      current.append(c);
    }
  }
  if (!current.isEmpty()) parts.push_back(std::move(current));
  return parts;
}

// Only letters and combining marks: punctuation in a name ("张-华") is noise, and left in place
// it would make Han-Latin/Names read the next character as the start of a new name.
UnicodeString LettersOnly(const UnicodeString& text) {
  UnicodeString letters;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if ((U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK)) != 0) letters.append(c);
  }
  return letters;
}

UnicodeString WithoutWhiteSpace(const UnicodeString& text) {
  UnicodeString out;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (!u_isUWhiteSpace(c)) out.append(c);
  }
  return out;
}

std::string ToUtf8(const UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The two kinds of names
// ---------------------------------------------------------------------------------------------

std::string LatinPassportName(UnicodeString name, Transliterators& t) {
  t.latin_to_passport->transliterate(name);
  std::string out;
  for (const UnicodeString& word : Split(name, IsWhiteSpace)) {
    if (!out.empty()) out += ' ';
    out += ToUtf8(word);
  }
  return out;
}

std::string ChinesePassportName(const UnicodeString& name, Transliterators& t) {
  // Surname and given name, as typed apart or as found by the surname list.
  std::vector<UnicodeString> parts = Split(name, IsChineseNameSeparator);
  for (UnicodeString& part : parts) part = LettersOnly(part);
  UnicodeString surname;
  UnicodeString given;
  if (parts.size() == 1) {
    const UnicodeString& whole = parts.front();
    int32_t split = CompoundSurnameLength(whole);
    if (split == 0) split = whole.moveIndex32(0, 1);
    surname = whole.tempSubString(0, split);
    given = whole.tempSubString(split);
  } else if (parts.size() > 1) {
    surname = parts.front();
    for (size_t i = 1; i < parts.size(); ++i) given += parts[i];
  }

  // The surname alone, at the start of the text: Han-Latin/Names applies surname readings to
  // the first character of a run of Han characters (CLDR's Han_Latin_Names rules).
  UnicodeString surname_latin = surname;
  t.han_to_latin->transliterate(surname_latin);

  // The given name with the surname before it as context, only the given name being replaced:
  // preceded by a Han character, its first character is not taken for a surname.
  UnicodeString text = surname;
  text += given;
  UTransPosition position{/*contextStart=*/0, /*contextLimit=*/text.length(),
                          /*start=*/surname.length(), /*limit=*/text.length()};
  t.han_to_latin->finishTransliteration(text, position);
  UnicodeString given_latin = text.tempSubStringBetween(surname.length(), position.limit);

  t.pinyin_to_passport->transliterate(surname_latin);
  t.pinyin_to_passport->transliterate(given_latin);
  std::string out = ToUtf8(WithoutWhiteSpace(surname_latin));
  const std::string given_out = ToUtf8(WithoutWhiteSpace(given_latin));
  if (!given_out.empty()) {
    if (!out.empty()) out += ' ';
    out += given_out;
  }
  return out;
}

}  // namespace

std::string PassportName(std::string_view name) {
  if (name.empty()) return {};
  const UnicodeString text =
      UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  Transliterators& t = ThreadTransliterators();
  return ContainsHan(text) ? ChinesePassportName(text, t) : LatinPassportName(text, t);
}

}  // namespace waishi::validate
