#include "core/geo/sphere.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace waishi::geo {
namespace {

constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

double Radians(double degrees) { return degrees * kRadiansPerDegree; }
double Degrees(double radians) { return radians / kRadiansPerDegree; }

}  // namespace

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = Radians(lat2 - lat1);
  const double dlon = Radians(lon2 - lon1);
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(Radians(lat1)) * std::cos(Radians(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  // Rounding may take a a hair past 1 for antipodal points.
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, a)));
}

std::vector<BoundingBox> BoxesAround(double lat, double lon, double radius_km) {
  const double r = radius_km / kEarthRadiusKm;  // the angle at the centre of the Earth
  if (r >= std::numbers::pi) return {{-90, 90, -180, 180}};
  const double lat_r = Radians(lat);
  const double min_lat = lat_r - r;
  const double max_lat = lat_r + r;
  // A pole inside the circle: every longitude, from the far latitude to the pole.
  if (max_lat >= std::numbers::pi / 2) return {{std::max(-90.0, Degrees(min_lat)), 90, -180, 180}};
  if (min_lat <= -std::numbers::pi / 2) return {{-90, std::min(90.0, Degrees(max_lat)), -180, 180}};
  const double half_width = Degrees(std::asin(std::sin(r) / std::cos(lat_r)));
  const double west = lon - half_width;
  const double east = lon + half_width;
  const double south = Degrees(min_lat);
  const double north = Degrees(max_lat);
  // Across (or up to) the antimeridian: the part beyond ±180 wraps to the other side, and
  // both sides are asked, since a place on it may be stored as 180 or as -180.
  if (west <= -180) return {{south, north, west + 360, 180}, {south, north, -180, east}};
  if (east >= 180) return {{south, north, west, 180}, {south, north, -180, east - 360}};
  return {{south, north, west, east}};
}

}  // namespace waishi::geo
