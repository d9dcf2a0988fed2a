// The countries and territories of ISO 3166-1, with English and Chinese names and a continent.
//
// A Country is one entry of ISO 3166-1 (249 of them: sovereign states and territories such as
// Hong Kong, Macao, Taiwan, Greenland or Puerto Rico; China itself is one of them). The list comes
// from Debian's iso-codes package, read at run time:
//   /usr/share/iso-codes/json/iso_3166-1.json               codes and English names
//   /usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo       Chinese names (gettext catalogue)
// and the continent of each code from src/core/geo/continents.json, compiled into the binary.
//
// Thread safety: the list is loaded on the first call of any function below (thread-safe lazy
// initialization) and never changes afterwards, so every function may be called from any
// thread, and the references and pointers they return stay valid until the program ends. If
// loading fails (a file missing or malformed, a code without a continent), the call throws
// std::runtime_error and the next call tries again.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/i18n/text.h"

namespace waishi::geo {

struct Country {
  std::string code;       // ISO 3166-1 alpha-2, upper case: "DE"
  std::string alpha3;     // ISO 3166-1 alpha-3: "DEU"
  std::string name_en;    // the short English name ("South Korea", "Bolivia", "Germany")
  std::string name_zh;    // the Chinese name in mainland usage ("德国", "中国香港")
  std::string continent;  // AF AN AS EU NA OC SA (seven-continent model)
};

// Every country, ordered by alpha-2 code.
const std::vector<Country>& AllCountries();

// The country with this alpha-2 code, or nullptr if there is none. The code is matched
// exactly: "de" and " DE" are not found (normalize user input before asking).
const Country* FindCountry(std::string_view alpha2);

// The country's name in each language; the code itself in both for an unknown code.
i18n::Text CountryName(std::string_view alpha2);

// Whether the code is in Latin America and the Caribbean as the UN statistics division defines
// it (M49 region 419: the Caribbean, Central America including Mexico, and South America — 52
// codes, dependencies included). False for an unknown code. Does not load the country list.
bool IsLatinAmerica(std::string_view alpha2);

// Whether the country's continent is Africa (AF). False for an unknown code.
bool IsAfrica(std::string_view alpha2);

namespace detail {

// Parses a GNU gettext message catalogue (.mo, either byte order) into msgid → msgstr, for
// exposure to tests. For a plural entry only the singular msgid and the first form are kept;
// the header entry (empty msgid) is skipped. A message with a context is keyed
// "context\x04msgid", as gettext does. Throws std::runtime_error if the data is not a valid .mo
// file or its charset is not UTF-8.
std::unordered_map<std::string, std::string> ParseMoCatalog(std::string_view bytes);

}  // namespace detail
}  // namespace waishi::geo
