// The gazetteer: the world's cities and towns (GeoNames' places of 1,000 people or more, with
// Chinese names where the data has them), which every module uses instead of typed coordinates.
//
// A Place is one row of the table `places` (core migration 0013). Its id is the GeoNames id
// (https://www.geonames.org/<id>): a reload of the gazetteer keeps every id a module stored, so
// modules keep a place's id (without a foreign key: a place GeoNames drops leaves their record
// as it was) and may copy its name and coordinates for their own history.
//
// The table is filled by `waishi places load --db URL FILE.csv [LAND.csv]` (LoadPlaces), from
// the file scripts/places.mjs writes out of the npm packages pinned in web/package.json; the
// build makes it as build/places.csv (Makefile, target web), and the land's outlines
// (core/geo/land.h) as build/land.csv beside it, loaded by the same command. Nothing here keeps
// state: every function runs on the session or database given, from any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app.h"
#include "core/db/database.h"
#include "core/db/session.h"
#include "core/json.h"
#include "core/module.h"

namespace waishi::geo {

struct Place {
  long long id = 0;                    // the GeoNames id
  std::string country;                 // ISO 3166-1 alpha-2: "JP"
  std::string name_en;                 // GeoNames' name, in the place's own Latin spelling
  std::optional<std::string> name_zh;  // simplified Chinese ("东京"), where the data has one
  std::string ascii_name;              // name_en without diacritics: "Valparaiso"
  std::string admin;                   // the first-level region ("Tokyo", "Hesse"); may be empty
  double lat = 0, lon = 0;             // degrees, WGS 84
  long long population = 0;
};

// The longest search text, and the most places one search answers.
inline constexpr int kMaxPlaceQuery = 100;  // characters
inline constexpr int kMaxPlaceLimit = 50;

struct PlaceQuery {
  std::string text;     // matched anywhere in any name, ASCII letters in any case; not empty
  std::string country;  // ISO alpha-2 to keep to; empty: every country
  int limit = 10;       // 1..kMaxPlaceLimit
};

// The places one of whose names (English, ASCII, Chinese, or a former or other Han name
// GeoNames lists) contains the text — so a prefix finds them too —, the most populous first
// (then by id). The text is matched as typed: % _ \ ' are characters, not wildcards. An empty
// text answers nothing; the limit is clamped to 1..kMaxPlaceLimit.
std::vector<Place> SearchPlaces(db::Session& s, const PlaceQuery& query);

// The place with this id; nullopt if there is none — what a module calls to check a place
// reference it was given.
std::optional<Place> FindPlace(db::Session& s, long long id);

// The place of `country` a person would mean by `name` — a file's city column: the most
// populous whose name (English, ASCII, Chinese, or another GeoNames lists) is `name`, ASCII
// letters in any case; failing that, the most populous one whose English name begins with
// `name` and a space ("Frankfurt" is Frankfurt am Main). nullopt when none.
std::optional<Place> PlaceNamed(db::Session& s, std::string_view country, std::string_view name);

// FindPlace, or a 422 (ApiError "validation_failed") naming `field` with rule "place.unknown":
// for a module's request body that refers to a place.
Place RequirePlace(db::Session& s, long long id, std::string_view field);

// {"id","country","name_en","name_zh" (null when none),"admin","lat","lon","population"}: the
// API's shape, the schema PlaceSchema() describes.
Json PlaceJson(const Place& p);
Json PlaceSchema();

struct LoadResult {
  long long places = 0;
  long long with_zh = 0;                // those with a Chinese name
  std::optional<long long> land_rings;  // the rings loaded; nullopt: no land file, none loaded
};

// Replaces the table's content by the places of the CSV file scripts/places.mjs writes
// (header id,country,name_en,name_zh,ascii_name,admin,lat,lon,population,other_names), and
// with a land file (header id,points; ReadLand in core/geo/land.h) the land's outlines too, in
// one write transaction with its audit entry: a reader sees the old gazetteer and land or the
// new ones. Without a land file the land is left as it was. Throws std::runtime_error naming
// the line of a malformed row ("places: line 7: …", "land: line 3: …"); nothing is replaced
// then.
LoadResult LoadPlaces(db::Database& db, const std::filesystem::path& csv,
                      const std::optional<std::filesystem::path>& land_csv = std::nullopt);

// GET /api/v1/places (search) and GET /api/v1/places/{id}, for every signed-in user.
void Register(App& app);

// `waishi places load --db URL FILE.csv [LAND.csv]`: LAND.csv is by default the land.csv
// beside FILE.csv, where scripts/places.mjs writes it; when there is none, the places are
// loaded alone and a line on standard error says that the maps have no land to draw.
Command LoadCommand();

namespace detail {

// The LIKE pattern that finds `text` anywhere, ASCII lower-cased, with % _ and \ escaped by \.
std::string ContainsPattern(std::string_view text);

// What the search reads for a place: its names ASCII lower-cased, one per line.
std::string SearchText(const Place& p, std::string_view other_names);

}  // namespace detail
}  // namespace waishi::geo
