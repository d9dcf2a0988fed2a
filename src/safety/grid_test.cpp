#include "safety/grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

namespace waishi::safety::grid {
namespace {

TEST(GridTest, WeeksCountFromTheEpochAndFloorBeforeIt) {
  EXPECT_EQ(Week(0), 0);
  EXPECT_EQ(Week(6), 0);
  EXPECT_EQ(Week(7), 1);
  EXPECT_EQ(Week(-1), -1);
  EXPECT_EQ(Week(-7), -1);
  EXPECT_EQ(Week(-8), -2);
}

TEST(GridTest, CellsAreDegreesWithTheEdgesInTheLastRowAndColumn) {
  EXPECT_EQ(Cell(-90, -180), 0);
  EXPECT_EQ(Cell(90, 180), 180 * kColumns - 1);
  EXPECT_EQ(Cell(89.999, 179.999), 180 * kColumns - 1);
  EXPECT_EQ(Cell(0, 0), 90 * kColumns + 180);
  EXPECT_EQ(Cell(-0.5, -0.5), 89 * kColumns + 179);  // floor, not truncation
  EXPECT_EQ(Cell(35.6895, 139.6917), 125 * kColumns + 319);
}

TEST(GridTest, ABoxCoversEveryCellItTouches) {
  const auto cells = Cells({34.5, 36.2, 139.1, 141.0});
  EXPECT_EQ(cells.size(), 3u * 3u);  // rows 34–36, columns 139–141
  EXPECT_EQ(cells.front(), Cell(34.5, 139.1));
  EXPECT_EQ(cells.back(), Cell(36.2, 141.0));
  EXPECT_EQ(Cells({-90, 90, -180, 180}).size(), 180u * kColumns);
}

struct Numbered {
  int cell, week;
  int number;  // the order it came in
  bool operator==(const Numbered&) const = default;
};

// The filings by cell and week, ties in the order they came: what a stable comparison sort gives.
std::vector<Numbered> Expected(std::vector<Numbered> filings) {
  std::stable_sort(filings.begin(), filings.end(), [](const Numbered& a, const Numbered& b) {
    return std::tie(a.cell, a.week) < std::tie(b.cell, b.week);
  });
  return filings;
}

std::vector<Numbered> RandomFilings(int n, int min_week, int max_week, unsigned seed) {
  std::mt19937 random(seed);
  // Few cells and weeks, so that many filings share both and their order is tested.
  std::uniform_int_distribution<int> cell(0, 40), week(min_week, max_week);
  std::vector<Numbered> out;
  for (int i = 0; i < n; ++i) {
    const int k = cell(random);
    out.push_back({k == 40 ? kCells - 1 : k * 1600, week(random), i});
  }
  return out;
}

TEST(GridTest, FilingsAreSortedByCellAndWeekKeepingTheOrderOfTies) {
  auto filings = RandomFilings(20000, -60, 40, 1);  // weeks before 1970 as well
  const auto expected = Expected(filings);
  ASSERT_NE(filings, expected);
  SortByCellAndWeek(filings);
  EXPECT_EQ(filings, expected);
}

TEST(GridTest, FilingsOverTooManyWeeksForCountingAreSortedAlike) {
  // More than 2^22 weeks apart: compared, not counted.
  auto filings = RandomFilings(5000, -5'000'000, 5'000'000, 2);
  const auto expected = Expected(filings);
  SortByCellAndWeek(filings);
  EXPECT_EQ(filings, expected);
}

TEST(GridTest, NoFilingOrOneIsAlreadySorted) {
  std::vector<Numbered> none;
  SortByCellAndWeek(none);
  EXPECT_TRUE(none.empty());
  std::vector<Numbered> one{{kCells - 1, -3, 0}};
  SortByCellAndWeek(one);
  EXPECT_EQ(one, (std::vector<Numbered>{{kCells - 1, -3, 0}}));
}

}  // namespace
}  // namespace waishi::safety::grid
