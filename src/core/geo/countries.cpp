#include "core/geo/countries.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/json.h"
#include "core/resources.h"

namespace waishi::geo {
namespace {

// Data of Debian 12's iso-codes package (apt-get install iso-codes).
constexpr const char* kIsoCodesJsonPath = "/usr/share/iso-codes/json/iso_3166-1.json";
constexpr const char* kChineseCatalogPath = "/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo";
constexpr std::string_view kContinentsResource = "src/core/geo/continents.json";

// continents.json assigns each alpha-2 code one of the seven continents (AF Africa,
// AN Antarctica, AS Asia, EU Europe, NA North America with Central America and the Caribbean,
// OC Oceania, SA South America). For the countries that straddle two continents, or that
// other schemes place elsewhere, it follows common usage:
//   Russia EU, Turkey AS, Cyprus EU, Kazakhstan AS, Georgia / Armenia / Azerbaijan AS,
//   Egypt AF; Panama, Trinidad and Tobago, Aruba, Curaçao and Bonaire NA (Central America
//   and the Caribbean); French Guiana and the Falkland Islands SA; Greenland NA;
//   the uninhabited southern islands (Bouvet, South Georgia and the South Sandwich Islands,
//   Heard and McDonald, French Southern Territories) AN with Antarctica; Christmas and Cocos
//   Islands and the British Indian Ocean Territory AS; US Minor Outlying Islands OC.
constexpr std::array<std::string_view, 7> kContinents = {"AF", "AN", "AS", "EU", "NA", "OC", "SA"};

// UN M49 region 419 "Latin America and the Caribbean" (UN Statistics Division, Standard
// country or area codes for statistical use, https://unstats.un.org/unsd/methodology/m49/):
// its sub-regions Caribbean (029, 28 codes), Central America (013, 8, with Mexico) and South
// America (005, 16, with Bouvet Island and South Georgia, which continents.json puts in AN).
// The whole Caribbean is included, English- and Dutch-speaking states and dependencies too,
// since the "+1 day" for a trip to Latin America is about distance, not language.
constexpr std::array<std::string_view, 52> kLatinAmerica = {
    "AG", "AI", "AR", "AW", "BB", "BL", "BO", "BQ", "BR", "BS", "BV", "BZ", "CL",
    "CO", "CR", "CU", "CW", "DM", "DO", "EC", "FK", "GD", "GF", "GP", "GS", "GT",
    "GY", "HN", "HT", "JM", "KN", "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA",
    "PE", "PR", "PY", "SR", "SV", "SX", "TC", "TT", "UY", "VC", "VE", "VG", "VI"};
static_assert(std::ranges::is_sorted(kLatinAmerica), "binary search needs kLatinAmerica sorted");

// ---------------------------------------------------------------------------------------------
// GNU .mo catalogue
//
// Layout (GNU gettext manual, "The Format of GNU MO Files"): a header of 32-bit words
//   0 magic 0x950412de, written in the producer's byte order
//   1 file format revision (major in the high 16 bits: 0 or 1)
//   2 N, the number of strings
//   3 offset O of the table of original strings
//   4 offset T of the table of translations
//   5-6 size and offset of a hash table (not needed: we index the strings ourselves)
// Each table has N entries of (length, offset); a string is `length` bytes at `offset`, followed
// by a NUL. A plural entry holds its forms separated by NULs; a context precedes the msgid,
// separated by \x04.
// ---------------------------------------------------------------------------------------------

constexpr std::uint32_t kMoMagic = 0x950412de;

class MoReader {
 public:
  explicit MoReader(std::string_view bytes) : bytes_(bytes) {
    if (bytes_.size() < 28) throw std::runtime_error("gettext catalogue: file too short");
    if (Word(0, false) == kMoMagic) {
      big_endian_ = false;
    } else if (Word(0, true) == kMoMagic) {
      big_endian_ = true;
    } else {
      throw std::runtime_error("gettext catalogue: bad magic number");
    }
  }

  std::uint32_t WordAt(std::uint64_t offset) const { return Word(offset, big_endian_); }

  // The string described by the table entry at `entry_offset`.
  std::string_view StringAt(std::uint64_t entry_offset) const {
    const std::uint64_t length = WordAt(entry_offset);
    const std::uint64_t offset = WordAt(entry_offset + 4);
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      throw std::runtime_error("gettext catalogue: string out of bounds");
    }
    return bytes_.substr(offset, length);
  }

 private:
  std::uint32_t Word(std::uint64_t offset, bool big_endian) const {
    if (offset > bytes_.size() || bytes_.size() - offset < 4) {
      throw std::runtime_error("gettext catalogue: table out of bounds");
    }
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const auto byte = static_cast<std::uint8_t>(bytes_[offset + (big_endian ? i : 3 - i)]);
      value = (value << 8) | byte;
    }
    return value;
  }

