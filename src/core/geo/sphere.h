// Distances on the Earth taken as a sphere, and the latitude/longitude boxes that hold a
// circle on it: what a spatial index (SQLite's R*Tree, PostgreSQL's GiST) is asked for before
// the exact distance decides.
#pragma once

#include <vector>

namespace waishi::geo {

// The mean Earth radius (IUGG: R1 = (2a + b) / 3 of WGS 84), in kilometres.
inline constexpr double kEarthRadiusKm = 6371.0088;

// The great-circle distance between two points (degrees), by the haversine formula.
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

// A box of latitude and longitude (degrees), west to east without crossing the antimeridian.
struct BoundingBox {
  double min_lat, max_lat, min_lon, max_lon;
};

// Boxes that together hold every point within `radius_km` of the centre: one box, or two
// when the circle crosses the antimeridian; a circle that reaches a pole covers every
// longitude of its latitudes. Every point of the circle lies in one of them, and the boxes
// hold little more than the circle (J. P. Matuschek, "Finding Points Within a Distance of a
// Latitude/Longitude Using Bounding Coordinates", 2010: the longitude half-width is
// asin(sin(r) / cos(lat)), the widest the circle gets, at the latitude of its tangent points).
// A radius of half the Earth's circumference or more: the whole sphere.
std::vector<BoundingBox> BoxesAround(double lat, double lon, double radius_km);

}  // namespace waishi::geo
