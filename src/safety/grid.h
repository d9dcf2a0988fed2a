// The grid the legs are filed under (SQLite: table safety_leg_cells, migration 0002;
// PostgreSQL: packs of the same filings, pack.h and migration 0008): cells of one
// degree of latitude by one of longitude, weeks of seven days since 1970-01-01.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/geo/sphere.h"

namespace waishi::safety::grid {

inline constexpr int kColumns = 360;

// The cell of a place: a latitude of 90 and a longitude of 180 lie in the last row and column.
inline int Cell(double lat, double lon) {
  const int row = std::clamp(static_cast<int>(std::floor(lat)) + 90, 0, 179);
  const int column = std::clamp(static_cast<int>(std::floor(lon)) + 180, 0, kColumns - 1);
  return row * kColumns + column;
}

// The week of a day (days since 1970-01-01; floor for days before it).
inline int Week(int day) { return day >= 0 ? day / 7 : -((-day + 6) / 7); }

// Every cell a box touches.
inline std::vector<int> Cells(const geo::Box& box) {
  const int first = Cell(box.min_lat, box.min_lon), last = Cell(box.max_lat, box.max_lon);
  std::vector<int> out;
  for (int row = first / kColumns; row <= last / kColumns; ++row) {
    for (int column = first % kColumns; column <= last % kColumns; ++column)
      out.push_back(row * kColumns + column);
  }
  return out;
}

}  // namespace waishi::safety::grid
