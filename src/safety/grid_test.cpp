#include "safety/grid.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace waishi::safety::grid