  std::string_view bytes_;
  bool big_endian_ = false;
};

std::string_view FirstPart(std::string_view s) { return s.substr(0, s.find('\0')); }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The charset named by a catalogue header ("Content-Type: text/plain; charset=UTF-8"), or "" if
// it names none.
std::string HeaderCharset(std::string_view header) {
  constexpr std::string_view kKey = "charset=";
  const auto at = header.find(kKey);
  if (at == std::string_view::npos) return "";
  std::string charset;
  for (char c : header.substr(at + kKey.size())) {
    if (c == ';' || c == '\n' || c == ' ' || c == '\r' || c == '\t') break;
    charset.push_back(AsciiLower(c));
  }
  return charset;
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

std::string ReadFile(const std::string& path, std::string_view hint) {
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    throw std::runtime_error("cannot open " + path + " (" + std::string(hint) + ")");
  }
  std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  return data;
}

bool IsAlpha2(std::string_view code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

std::string RequiredString(const Json& entry, const char* key) {
  const auto it = entry.find(key);
  if (it == entry.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw std::runtime_error(std::string(kIsoCodesJsonPath) + ": an entry has no \"" + key +
                             "\": " + entry.dump());
  }
  return it->get<std::string>();
}

std::unordered_map<std::string, std::string> LoadContinents() {
  Json json;
  try {
    json = Json::parse(Resource(kContinentsResource));
  } catch (const Json::exception& e) {
    throw std::runtime_error(std::string(kContinentsResource) + ": " + e.what());
  }
  if (!json.is_object()) {
    throw std::runtime_error(std::string(kContinentsResource) + ": not a JSON object");
  }
  std::unordered_map<std::string, std::string> continents;
  for (const auto& [code, value] : json.items()) {
    if (!value.is_string() ||
        std::ranges::find(kContinents, value.get_ref<const std::string&>()) == kContinents.end()) {
      throw std::runtime_error(std::string(kContinentsResource) + ": " + code +
                               " has no continent code: " + value.dump());
    }
    continents.emplace(code, value.get<std::string>());
  }
  return continents;
}

// Chinese names that replace the catalogue's.
//  - Hong Kong, Macao, Taiwan: the zh_CN catalogue says "香港", "澳门" and "中国台湾省". In a
//    list where they sit beside foreign countries, mainland usage marks them as parts of China
//    and writes 中国香港, 中国澳门, 中国台湾 (Xinhua's 《新闻信息报道中的禁用词和慎用词》 asks
//    never to put them on a par with countries). They stay in the list because a trip there is 出境
//    and goes through this office.
//  - The others: the catalogue has a Taiwanese or dated form (柬埔塞, 梵地冈, 瓜地马拉), a
//    misspelling, or a wrong translation of the common name (its "Bolivia" is 波利维亚). These
//    are the mainland standard names: for states as the Ministry of Foreign Affairs writes them
//    on its country pages (fmprc.gov.cn, 国家和组织), for territories as Xinhua does.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kChineseNameOverrides = {{
    {"BD", "孟加拉国"},
    {"BO", "玻利维亚"},
    {"BV", "布韦岛"},
    {"BW", "博茨瓦纳"},
    {"GS", "南乔治亚和南桑威奇群岛"},
    {"GT", "危地马拉"},
    {"HK", "中国香港"},
    {"KG", "吉尔吉斯斯坦"},
    {"KH", "柬埔寨"},
    {"LC", "圣卢西亚"},
    {"MO", "中国澳门"},
    {"PF", "法属波利尼西亚"},
    {"SM", "圣马力诺"},
    {"TW", "中国台湾"},
    {"VA", "梵蒂冈"},
}};

