// The grid the legs are filed under (SQLite: table safety_leg_cells, migration 0002;
// PostgreSQL: packs of the same filings, pack.h and migration 0008): cells of one
// degree of latitude by one of longitude, weeks of seven days since 1970-01-01.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

#include "core/geo/sphere.h"

namespace waishi::safety::grid {

inline constexpr int kColumns = 360;
inline constexpr int kCells = 180 * kColumns;

// The cell of a place: a latitude of 90 and a longitude of 180 lie in the last row and column.
inline int Cell(double lat, double lon) {
  const int row = std::clamp(static_cast<int>(std::floor(lat)) + 90, 0, 179);
  const int column = std::clamp(static_cast<int>(std::floor(lon)) + 180, 0, kColumns - 1);
  return row * kColumns + column;
}

// The week of a day (days since 1970-01-01; floor for days before it).
inline int Week(int day) { return day >= 0 ? day / 7 : -((-day + 6) / 7); }

// Every cell a box touches.
inline std::vector<int> Cells(const geo::BoundingBox& box) {
  const int first = Cell(box.min_lat, box.min_lon), last = Cell(box.max_lat, box.max_lon);
  std::vector<int> out;
  for (int row = first / kColumns; row <= last / kColumns; ++row) {
    for (int column = first % kColumns; column <= last % kColumns; ++column)
      out.push_back(row * kColumns + column);
  }
  return out;
}

// Sorts filings (anything with `int cell, week`) by cell, then week, those of the same cell and
// week left in the order they came: two counting sorts, by week and then by cell, each stable.
// Linear where comparing is n log n: an import's tens of millions in a fraction of the time.
// Weeks spread over more than kMaxWeeks (dates no itinerary has) are compared instead.
template <class Filing>
void SortByCellAndWeek(std::vector<Filing>& filings) {
  constexpr long long kMaxWeeks = 1 << 22;
  if (filings.size() < 2) return;
  const auto [first, last] =
      std::minmax_element(filings.begin(), filings.end(),
                          [](const Filing& a, const Filing& b) { return a.week < b.week; });
  const int min_week = first->week;
  const long long weeks = static_cast<long long>(last->week) - min_week + 1;
  if (weeks > kMaxWeeks) {
    std::stable_sort(filings.begin(), filings.end(), [](const Filing& a, const Filing& b) {
      return a.cell != b.cell ? a.cell < b.cell : a.week < b.week;
    });
    return;
  }
  // Each filing moved to the place its key's count so far gives it.
  const auto pass = [](const std::vector<Filing>& from, std::vector<Filing>& to, std::size_t keys,
                       auto key) {
    std::vector<std::size_t> at(keys + 1, 0);
    for (const Filing& f : from) ++at[key(f) + 1];
    std::partial_sum(at.begin(), at.end(), at.begin());
    for (const Filing& f : from) to[at[key(f)]++] = f;
  };
  std::vector<Filing> by_week(filings.size());
  pass(filings, by_week, static_cast<std::size_t>(weeks),
       [min_week](const Filing& f) { return static_cast<std::size_t>(f.week - min_week); });
  pass(by_week, filings, kCells, [](const Filing& f) { return static_cast<std::size_t>(f.cell); });
}

}  // namespace waishi::safety::grid
