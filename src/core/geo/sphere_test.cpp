#include "core/geo/sphere.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace waishi::geo {
namespace {

bool InAnyBox(const std::vector<BoundingBox>& boxes, double lat, double lon) {
  for (const BoundingBox& b : boxes) {
    if (lat >= b.min_lat && lat <= b.max_lat && lon >= b.min_lon && lon <= b.max_lon) return true;
  }
  return false;
}

TEST(SphereTest, DistancesAreTheSphereOfTheMeanRadius) {
  const double degree = kEarthRadiusKm * std::numbers::pi / 180;  // 111.195 km
  EXPECT_NEAR(HaversineKm(0, 0, 1, 0), degree, 1e-9);
  EXPECT_NEAR(HaversineKm(0, 0, 0, 1), degree, 1e-9);
  EXPECT_NEAR(HaversineKm(60, 10, 60, 11), degree / 2, 0.01);  // cos 60° = 1/2, nearly
  EXPECT_NEAR(HaversineKm(0, 0, 0, 180), kEarthRadiusKm * std::numbers::pi, 1e-6);
  EXPECT_NEAR(HaversineKm(90, 0, -90, 0), kEarthRadiusKm * std::numbers::pi, 1e-6);
  EXPECT_EQ(HaversineKm(29.87, 121.54, 29.87, 121.54), 0);
  // Across the antimeridian the short way: Suva (Fiji) to Apia (Samoa), about 1,150 km.
  EXPECT_NEAR(HaversineKm(-18.1416, 178.4419, -13.8333, -171.7667), 1146, 10);
  // Paris to London: the 344 km usually quoted.
  EXPECT_NEAR(HaversineKm(48.8566, 2.3522, 51.5074, -0.1278), 344, 1);
}

TEST(SphereTest, ACircleFarFromPolesAndTheAntimeridianIsOneTightBox) {
  const auto boxes = BoxesAround(35.68, 139.69, 300);  // Tokyo
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_NEAR(boxes[0].max_lat - 35.68, 300 / 111.195, 1e-3);
  EXPECT_NEAR(35.68 - boxes[0].min_lat, 300 / 111.195, 1e-3);
  // Wider in longitude than in latitude, by about 1 / cos(latitude).
  const double half = boxes[0].max_lon - 139.69;
  EXPECT_GT(half, 300 / 111.195 / std::cos(35.68 * std::numbers::pi / 180));
  EXPECT_LT(half, 300 / 111.195 / std::cos(38.4 * std::numbers::pi / 180));
}

TEST(SphereTest, ACircleAcrossTheAntimeridianIsTwoBoxes) {
  const auto west = BoxesAround(-18, 179.5, 300);  // Fiji
  ASSERT_EQ(west.size(), 2u);
  EXPECT_EQ(west[0].max_lon, 180);
  EXPECT_EQ(west[1].min_lon, -180);
  EXPECT_TRUE(InAnyBox(west, -18, -178.0));
  const auto east = BoxesAround(65, -179.9, 100);  // the Bering Strait
  ASSERT_EQ(east.size(), 2u);
  EXPECT_TRUE(InAnyBox(east, 65, 179.5));
}

TEST(SphereTest, ACircleAroundAPoleTakesEveryLongitude) {
  const auto north = BoxesAround(89, 0, 300);
  ASSERT_EQ(north.size(), 1u);
  EXPECT_EQ(north[0].max_lat, 90);
  EXPECT_EQ(north[0].min_lon, -180);
  EXPECT_EQ(north[0].max_lon, 180);
  EXPECT_TRUE(InAnyBox(north, 88.5, 180));  // across the pole
  const auto south = BoxesAround(-88, 45, 500);
  EXPECT_EQ(south[0].min_lat, -90);
  const auto all = BoxesAround(0, 0, 20015.2);
  EXPECT_EQ(all[0].min_lat, -90);
  EXPECT_EQ(all[0].max_lon, 180);
}

// What the index is asked must hold every point the exact distance accepts: random centres
// (poles and the antimeridian included) and random points near them.
TEST(SphereTest, TheBoxesHoldEveryPointOfTheCircle) {
  std::mt19937_64 random(20261203);
  std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180), radius(1, 3000);
  std::uniform_real_distribution<double> offset(-40, 40);
  int inside = 0;
  for (int i = 0; i < 2000; ++i) {
    const double clat = i % 10 == 0 ? (i % 20 == 0 ? 89.5 : -89.5) : lat(random);
    const double clon = i % 7 == 0 ? 179.9 : lon(random);
    const double r = radius(random);
    const auto boxes = BoxesAround(clat, clon, r);
    for (int j = 0; j < 200; ++j) {
      const double plat = std::clamp(clat + offset(random), -90.0, 90.0);
      double plon = clon + offset(random) * 2;
      if (plon > 180) plon -= 360;
      if (plon < -180) plon += 360;
      if (HaversineKm(clat, clon, plat, plon) > r) continue;
      ++inside;
      ASSERT_TRUE(InAnyBox(boxes, plat, plon))
          << "centre " << clat << "," << clon << " r " << r << " point " << plat << "," << plon;
    }
  }
  EXPECT_GT(inside, 10000);  // the test saw many points inside
}

}  // namespace
}  // namespace waishi::geo
