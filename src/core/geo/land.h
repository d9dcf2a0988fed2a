// The land's outlines: Natural Earth's 1:50m land polygons (public domain), for the maps a
// document draws around a place.
//
// The table `land` (core migration 0014) holds a row a ring — a polygon's outline or one of its
// holes —, its points and the box around them. It is filled with the gazetteer by
// `waishi places load` (LoadPlaces, core/geo/places.h) from the file scripts/places.mjs writes
// beside the places' (build/land.csv), and is empty until then: a map then has nothing to draw.
// Nothing here keeps state: every function runs on the session given, from any thread.
#pragma once

#include <filesystem>
#include <vector>

#include "core/db/session.h"

namespace waishi::geo {

struct LonLat {
  double lon = 0, lat = 0;  // degrees, WGS 84
};

// A closed outline, its last point the first again. Land and holes (lakes, the Caspian) are not
// told apart: drawn together with the even-odd rule, a hole is left out of the land around it.
// A ring may cross the antimeridian (its points then jump between about 180 and -180) and
// Antarctica's goes round the pole, from -180 to 180, without coming back.
using Ring = std::vector<LonLat>;

// An area of the map: latitudes south..north, longitudes west..east, east being the larger; the
// longitudes may go past ±180 (170..200 is the area across the antimeridian from 170°E to 160°W).
struct Box {
  double west = 0, south = 0, east = 0, north = 0;
};

// The rings some part of whose box meets `box`, in the order of the file they were loaded from
// (so a map draws the same each time). Rings wider than the box are given whole; a ring that
// crosses the antimeridian meets every box of its latitudes. Empty when nothing is loaded, or
// the box is open sea.
std::vector<Ring> LandIn(db::Session& s, const Box& box);

// Whether any land is loaded: what tells "open sea" from "no outlines" when LandIn is empty.
bool HasLand(db::Session& s);

// The rings of the CSV file scripts/places.mjs writes (header id,points; points "lon lat lon
// lat …"), in the file's order. Throws std::runtime_error naming the line of a malformed row
// (fewer than four points, an odd count, a number that is not a coordinate) or an empty file.
std::vector<Ring> ReadLand(const std::filesystem::path& csv);

// Replaces the table's content by `rings`, numbered 1, 2, … in their order, in the caller's
// write transaction.
void ReplaceLand(db::Session& tx, const std::vector<Ring>& rings);

}  // namespace waishi::geo
