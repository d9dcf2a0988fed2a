// A partner city's checks and the key its duplicates are found by.
#include "network/cities.h"

#include <gtest/gtest.h>

#include <cmath>

namespace waishi::network {
namespace {

City Good() {
  return City{"亚琛市", "Aachen", "Aachen", "DE",     "Nordrhein-Westfalen",
              50.7753,  6.0839,   249'000,  "sister", "1986-09-22",
              "active", ""};
}

std::vector<std::string> Rules(const City& c) {
  std::vector<std::string> out;
  for (const FieldError& e : Check(c, *calendar::Date::Parse("2026-12-03")))
    out.push_back(e.field + " " + e.rule);
  return out;
}

TEST(PartnerCityTest, AGoodCityHasNoErrors) { EXPECT_TRUE(Rules(Good()).empty()); }

TEST(PartnerCityTest, EachBadFieldIsNamedWithItsRule) {
  City c = Good();
  c.name_zh = "";
  c.country = "XX";
  c.lat = NAN;
  c.lon = 180.5;
  c.population = -1;
  c.tier = "twin";
  c.established = "1986-02-30";
  EXPECT_EQ(Rules(c), (std::vector<std::string>{"name_zh network.name", "country country",
                                                "lat network.latitude", "lon network.longitude",
                                                "population network.population",
                                                "tier network.tier", "established type.date"}));
}

TEST(PartnerCityTest, TheDateEstablishedMayBeTodayButNotLater) {
  City c = Good();
  c.established = "2026-12-03";
  EXPECT_TRUE(Rules(c).empty());
  c.established = "2026-12-04";
  EXPECT_EQ(Rules(c), (std::vector<std::string>{"established network.established_future"}));
}

TEST(PartnerCityTest, TheKeyOfAnEnglishNameIgnoresCaseAndBlanks) {
  EXPECT_EQ(NameKey("Nelson Mandela Bay"), "nelson mandela bay");
  EXPECT_EQ(NameKey("  NELSON   mandela\tBAY "), "nelson mandela bay");
  EXPECT_NE(NameKey("Nelson Mandela Bay"), NameKey("NelsonMandela Bay"));
  EXPECT_EQ(NameKey(""), "");
}

}  // namespace
}  // namespace waishi::network
