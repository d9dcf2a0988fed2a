// The land's outlines on both engines: a small land file in the shape scripts/places.mjs writes,
// loaded with the places, then asked for the rings in a box — an ordinary one, one across the
// antimeridian, one past a pole —; a place load without it keeps the land, a malformed one
// replaces nothing.
#include "core/geo/land.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/db/scratch_database.h"
#include "core/geo/places.h"

namespace waishi::geo {
namespace {

constexpr const char* kAachenOnly =
    "id,country,name_en,name_zh,ascii_name,admin,lat,lon,population,other_names\n"
    "3247449,DE,Aachen,亚琛,Aachen,North Rhine-Westphalia,50.77664,6.08342,265208,\n";

// Made-up rings, each known by its first longitude: an island around Aachen; a lake in it
// (a hole); an island across the antimeridian (its points jump from 179 to -179), as
// Natural Earth's Eurasia and Fiji do; one just west of it; and a polar cap going round from
// -180 to 180, as Antarctica's does.
constexpr const char* kLand =
    "id,points\n"
    "1,5 50 7 50 7 52 5 52 5 50\n"
    "2,5.5 50.5 6 50.5 6 51 5.5 50.5\n"
    "3,179 -17 -179 -17 -179 -16 179 -16 179 -17\n"
    "4,-176 -20 -175 -20 -175 -19 -176 -19 -176 -20\n"
    "5,-180 -70 -90 -72 0 -71 90 -69 180 -70\n";

// The first longitude of each ring LandIn finds: which rings, in which order.
std::vector<double> Firsts(const std::vector<Ring>& rings) {
  std::vector<double> firsts;
  for (const Ring& r : rings) firsts.push_back(r.front().lon);
  return firsts;
}

class LandTest : public db::CoreDatabaseTest {
 protected:
  void SetUp() override {
    CoreDatabaseTest::SetUp();
    if (IsSkipped()) return;
    static int count = 0;
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("land-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    std::filesystem::create_directories(dir_);
    Write("places.csv", kAachenOnly);
    Write("land.csv", kLand);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  LoadResult Load(bool with_land = true) {
    return LoadPlaces(*db_, dir_ / "places.csv",
                      with_land ? std::optional(dir_ / "land.csv") : std::nullopt);
  }
  std::vector<double> In(Box box) {
    return Firsts(db_->Read([&](db::Session& s) { return LandIn(s, box); }));
  }
  bool Loaded() {
    return db_->Read([](db::Session& s) { return HasLand(s); });
  }

  std::filesystem::path dir_;
};

TEST_P(LandTest, RingsMeetingABoxInTheFilesOrder) {
  EXPECT_EQ(Load().land_rings, 5);
  EXPECT_TRUE(Loaded());
  // Around Aachen: the island and its lake, every point as it was written.
  const auto rings = db_->Read([](db::Session& s) { return LandIn(s, {0, 45, 12, 55}); });
  ASSERT_EQ(Firsts(rings), (std::vector<double>{5, 5.5}));
  ASSERT_EQ(rings[0].size(), 5u);
  EXPECT_EQ(rings[0][2].lon, 7);
  EXPECT_EQ(rings[0][2].lat, 52);
  // A box touching the island's corner meets it; one beside it does not.
  EXPECT_EQ(In({7, 52, 8, 53}), (std::vector<double>{5}));
  EXPECT_TRUE(In({8, 45, 12, 55}).empty());
  EXPECT_TRUE(In({0, 53, 12, 55}).empty());
  // The whole world: every ring.
  EXPECT_EQ(In({-180, -90, 180, 90}), (std::vector<double>{5, 5.5, 179, -176, -180}));
}

TEST_P(LandTest, ABoxAcrossTheAntimeridian) {
  Load();
  // Fiji's way: 170°E to 170°W, written as 170..190 or -190..-170.
  EXPECT_EQ(In({170, -25, 190, -10}), (std::vector<double>{179, -176}));
  EXPECT_EQ(In({-190, -25, -170, -10}), (std::vector<double>{179, -176}));
  // Only the western side: the ring across and the one west of it.
  EXPECT_EQ(In({-177, -25, -170, -10}), (std::vector<double>{179, -176}));
  // Only the eastern side: the ring across, not the one west of the antimeridian.
  EXPECT_EQ(In({175, -25, 179.5, -10}), (std::vector<double>{179}));
  // A box given a whole turn east of the same place finds the same.
  EXPECT_EQ(In({170 + 360, -25, 190 + 360, -10}), (std::vector<double>{179, -176}));
}

TEST_P(LandTest, APolarBoxAndEmptyBoxes) {
  Load();
  // The cap goes round the pole: any longitude near it meets it.
  EXPECT_EQ(In({-30, -90, 30, -65}), (std::vector<double>{-180}));
  EXPECT_EQ(In({100, -80, 120, -60}), (std::vector<double>{-180}));
  // Past the pole or upside down: nothing, and no error.
  EXPECT_TRUE(In({0, 85, 360, 100}).empty());
  EXPECT_TRUE(In({10, 55, 0, 45}).empty());
  EXPECT_TRUE(In({0, 55, 12, 45}).empty());
}

TEST_P(LandTest, NothingLoadedIsNoLand) {
  EXPECT_FALSE(Loaded());
  EXPECT_TRUE(In({-180, -90, 180, 90}).empty());
  // The places alone: still no land, and the places are there.
  EXPECT_FALSE(Load(false).land_rings);
  EXPECT_FALSE(Loaded());
  EXPECT_TRUE(db_->Read([](db::Session& s) { return FindPlace(s, 3247449); }));
}

TEST_P(LandTest, APlaceLoadWithoutTheFileKeepsTheLandAReloadReplacesIt) {
  Load();
  EXPECT_FALSE(Load(false).land_rings);
  EXPECT_EQ(In({0, 45, 12, 55}), (std::vector<double>{5, 5.5}));
  Write("land.csv", "id,points\n1,100 10 101 10 101 11 100 10\n");
  EXPECT_EQ(Load().land_rings, 1);
  EXPECT_TRUE(In({0, 45, 12, 55}).empty());
  EXPECT_EQ(In({-180, -90, 180, 90}), (std::vector<double>{100}));
}

TEST_P(LandTest, AMalformedLandFileReplacesNothing) {
  Load();
  for (const std::string& bad :
       {std::string("id,ring\n1,5 50 7 50 7 52 5 50\n"),      // not the header
        std::string("id,points\n1,5 50 7 50 7 52 5\n"),       // an odd count
        std::string("id,points\n1,5 50 7 50 5 50\n"),         // three points
        std::string("id,points\n1,5 50 7 50 7 x 5 50\n"),     // not a number
        std::string("id,points\n1,5 50 7 50 7 95 5 50\n"),    // past the pole
        std::string("id,points\n1,5 50 7 50 7 52 5 50,3\n"),  // three fields
        std::string("id,points\n")}) {                        // no ring
    Write("land.csv", bad);
    // And neither the places: both files are checked before anything is replaced.
    Write("places.csv",
          "id,country,name_en,name_zh,ascii_name,admin,lat,lon,population,other_names\n"
          "1850147,JP,Tokyo,东京,Tokyo,Tokyo,35.6895,139.69171,8336599,\n");
    EXPECT_THROW(Load(), std::runtime_error) << bad;
  }
  EXPECT_EQ(In({0, 45, 12, 55}), (std::vector<double>{5, 5.5}));
  EXPECT_TRUE(db_->Read([](db::Session& s) { return FindPlace(s, 3247449); }));
  EXPECT_FALSE(db_->Read([](db::Session& s) { return FindPlace(s, 1850147); }));
}

INSTANTIATE_TEST_SUITE_P(Engines, LandTest, db::kBothEngines, db::EngineName);

}  // namespace
}  // namespace waishi::geo
