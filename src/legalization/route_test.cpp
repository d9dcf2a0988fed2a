#include "legalization/route.h"

#include <gtest/gtest.h>

namespace waishi::legalization {
namespace {

Destination Party(std::string code, std::string name_en, std::optional<std::string> since,
                  bool objects = false) {
  return Destination{std::move(code), "某国", std::move(name_en), std::move(since), objects};
}

TEST(LegalizationRoute, AnOldPartyTakesAnApostilleSinceChinasOwnDate) {
  const Decision d = Decide(Party("DE", "Germany", "1966-02-13"), "2026-12-01");
  EXPECT_EQ(d.route, Route::kApostille);
  EXPECT_EQ(d.reason.en,
            "Germany: the Convention is in force between China and Germany since 2023-11-07 — "
            "apostille.");
  EXPECT_NE(d.reason.zh.find("2023-11-07"), std::string::npos);
}

TEST(LegalizationRoute, APartyThatObjectedToChinasAccessionNeedsLegalization) {
  const Decision d = Decide(Party("IN", "India", "2005-07-14", true), "2026-12-01");
  EXPECT_EQ(d.route, Route::kLegalization);
  EXPECT_EQ(d.reason.en,
            "India: the Convention is not in force between China and India — consular "
            "legalization.");
}

TEST(LegalizationRoute, AStateOutsideTheConventionNeedsLegalization) {
  const Decision d = Decide(Party("AE", "United Arab Emirates", std::nullopt), "2026-12-01");
  EXPECT_EQ(d.route, Route::kLegalization);
  EXPECT_EQ(d.reason.en,
            "United Arab Emirates is not a party to the Apostille Convention — consular "
            "legalization.");
}

// In force for the party from its own date when that is after China's, and not a day before.
TEST(LegalizationRoute, ALaterPartyTakesApostillesFromItsOwnDate) {
  const Destination dz = Party("DZ", "Algeria", "2026-07-09");
  EXPECT_EQ(Decide(dz, "2026-07-08").route, Route::kLegalization);
  EXPECT_EQ(Decide(dz, "2026-07-08").reason.en,
            "Algeria: the Convention applies between China and Algeria from 2026-07-09; until "
            "then, consular legalization.");
  EXPECT_EQ(Decide(dz, "2026-07-09").route, Route::kApostille);
}

TEST(LegalizationRoute, BeforeChinasEntryIntoForceEveryPartyNeededLegalization) {
  const Destination jp = Party("JP", "Japan", "1970-07-27");
  EXPECT_EQ(Decide(jp, "2023-11-06").route, Route::kLegalization);
  EXPECT_EQ(Decide(jp, "2023-11-07").route, Route::kApostille);
}

TEST(LegalizationRoute, HongKongAndMacaoTakeApostilles) {
  for (const char* code : {"HK", "MO"}) {
    const Decision d = Decide(Party(code, "Hong Kong", std::nullopt), "2026-12-01");
    EXPECT_EQ(d.route, Route::kApostille) << code;
  }
}

TEST(LegalizationRoute, RouteNames) {
  EXPECT_EQ(RouteName(Route::kApostille), "apostille");
  EXPECT_EQ(RouteName(Route::kLegalization), "legalization");
}

TEST(LegalizationFees, RouteFeeThenCopiesAfterTheFirstThenUrgency) {
  const FeeSchedule fees{5000, 8000, 2000, 5000};
  EXPECT_EQ(DocumentFee(fees, Route::kApostille, 1, false), 5000);
  EXPECT_EQ(DocumentFee(fees, Route::kLegalization, 1, false), 8000);
  EXPECT_EQ(DocumentFee(fees, Route::kApostille, 3, false), 5000 + 2 * 2000);
  EXPECT_EQ(DocumentFee(fees, Route::kLegalization, 2, true), 8000 + 2000 + 5000);
  EXPECT_EQ(DocumentFee(fees, Route::kApostille, 0, false), 5000);  // never less than one copy
}

}  // namespace
}  // namespace waishi::legalization
