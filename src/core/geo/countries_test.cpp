#include "core/geo/countries.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/resources.h"

namespace waishi::geo {
namespace {

const std::set<std::string> kContinentCodes = {"AF", "AN", "AS", "EU", "NA", "OC", "SA"};

// ---------------------------------------------------------------------------------------------
// The list from iso-codes (Debian 12 ships iso-codes 4.15.0, 249 entries)
// ---------------------------------------------------------------------------------------------

TEST(Countries, LoadsAllOfIso3166) {
  const auto& countries = AllCountries();
  EXPECT_EQ(countries.size(), 249u);
  for (size_t i = 1; i < countries.size(); ++i) {
    EXPECT_LT(countries[i - 1].code, countries[i].code) << "sorted and unique";
  }
}

TEST(Countries, EveryCountryIsComplete) {
  for (const Country& c : AllCountries()) {
    SCOPED_TRACE(c.code);
    EXPECT_EQ(c.code.size(), 2u);
    EXPECT_EQ(c.alpha3.size(), 3u);
    EXPECT_FALSE(c.name_en.empty());
    EXPECT_FALSE(c.name_zh.empty());
    EXPECT_TRUE(kContinentCodes.contains(c.continent)) << c.continent;
    // The zh_CN catalogue translates every name; an English fallback here would mean the
    // catalogue was not read.
    EXPECT_NE(c.name_zh, c.name_en);
  }
}

TEST(Countries, ContinentsJsonCoversExactlyTheIsoCodes) {
  const Json continents = Json::parse(Resource("src/core/geo/continents.json"));
  std::set<std::string> in_json;
  for (const auto& [code, continent] : continents.items()) in_json.insert(code);
  std::set<std::string> in_iso;
  for (const Country& c : AllCountries()) in_iso.insert(c.code);
  EXPECT_EQ(in_json, in_iso);
}

TEST(Countries, Germany) {
  const Country* de = FindCountry("DE");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ(de->code, "DE");
  EXPECT_EQ(de->alpha3, "DEU");
  EXPECT_EQ(de->name_en, "Germany");
  EXPECT_EQ(de->name_zh, "德国");
  EXPECT_EQ(de->continent, "EU");
}

TEST(Countries, SouthAfrica) {
  const Country* za = FindCountry("ZA");
  ASSERT_NE(za, nullptr);
  EXPECT_EQ(za->name_zh, "南非");
  EXPECT_EQ(za->continent, "AF");
  EXPECT_TRUE(IsAfrica("ZA"));
  EXPECT_FALSE(IsLatinAmerica("ZA"));
}

TEST(Countries, BrazilAndMexicoAreLatinAmerica) {
  ASSERT_NE(FindCountry("BR"), nullptr);
  EXPECT_EQ(FindCountry("BR")->continent, "SA");
  EXPECT_TRUE(IsLatinAmerica("BR"));
  ASSERT_NE(FindCountry("MX"), nullptr);
  EXPECT_EQ(FindCountry("MX")->continent, "NA");
  EXPECT_TRUE(IsLatinAmerica("MX"));
}

TEST(Countries, NorthernAmericaIsNotLatinAmerica) {
  EXPECT_EQ(FindCountry("US")->continent, "NA");
  EXPECT_FALSE(IsLatinAmerica("US"));
  EXPECT_FALSE(IsLatinAmerica("CA"));
  EXPECT_FALSE(IsLatinAmerica("BM"));
  EXPECT_FALSE(IsLatinAmerica("GL"));
  EXPECT_FALSE(IsLatinAmerica("ES"));
  EXPECT_FALSE(IsLatinAmerica("PT"));
}

TEST(Countries, Japan) {
  ASSERT_NE(FindCountry("JP"), nullptr);
  EXPECT_EQ(FindCountry("JP")->continent, "AS");
  EXPECT_EQ(FindCountry("JP")->name_zh, "日本");
}

TEST(Countries, HongKongMacaoTaiwanCarryChinaInTheirChineseNames) {
  ASSERT_NE(FindCountry("HK"), nullptr);
  EXPECT_EQ(FindCountry("HK")->name_zh, "中国香港");
  EXPECT_EQ(FindCountry("HK")->continent, "AS");
  ASSERT_NE(FindCountry("MO"), nullptr);
  EXPECT_EQ(FindCountry("MO")->name_zh, "中国澳门");
  ASSERT_NE(FindCountry("TW"), nullptr);
  EXPECT_EQ(FindCountry("TW")->name_zh, "中国台湾");
  EXPECT_EQ(FindCountry("CN")->name_zh, "中国");
}

TEST(Countries, EnglishNamePrefersTheCommonName) {
  EXPECT_EQ(FindCountry("KR")->name_en, "South Korea");
  EXPECT_EQ(FindCountry("KP")->name_en, "North Korea");
  EXPECT_EQ(FindCountry("VN")->name_en, "Vietnam");
  EXPECT_EQ(FindCountry("TW")->name_en, "Taiwan");
  EXPECT_EQ(FindCountry("GB")->name_en, "United Kingdom");
}

TEST(Countries, ChineseNamePrefersTheTranslatedCommonName) {
  EXPECT_EQ(FindCountry("KR")->name_zh, "韩国");
  EXPECT_EQ(FindCountry("KP")->name_zh, "朝鲜");
  EXPECT_EQ(FindCountry("IR")->name_zh, "伊朗");
  EXPECT_EQ(FindCountry("LA")->name_zh, "老挝");
  // The catalogue's translation of "Bolivia" is misspelt (波利维亚): overridden.
  EXPECT_EQ(FindCountry("BO")->name_zh, "玻利维亚");
}

TEST(Countries, MainlandStandardNamesOverrideTheCatalogue) {
  const std::pair<const char*, const char*> expected[] = {
      {"KH", "柬埔寨"},         {"VA", "梵蒂冈"},
      {"GT", "危地马拉"},       {"LC", "圣卢西亚"},
      {"BW", "博茨瓦纳"},       {"KG", "吉尔吉斯斯坦"},
      {"PF", "法属波利尼西亚"}, {"SM", "圣马力诺"},
      {"BD", "孟加拉国"},       {"GS", "南乔治亚和南桑威奇群岛"},
      {"BV", "布韦岛"}};
  for (const auto& [code, name_zh] : expected) {
    ASSERT_NE(FindCountry(code), nullptr) << code;
    EXPECT_EQ(FindCountry(code)->name_zh, name_zh) << code;
  }
}

TEST(Countries, ContinentChoicesForTranscontinentalCountries) {
  EXPECT_EQ(FindCountry("RU")->continent, "EU");
  EXPECT_EQ(FindCountry("TR")->continent, "AS");
  EXPECT_EQ(FindCountry("CY")->continent, "EU");
  EXPECT_EQ(FindCountry("KZ")->continent, "AS");
  EXPECT_EQ(FindCountry("GE")->continent, "AS");
  EXPECT_EQ(FindCountry("AM")->continent, "AS");
  EXPECT_EQ(FindCountry("AZ")->continent, "AS");
  EXPECT_EQ(FindCountry("EG")->continent, "AF");
  EXPECT_TRUE(IsAfrica("EG"));
}

TEST(Countries, UnknownCodesAreNotFound) {
  EXPECT_EQ(FindCountry("XX"), nullptr);
  EXPECT_EQ(FindCountry("de"), nullptr);
  EXPECT_EQ(FindCountry("De"), nullptr);
  EXPECT_EQ(FindCountry(""), nullptr);
  EXPECT_EQ(FindCountry("D"), nullptr);
  EXPECT_EQ(FindCountry("DEU"), nullptr);
  EXPECT_EQ(FindCountry("DE "), nullptr);
  EXPECT_FALSE(IsAfrica("XX"));
  EXPECT_FALSE(IsAfrica("za"));
  EXPECT_FALSE(IsLatinAmerica("XX"));
  EXPECT_FALSE(IsLatinAmerica("br"));
  EXPECT_FALSE(IsLatinAmerica(""));
}

TEST(Countries, LatinAmericaIsUnM49Region419) {
  int count = 0;
  for (const Country& c : AllCountries()) {
    if (!IsLatinAmerica(c.code)) continue;
    ++count;
    SCOPED_TRACE(c.code);
    if (c.code == "BV" || c.code == "GS") {
      EXPECT_EQ(c.continent, "AN");  // uninhabited; M49 counts them in South America
    } else {
      EXPECT_TRUE(c.continent == "NA" || c.continent == "SA") << c.continent;
    }
  }
  EXPECT_EQ(count, 52);  // every code of the list is a known country
  EXPECT_TRUE(IsLatinAmerica("CU"));
  EXPECT_TRUE(IsLatinAmerica("PA"));
  EXPECT_TRUE(IsLatinAmerica("JM"));  // the whole Caribbean, English-speaking too
  EXPECT_TRUE(IsLatinAmerica("AR"));
}

TEST(Countries, IsAfricaFollowsTheContinent) {
  int count = 0;
  for (const Country& c : AllCountries()) {
    EXPECT_EQ(IsAfrica(c.code), c.continent == "AF") << c.code;
    count += IsAfrica(c.code) ? 1 : 0;
  }
  EXPECT_EQ(count, 58);  // 54 states, Western Sahara, Réunion, Mayotte, Saint Helena
  EXPECT_FALSE(IsAfrica("DE"));
}

// ---------------------------------------------------------------------------------------------
// The .mo parser, on catalogues built here in both byte orders
// ---------------------------------------------------------------------------------------------

using Entries = std::vector<std::pair<std::string, std::string>>;

void PutWord(std::string& out, std::uint32_t value, bool big_endian) {
  for (int i = 0; i < 4; ++i) {
    const int shift = big_endian ? 24 - 8 * i : 8 * i;
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

// A .mo file as GNU msgfmt lays it out, without a hash table.
std::string BuildMo(const Entries& entries, bool big_endian) {
  const auto n = static_cast<std::uint32_t>(entries.size());
  const std::uint32_t originals = 28;
  const std::uint32_t translations = originals + 8 * n;
  std::uint32_t next_string = translations + 8 * n;
  std::string header, tables, strings;
  PutWord(header, 0x950412de, big_endian);
  PutWord(header, 0, big_endian);
  PutWord(header, n, big_endian);
  PutWord(header, originals, big_endian);
  PutWord(header, translations, big_endian);
  PutWord(header, 0, big_endian);
  PutWord(header, 0, big_endian);
  std::string original_table, translation_table;
  auto add = [&](std::string& table, const std::string& s) {
    PutWord(table, static_cast<std::uint32_t>(s.size()), big_endian);
    PutWord(table, next_string, big_endian);
    strings += s;
    strings.push_back('\0');
    next_string += static_cast<std::uint32_t>(s.size() + 1);
  };
  for (const auto& [id, str] : entries) add(original_table, id);
  for (const auto& [id, str] : entries) add(translation_table, str);
  return header + original_table + translation_table + strings;
}

const Entries kSample = {
    {"", "Content-Type: text/plain; charset=UTF-8\nLanguage: zh_CN\n"},
    {"Germany", "德国"},
    {std::string("file\0files", 10), std::string("文件\0文件们", 17)},
    {"menu\x04Open", "打开"},
    {"Untranslated", ""},
};

TEST(MoCatalog, ReadsBothByteOrders) {
  for (bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "big endian" : "little endian");
    const auto catalog = detail::ParseMoCatalog(BuildMo(kSample, big_endian));
    EXPECT_EQ(catalog.size(), 4u);  // the header is not a message
    EXPECT_EQ(catalog.at("Germany"), "德国");
    EXPECT_EQ(catalog.at("file"), "文件");  // plural: singular msgid, first form
    EXPECT_EQ(catalog.at("menu\x04Open"), "打开");
    EXPECT_EQ(catalog.at("Untranslated"), "");
    EXPECT_FALSE(catalog.contains(""));
  }
}

TEST(MoCatalog, RejectsWhatIsNotACatalogue) {
  const std::string good = BuildMo(kSample, false);
  EXPECT_THROW(detail::ParseMoCatalog(""), std::runtime_error);
  EXPECT_THROW(detail::ParseMoCatalog(good.substr(0, 20)), std::runtime_error);
  EXPECT_THROW(detail::ParseMoCatalog(good.substr(0, good.size() - 10)), std::runtime_error);

  std::string bad_magic = good;
  bad_magic[0] = 'x';
  EXPECT_THROW(detail::ParseMoCatalog(bad_magic), std::runtime_error);

  std::string new_revision = good;
  new_revision[6] = 2;  // major revision 2 (little-endian word at offset 4)
  EXPECT_THROW(detail::ParseMoCatalog(new_revision), std::runtime_error);

  std::string huge_count = good;
  huge_count[8] = huge_count[9] = huge_count[10] = huge_count[11] = '\xff';
  EXPECT_THROW(detail::ParseMoCatalog(huge_count), std::runtime_error);
}

TEST(MoCatalog, RejectsACharsetOtherThanUtf8) {
  const Entries latin1 = {{"", "Content-Type: text/plain; charset=ISO-8859-1\n"}, {"a", "b"}};
  EXPECT_THROW(detail::ParseMoCatalog(BuildMo(latin1, false)), std::runtime_error);
  const Entries lower = {{"", "Content-Type: text/plain; charset=utf-8\n"}, {"a", "b"}};
  EXPECT_EQ(detail::ParseMoCatalog(BuildMo(lower, true)).at("a"), "b");
}

TEST(MoCatalog, ReadsTheInstalledChineseCatalogue) {
  std::ifstream in("/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo", std::ios::binary);
  ASSERT_TRUE(in.is_open());
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto catalog = detail::ParseMoCatalog(bytes);
  EXPECT_EQ(catalog.at("Germany"), "德国");
  EXPECT_EQ(catalog.at("Hong Kong"), "香港");  // hence the override
}

}  // namespace
}  // namespace waishi::geo
