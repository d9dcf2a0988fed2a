#include "core/geo/land.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "core/csv/csv.h"
#include "core/db/bulk.h"
#include "core/db/row.h"

namespace waishi::geo {
namespace {

// ---------------------------------------------------------------------------------------------
// SQL

// The longitudes as two intervals (the same one twice when the box does not cross the
// antimeridian). The table is small (1,421 rows) and its boxes come before the points in each
// row, so a scan reads the points of the rings that meet the box and of no other.
constexpr const char* kRingsIn =
    "SELECT points FROM land WHERE north >= :south AND south <= :north "
    "AND ((east >= :west1 AND west <= :east1) OR (east >= :west2 AND west <= :east2)) "
    "ORDER BY id";
constexpr const char* kAnyLand = "SELECT COUNT(*) FROM (SELECT 1 FROM land LIMIT 1) AS one";
constexpr const char* kDeleteLand = "DELETE FROM land";

// ---------------------------------------------------------------------------------------------
// Points as text: "lon lat lon lat …"

[[noreturn]] void MalformedLand(long long line, const std::string& what) {
  throw std::runtime_error("land: line " + std::to_string(line) + ": " + what);
}

// The ring of a points text; nullopt with what is wrong in `error` when it is not one.
std::optional<Ring> ParsePoints(std::string_view text, std::string& error) {
  std::vector<double> numbers;
  const char* at = text.data();
  const char* const end = text.data() + text.size();
  while (at < end) {
    if (*at == ' ') {
      ++at;
      continue;
    }
    double v = 0;
    auto [next, ec] = std::from_chars(at, end, v);
    if (ec != std::errc() || !std::isfinite(v) || (next != end && *next != ' ')) {
      error = "not a number: " + std::string(at, std::find(at, end, ' '));
      return std::nullopt;
    }
    numbers.push_back(v);
    at = next;
  }
  if (numbers.size() % 2 != 0) {
    error = "an odd count of numbers (lon lat pairs)";
    return std::nullopt;
  }
  Ring ring;
  ring.reserve(numbers.size() / 2);
  for (std::size_t i = 0; i < numbers.size(); i += 2) {
    const LonLat p{numbers[i], numbers[i + 1]};
    if (std::abs(p.lon) > 180 || std::abs(p.lat) > 90) {
      error = "not a coordinate: " + std::to_string(p.lon) + " " + std::to_string(p.lat);
      return std::nullopt;
    }
    ring.push_back(p);
  }
  // A closed outline has three corners at least, and its first point again.
  if (ring.size() < 4) {
    error = "fewer than four points";
    return std::nullopt;
  }
  return ring;
}

std::string PointsText(const Ring& ring) {
  std::string text;
  text.reserve(ring.size() * 18);
  char buf[32];
  for (const LonLat& p : ring) {
    for (double v : {p.lon, p.lat}) {
      // The shortest text that reads back as the same double.
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
      if (!text.empty()) text += ' ';
      text.append(buf, end);
    }
  }
  return text;
}

// The box around a ring. One that crosses the antimeridian (a step of more than 180° between
// two points) is given every longitude: its own would be the world but for the crossing.
Box BoxOf(const Ring& ring) {
  Box b{ring[0].lon, ring[0].lat, ring[0].lon, ring[0].lat};
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const LonLat& p = ring[i];
    b.west = std::min(b.west, p.lon);
    b.east = std::max(b.east, p.lon);
    b.south = std::min(b.south, p.lat);
    b.north = std::max(b.north, p.lat);
    if (i > 0 && std::abs(p.lon - ring[i - 1].lon) > 180) {
      b.west = -180;
      b.east = 180;
    }
  }
  return b;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Queries

std::vector<Ring> LandIn(db::Session& s, const Box& box) {
  std::vector<Ring> rings;
  if (!(box.east >= box.west) || !(box.north >= box.south)) return rings;
  // The box's longitudes within -180..180: one interval, or two when it crosses ±180.
  double west1 = -180, east1 = 180, west2 = -180, east2 = 180;
  if (box.east - box.west < 360) {
    west1 = std::remainder(box.west, 360.0);  // -180..180
    east1 = west1 + (box.east - box.west);
    west2 = west1;
    east2 = east1;
    if (east1 > 180) {
      east2 = east1 - 360;
      west2 = -180;
      east1 = 180;
    }
  }
  s.Query(kRingsIn,
          {{"south", box.south},
           {"north", box.north},
           {"west1", west1},
           {"east1", east1},
           {"west2", west2},
           {"east2", east2}},
          [&](const db::Row& r) {
            std::string error;
            // The loader checked every ring; a row it did not write is left out.
            if (auto ring = ParsePoints(db::Text(r, 0), error)) rings.push_back(std::move(*ring));
          });
  return rings;
}

bool HasLand(db::Session& s) { return s.Int(kAnyLand).value_or(0) > 0; }

// ---------------------------------------------------------------------------------------------
// The load

std::vector<Ring> ReadLand(const std::filesystem::path& csv) {
  std::vector<Ring> rings;
  csv::ReadFile(csv, [&](const csv::Record& r) {
    if (r.line == 1) {
      if (r.fields.size() != 2 || r.fields[0] != "id" || r.fields[1] != "points")
        MalformedLand(1, "the header is not that of scripts/places.mjs (id,points)");
      return true;
    }
    if (r.fields.size() != 2)
      MalformedLand(r.line, std::to_string(r.fields.size()) + " fields, not 2");
    std::string error;
    auto ring = ParsePoints(r.fields[1], error);
    if (!ring) MalformedLand(r.line, error);
    rings.push_back(std::move(*ring));
    return true;
  });
  if (rings.empty()) throw std::runtime_error("land: " + csv.string() + " holds no ring");
  return rings;
}

void ReplaceLand(db::Session& tx, const std::vector<Ring>& rings) {
  tx.Exec(kDeleteLand);
  db::BulkInsert insert(tx, "land", {"id", "west", "south", "east", "north", "points"});
  long long id = 0;
  for (const Ring& ring : rings) {
    const Box b = BoxOf(ring);
    insert.Add(++id, b.west, b.south, b.east, b.north, PointsText(ring));
    // A few rings hold thousands of points (Eurasia's, 10,600): flushed in small batches.
    if (insert.waiting() >= 200) insert.Flush();
  }
  insert.Flush();
}

}  // namespace waishi::geo
