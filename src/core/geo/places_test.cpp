// The gazetteer on both engines: a small file in the shape scripts/places.mjs writes, loaded,
// then searched by English, ASCII, Chinese and former names, by prefix and substring, within a
// country, with wildcards typed as text; a reload replaces the content and keeps the ids.
#include "core/geo/places.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/scratch_database.h"
#include "core/error.h"

namespace waishi::geo {
namespace {

constexpr const char* kHeader =
    "id,country,name_en,name_zh,ascii_name,admin,lat,lon,population,other_names\n";

// Real GeoNames rows (ids, coordinates, populations), and two made up to hold wildcards.
constexpr const char* kPlaces =
    "1850147,JP,Tokyo,东京,Tokyo,Tokyo,35.6895,139.69171,8336599,東京|東京都\n"
    "1853909,JP,Osaka,大阪,Osaka,Osaka,34.69374,135.50218,2592413,大阪市\n"
    "3247449,DE,Aachen,亚琛,Aachen,North Rhine-Westphalia,50.77664,6.08342,265208,阿臣\n"
    "2925533,DE,Frankfurt am Main,法兰克福,Frankfurt am Main,Hesse,50.11552,8.68417,650000,\n"
    "2925535,DE,Frankfurt (Oder),,Frankfurt (Oder),Brandenburg,52.34714,14.55062,57015,\n"
    "3868626,CL,Valparaíso,瓦尔帕莱索,Valparaiso,Valparaiso,-33.036,-71.62963,282448,\n"
    "964420,ZA,Gqeberha,伊莉莎白港,Gqeberha,Eastern Cape,-33.96109,25.61494,967677,Port Elizabeth\n"
    "9000001,XA,\"100% Town, \"\"Quoted\"\"\",,100% Town,,1.5,2.5,1200,\n"
    "9000002,XA,A_B's Place,,A_B's Place,,1.5,2.5,1100,\n"
    "9000003,XA,AxBs Place,,AxBs Place,,1.5,2.5,1300,\n";

std::vector<std::string> Names(const std::vector<Place>& places) {
  std::vector<std::string> names;
  for (const Place& p : places) names.push_back(p.name_en);
  return names;
}

class PlacesTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    WAISHI_SKIP_WITHOUT_ENGINE(GetParam());
    scratch_ = std::make_unique<db::ScratchDatabase>(GetParam());
    db_ = db::Database::Open(scratch_->url(), 1);
    db_->Migrate("core", "migrations/core/");
    static int count = 0;
    file_ = std::filesystem::path(::testing::TempDir()) /
            ("places-" + std::to_string(::getpid()) + "-" + std::to_string(++count) + ".csv");
    Write(std::string(kHeader) + kPlaces);
    const LoadResult r = LoadPlaces(*db_, file_);
    EXPECT_EQ(r.places, 10);
    EXPECT_EQ(r.with_zh, 6);
  }
  void TearDown() override {
    db_.reset();
    scratch_.reset();
    std::filesystem::remove(file_);
  }
  void Write(const std::string& text) { std::ofstream(file_, std::ios::binary) << text; }
  std::vector<Place> Search(std::string text, std::string country = "", int limit = 10) {
    return db_->Read([&](db::Session& s) {
      return SearchPlaces(s, PlaceQuery{std::move(text), std::move(country), limit});
    });
  }

  std::unique_ptr<db::ScratchDatabase> scratch_;
  std::unique_ptr<db::Database> db_;
  std::filesystem::path file_;
};

TEST_P(PlacesTest, ChineseAndEnglishNamesFindTheSamePlace) {
  const auto by_zh = Search("东京");
  ASSERT_EQ(by_zh.size(), 1u);
  EXPECT_EQ(by_zh[0].id, 1850147);
  EXPECT_EQ(by_zh[0].country, "JP");
  EXPECT_EQ(by_zh[0].name_zh, "东京");
  EXPECT_NEAR(by_zh[0].lat, 35.6895, 1e-9);
  EXPECT_NEAR(by_zh[0].lon, 139.69171, 1e-9);
  EXPECT_EQ(by_zh[0].population, 8336599);
  const auto by_en = Search("tokyo");
  ASSERT_EQ(by_en.size(), 1u);
  EXPECT_EQ(by_en[0].id, 1850147);
  // The traditional form GeoNames lists, searched but not shown.
  EXPECT_EQ(Names(Search("東京")), std::vector<std::string>{"Tokyo"});
}

TEST_P(PlacesTest, PrefixAndSubstringMostPopulousFirst) {
  EXPECT_EQ(Names(Search("Aach")), std::vector<std::string>{"Aachen"});
  EXPECT_EQ(Names(Search("FRANKFURT")),
            (std::vector<std::string>{"Frankfurt am Main", "Frankfurt (Oder)"}));
  EXPECT_EQ(Names(Search("am main")), std::vector<std::string>{"Frankfurt am Main"});
  EXPECT_EQ(Names(Search("frankfurt", "", 1)), std::vector<std::string>{"Frankfurt am Main"});
}

TEST_P(PlacesTest, AccentsFormerNamesAndRegions) {
  EXPECT_EQ(Names(Search("valparaiso")), std::vector<std::string>{"Valparaíso"});
  EXPECT_EQ(Names(Search("Valparaíso")), std::vector<std::string>{"Valparaíso"});
  EXPECT_EQ(Names(Search("Port Elizabeth")), std::vector<std::string>{"Gqeberha"});
  const auto aachen = Search("Aachen");
  ASSERT_EQ(aachen.size(), 1u);
  EXPECT_EQ(aachen[0].admin, "North Rhine-Westphalia");
  // The region is shown, not searched.
  EXPECT_TRUE(Search("Westphalia").empty());
}