std::vector<Country> LoadCountries() {
  const std::string json_text =
      ReadFile(kIsoCodesJsonPath, "is the Debian package iso-codes installed?");
  const std::string mo_bytes =
      ReadFile(kChineseCatalogPath,
               "is iso-codes installed with its translations? minimal images may exclude "
               "/usr/share/locale through a dpkg path-exclude rule");
  const auto chinese = detail::ParseMoCatalog(mo_bytes);
  const auto continents = LoadContinents();

  Json json;
  try {
    json = Json::parse(json_text);
  } catch (const Json::exception& e) {
    throw std::runtime_error(std::string(kIsoCodesJsonPath) + ": " + e.what());
  }
  const auto list = json.find("3166-1");
  if (list == json.end() || !list->is_array()) {
    throw std::runtime_error(std::string(kIsoCodesJsonPath) + ": no \"3166-1\" array");
  }

  std::vector<Country> countries;
  countries.reserve(list->size());
  for (const Json& entry : *list) {
    if (!entry.is_object()) {
      throw std::runtime_error(std::string(kIsoCodesJsonPath) + ": an entry is not an object");
    }
    Country country;
    country.code = RequiredString(entry, "alpha_2");
    if (!IsAlpha2(country.code)) {
      throw std::runtime_error(std::string(kIsoCodesJsonPath) + ": bad alpha-2 code " +
                               country.code);
    }
    country.alpha3 = RequiredString(entry, "alpha_3");
    // "name" is the ISO short name ("Korea, Republic of"); "common_name", present for a few
    // entries, is what people say ("South Korea") and is preferred for display.
    const std::string iso_name = RequiredString(entry, "name");
    country.name_en =
        entry.contains("common_name") ? RequiredString(entry, "common_name") : iso_name;
    // The catalogue translates both the ISO name and the common name. The common name's
    // translation is what people say (韩国, 朝鲜, 伊朗 rather than 大韩民国,
    // 朝鲜民主主义人民共和国, 伊朗伊斯兰共和国), so it is preferred; the few wrong ones are in
    // kChineseNameOverrides.
    const auto translation = [&chinese](const std::string& msgid) -> const std::string* {
      const auto it = chinese.find(msgid);
      return it != chinese.end() && !it->second.empty() ? &it->second : nullptr;
    };
    const std::string* name_zh =
        entry.contains("common_name") ? translation(country.name_en) : nullptr;
    if (name_zh == nullptr) name_zh = translation(iso_name);
    country.name_zh = name_zh != nullptr ? *name_zh : country.name_en;
    for (const auto& [code, name_zh] : kChineseNameOverrides) {
      if (country.code == code) country.name_zh = name_zh;
    }
    const auto continent = continents.find(country.code);
    if (continent == continents.end()) {
      throw std::runtime_error(std::string(kContinentsResource) + " has no continent for " +
                               country.code + " (" + country.name_en +
                               "): a newer iso-codes? add it");
    }
    country.continent = continent->second;
    countries.push_back(std::move(country));
  }

  std::ranges::sort(countries, {}, &Country::code);
  const auto duplicate = std::ranges::adjacent_find(countries, {}, &Country::code);
  if (duplicate != countries.end()) {
    throw std::runtime_error(std::string(kIsoCodesJsonPath) + ": code " + duplicate->code +
                             " appears twice");
  }
  return countries;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

const std::vector<Country>& AllCountries() {
  // A function-local static is initialized once even when threads race ([stmt.dcl]/4); if
  // LoadCountries throws, the next call tries again.
  static const std::vector<Country> countries = LoadCountries();
  return countries;
}

const Country* FindCountry(std::string_view alpha2) {
  const auto& countries = AllCountries();
  const auto it = std::ranges::lower_bound(countries, alpha2, {}, &Country::code);
  return it != countries.end() && it->code == alpha2 ? &*it : nullptr;
}

bool IsLatinAmerica(std::string_view alpha2) {
  return std::ranges::binary_search(kLatinAmerica, alpha2);
}

bool IsAfrica(std::string_view alpha2) {
  const Country* country = FindCountry(alpha2);
  return country != nullptr && country->continent == "AF";
}

namespace detail {

std::unordered_map<std::string, std::string> ParseMoCatalog(std::string_view bytes) {
  const MoReader mo(bytes);
  const std::uint32_t major_revision = mo.WordAt(4) >> 16;
  if (major_revision > 1) {
    throw std::runtime_error("gettext catalogue: unknown format revision " +
                             std::to_string(major_revision));
  }
  const std::uint64_t count = mo.WordAt(8);
  const std::uint64_t originals = mo.WordAt(12);
  const std::uint64_t translations = mo.WordAt(16);

  std::unordered_map<std::string, std::string> catalog;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string_view msgid = FirstPart(mo.StringAt(originals + 8 * i));
    const std::string_view msgstr = FirstPart(mo.StringAt(translations + 8 * i));
    if (msgid.empty()) {
      // The header: refuse a catalogue whose strings would not be UTF-8.
      const std::string charset = HeaderCharset(msgstr);
      if (!charset.empty() && charset != "utf-8") {
        throw std::runtime_error("gettext catalogue: charset " + charset + ", not UTF-8");
      }
      continue;
    }
    catalog.emplace(msgid, msgstr);
  }
  return catalog;
}

}  // namespace detail
i18n::Text CountryName(std::string_view alpha2) {
  const Country* c = FindCountry(alpha2);
  const std::string code(alpha2);
  return c ? i18n::Text{c->name_zh, c->name_en} : i18n::Text{code, code};
}

}  // namespace waishi::geo