TEST_P(PlacesTest, CountryFilter) {
  EXPECT_EQ(Names(Search("a", "JP")), (std::vector<std::string>{"Osaka"}));
  EXPECT_EQ(Names(Search("o", "JP")), (std::vector<std::string>{"Tokyo", "Osaka"}));
  EXPECT_TRUE(Search("Tokyo", "DE").empty());
}

TEST_P(PlacesTest, WildcardsAreText) {
  EXPECT_EQ(Names(Search("100%")), std::vector<std::string>{"100% Town, \"Quoted\""});
  EXPECT_TRUE(Search("%").size() == 1);
  // _ is not "any character": AxBs Place does not match.
  EXPECT_EQ(Names(Search("a_b")), std::vector<std::string>{"A_B's Place"});
  EXPECT_EQ(Names(Search("'s pl")), std::vector<std::string>{"A_B's Place"});
  EXPECT_TRUE(Search("\\").empty());
  EXPECT_TRUE(Search("").empty());
}

TEST_P(PlacesTest, FindAndRequire) {
  auto tokyo = db_->Read([](db::Session& s) { return FindPlace(s, 1850147); });
  ASSERT_TRUE(tokyo);
  EXPECT_EQ(tokyo->name_en, "Tokyo");
  EXPECT_FALSE(db_->Read([](db::Session& s) { return FindPlace(s, 1); }));
  try {
    db_->Read([](db::Session& s) { return RequirePlace(s, 1, "city_id"); });
    FAIL() << "no 422";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    ASSERT_EQ(e.details().size(), 1u);
    EXPECT_EQ(e.details()[0].field, "city_id");
    EXPECT_EQ(e.details()[0].rule, "place.unknown");
  }
}

TEST_P(PlacesTest, PlaceNamedByAnyOfItsNamesInItsCountry) {
  auto named = [&](std::string country, std::string name) -> long long {
    const auto p = db_->Read([&](db::Session& s) { return PlaceNamed(s, country, name); });
    return p ? p->id : 0;
  };
  EXPECT_EQ(named("JP", "Tokyo"), 1850147);
  EXPECT_EQ(named("JP", "TOKYO"), 1850147);
  EXPECT_EQ(named("JP", "东京"), 1850147);
  EXPECT_EQ(named("JP", "東京都"), 1850147);
  EXPECT_EQ(named("CL", "Valparaiso"), 3868626);
  EXPECT_EQ(named("ZA", "Port Elizabeth"), 964420);
  // A name begins a longer English name: the most populous.
  EXPECT_EQ(named("DE", "Frankfurt"), 2925533);
  EXPECT_EQ(named("DE", "Frankfurt (Oder)"), 2925535);
  // Part of a name is not the name; the wrong country finds nothing.
  EXPECT_EQ(named("JP", "Toky"), 0);
  EXPECT_EQ(named("DE", "am Main"), 0);
  EXPECT_EQ(named("DE", "Tokyo"), 0);
  EXPECT_EQ(named("JP", ""), 0);
  EXPECT_EQ(named("XA", "%"), 0);
}

TEST_P(PlacesTest, ReloadReplacesTheContentAndKeepsIds) {
  Write(std::string(kHeader) + "1850147,JP,Tokyo,东京,Tokyo,Tokyo,35.6895,139.69171,9000000,\n");
  EXPECT_EQ(LoadPlaces(*db_, file_).places, 1);
  EXPECT_TRUE(Search("Aachen").empty());
  const auto tokyo = Search("Tokyo");
  ASSERT_EQ(tokyo.size(), 1u);
  EXPECT_EQ(tokyo[0].id, 1850147);
  EXPECT_EQ(tokyo[0].population, 9000000);
}

TEST_P(PlacesTest, AMalformedFileReplacesNothing) {
  for (const std::string& bad :
       {std::string("id,name\n1,x\n"), std::string(kHeader) + "1,JP,Tokyo,,,,91,0,0,\n",
        std::string(kHeader) + "1,jp,Tokyo,,,,1,1,0,\n",
        std::string(kHeader) + "1,JP,Tokyo,,,,1,1,-5,\n", std::string(kHeader)}) {
    Write(bad);
    EXPECT_THROW(LoadPlaces(*db_, file_), std::runtime_error) << bad;
  }
  EXPECT_EQ(Names(Search("Aachen")), std::vector<std::string>{"Aachen"});
}

INSTANTIATE_TEST_SUITE_P(Engines, PlacesTest, db::kBothEngines, db::EngineName);

TEST(PlacesPatternTest, EscapesWildcardsAndLowersAscii) {
  EXPECT_EQ(detail::ContainsPattern("Aach"), "%aach%");
  EXPECT_EQ(detail::ContainsPattern("a%b_c\\d'"), "%a\\%b\\_c\\\\d'%");
  EXPECT_EQ(detail::ContainsPattern("东京"), "%东京%");
}

TEST(PlacesPatternTest, SearchTextHoldsEveryNameOnItsOwnLine) {
  Place p;
  p.name_en = "Valparaíso";
  p.ascii_name = "Valparaiso";
  p.name_zh = "瓦尔帕莱索";
  EXPECT_EQ(detail::SearchText(p, "瓦爾帕萊索||Old Name"),
            "valparaíso\nvalparaiso\n瓦尔帕莱索\n瓦爾帕萊索\nold name");
}

}  // namespace
}  // namespace waishi::geo
