#include "core/geo/places.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "core/audit/audit.h"
#include "core/csv/csv.h"
#include "core/db/bulk.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/geo/land.h"
#include "core/i18n/text.h"
#include "core/i18n/utf8.h"

namespace waishi::geo {
namespace {

// ---------------------------------------------------------------------------------------------
// SQL

// Walks the population index from the top and stops at the limit: a common text finds its
// places among the first rows; a rare one reads the table once.
constexpr const char* kSearch =
    "SELECT id, country, name_en, name_zh, ascii_name, admin, lat, lon, population FROM places "
    "WHERE search_text LIKE :pattern ESCAPE '\\' "
    "ORDER BY population DESC, id LIMIT :limit";
constexpr const char* kSearchInCountry =
    "SELECT id, country, name_en, name_zh, ascii_name, admin, lat, lon, population FROM places "
    "WHERE country = :country AND search_text LIKE :pattern ESCAPE '\\' "
    "ORDER BY population DESC, id LIMIT :limit";
constexpr const char* kNamedInCountry =
    "SELECT id, country, name_en, name_zh, ascii_name, admin, lat, lon, population, search_text "
    "FROM places WHERE country = :country AND search_text LIKE :pattern ESCAPE '\\' "
    "ORDER BY population DESC, id LIMIT 200";
constexpr const char* kFindById =
    "SELECT id, country, name_en, name_zh, ascii_name, admin, lat, lon, population FROM places "
    "WHERE id = :id";
constexpr const char* kDeletePlaces = "DELETE FROM places";

Place PlaceFromRow(const db::Row& r) {
  Place p;
  p.id = db::Int(r, 0);
  p.country = db::Text(r, 1);
  p.name_en = db::Text(r, 2);
  p.name_zh = db::OptText(r, 3);
  p.ascii_name = db::Text(r, 4);
  p.admin = db::Text(r, 5);
  p.lat = db::Real(r, 6);
  p.lon = db::Real(r, 7);
  p.population = db::Int(r, 8);
  return p;
}

// ---------------------------------------------------------------------------------------------
// The file scripts/places.mjs writes

constexpr std::string_view kHeader[] = {"id",    "country", "name_en", "name_zh",    "ascii_name",
                                        "admin", "lat",     "lon",     "population", "other_names"};
constexpr std::size_t kFieldCount = std::size(kHeader);

[[noreturn]] void MalformedPlace(long long line, const std::string& what) {
  throw std::runtime_error("places: line " + std::to_string(line) + ": " + what);
}

long long ParseInteger(std::string_view text, long long line, const char* column) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0)
    MalformedPlace(line, std::string(column) + " is not a whole number: " + std::string(text));
  return v;
}

double ParseDegrees(std::string_view text, double limit, long long line, const char* column) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) ||
      std::abs(v) > limit)
    MalformedPlace(line, std::string(column) + " is not a coordinate: " + std::string(text));
  return v;
}

bool IsCountryCode(std::string_view s) {
  return s.size() == 2 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Search and lookup

namespace detail {

std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : i18n::LowerAscii(std::string(text))) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::string SearchText(const Place& p, std::string_view other_names) {
  std::string text = p.name_en + "\n" + p.ascii_name;
  if (p.name_zh) text += "\n" + *p.name_zh;
  // other_names: "|" between them, as the file gives them.
  while (!other_names.empty()) {
    const auto bar = other_names.find('|');
    const std::string_view name = other_names.substr(0, bar);
    if (!name.empty()) text += "\n" + std::string(name);
    other_names = bar == std::string_view::npos ? "" : other_names.substr(bar + 1);
  }
  return i18n::LowerAscii(std::move(text));
}

}  // namespace detail

std::vector<Place> SearchPlaces(db::Session& s, const PlaceQuery& query) {
  std::vector<Place> places;
  if (query.text.empty()) return places;
  const int limit = std::clamp(query.limit, 1, kMaxPlaceLimit);
  db::Params params{{"pattern", detail::ContainsPattern(query.text)}, {"limit", limit}};
  if (!query.country.empty()) params.push_back({"country", query.country});
  s.Query(query.country.empty() ? kSearch : kSearchInCountry, params,
          [&](const db::Row& r) { places.push_back(PlaceFromRow(r)); });
  return places;
}

std::optional<Place> PlaceNamed(db::Session& s, std::string_view country, std::string_view name) {
  if (name.empty() || country.empty()) return std::nullopt;
  const std::string wanted = i18n::LowerAscii(std::string(name));
  std::optional<Place> named, begins;
  s.Query(kNamedInCountry,
          {{"country", std::string(country)}, {"pattern", detail::ContainsPattern(name)}},
          [&](const db::Row& r) {
            if (named) return;
            const std::string text = db::Text(r, 9);
            std::string_view lines = text;
            while (!lines.empty()) {
              const auto end = lines.find('\n');
              if (lines.substr(0, end) == wanted) {
                named = PlaceFromRow(r);
                return;
              }
              lines = end == std::string_view::npos ? "" : lines.substr(end + 1);
            }
            // The search text's first line is the English name, lower-cased.
            if (!begins && text.compare(0, wanted.size() + 1, wanted + " ") == 0)
              begins = PlaceFromRow(r);
          });
  return named ? named : begins;
}

std::optional<Place> FindPlace(db::Session& s, long long id) {
  std::optional<Place> place;
  s.Query(kFindById, {{"id", id}}, [&](const db::Row& r) { place = PlaceFromRow(r); });
  return place;
}

Place RequirePlace(db::Session& s, long long id, std::string_view field) {
  auto place = FindPlace(s, id);
  if (!place) {
    throw ApiError::Unprocessable(
        {FieldError{std::string(field), "place.unknown", i18n::T("geo.place.unknown")}});
  }
  return std::move(*place);
}

Json PlaceJson(const Place& p) {
  return Json{{"id", p.id},           {"country", p.country},
              {"name_en", p.name_en}, {"name_zh", p.name_zh ? Json(*p.name_zh) : Json(nullptr)},
              {"admin", p.admin},     {"lat", p.lat},
              {"lon", p.lon},         {"population", p.population}};
}

Json PlaceSchema() {
  const Json text = {{"type", "string"}};
  const Json number = {{"type", "number"}};
  return Json{
      {"type", "object"},
      {"required", {"id", "country", "name_en", "name_zh", "admin", "lat", "lon", "population"}},
      {"properties",
       {{"id", {{"type", "integer"}, {"description", "the GeoNames id"}}},
        {"country", text},
        {"name_en", text},
        {"name_zh", {{"type", "string"}, {"nullable", true}}},
        {"admin", text},
        {"lat", number},
        {"lon", number},
        {"population", {{"type", "integer"}}}}}};
}

// ---------------------------------------------------------------------------------------------
// The load

LoadResult LoadPlaces(db::Database& db, const std::filesystem::path& csv,
                      const std::optional<std::filesystem::path>& land_csv) {
  struct Row {
    Place place;
    std::string search_text;
  };
  std::vector<Row> rows;
  rows.reserve(150000);
  csv::ReadFile(csv, [&](const csv::Record& r) {
    if (r.line == 1) {
      if (!std::equal(r.fields.begin(), r.fields.end(), std::begin(kHeader), std::end(kHeader)))
        MalformedPlace(1, "the header is not that of scripts/places.mjs");
      return true;
    }
    if (r.fields.size() != kFieldCount)
      MalformedPlace(
          r.line, std::to_string(r.fields.size()) + " fields, not " + std::to_string(kFieldCount));
    const auto& f = r.fields;
    Place p;
    p.id = ParseInteger(f[0], r.line, "id");
    if (p.id == 0) MalformedPlace(r.line, "id is 0");
    if (!IsCountryCode(f[1])) MalformedPlace(r.line, "country is not an ISO 3166 code: " + f[1]);
    if (f[2].empty()) MalformedPlace(r.line, "name_en is empty");
    p.country = f[1];
    p.name_en = f[2];
    if (!f[3].empty()) p.name_zh = f[3];
    p.ascii_name = f[4].empty() ? f[2] : f[4];
    p.admin = f[5];
    p.lat = ParseDegrees(f[6], 90, r.line, "lat");
    p.lon = ParseDegrees(f[7], 180, r.line, "lon");
    p.population = f[8].empty() ? 0 : ParseInteger(f[8], r.line, "population");
    std::string search_text = detail::SearchText(p, f[9]);
    rows.push_back({std::move(p), std::move(search_text)});
    return true;
  });
  if (rows.empty()) throw std::runtime_error("places: " + csv.string() + " holds no place");
  // Both files read and checked before anything is replaced.
  std::optional<std::vector<Ring>> land;
  if (land_csv) land = ReadLand(*land_csv);

  LoadResult result;
  db.Write([&](db::Session& s) {
    s.Exec(kDeletePlaces);
    db::BulkInsert insert(s, "places",
                          {"id", "country", "name_en", "name_zh", "ascii_name", "admin", "lat",
                           "lon", "population", "search_text"});
    for (const Row& row : rows) {
      const Place& p = row.place;
      insert.Add(p.id, p.country, p.name_en, p.name_zh, p.ascii_name, p.admin, p.lat, p.lon,
                 p.population, row.search_text);
      if (p.name_zh) ++result.with_zh;
      if (insert.waiting() >= 10000) insert.Flush();
    }
    insert.Flush();
    result.places = static_cast<long long>(rows.size());
    Json detail{
        {"file", csv.filename().string()}, {"places", result.places}, {"with_zh", result.with_zh}};
    if (land) {
      ReplaceLand(s, *land);
      result.land_rings = static_cast<long long>(land->size());
      detail["land_file"] = land_csv->filename().string();
      detail["land_rings"] = *result.land_rings;
    }
    audit::Append(s, audit::Entry{0, "waishi places load", "", "places.load", "places", "",
                                  std::move(detail)});
  });
  return result;
}

Command LoadCommand() {
  return Command{
      {"places", "load"},
      "--db URL FILE.csv [LAND.csv]",
      [](App& app, const std::vector<std::string>& args) {
        if (args.empty() || args.size() > 2) {
          std::fputs("usage: waishi places load --db URL FILE.csv [LAND.csv]\n", stderr);
          return 2;
        }
        // scripts/places.mjs writes land.csv beside the places' file: the scripts
        // that name only that file load the land with it.
        std::optional<std::filesystem::path> land;
        if (args.size() == 2) {
          land = args[1];
        } else if (auto beside = std::filesystem::path(args[0]).parent_path() / "land.csv";
                   std::filesystem::is_regular_file(beside)) {
          land = beside;
        } else {
          std::fprintf(stderr,
                       "places load: no %s: the land's outlines are left as they "
                       "were (empty at first: maps are then left out of documents)\n",
                       beside.string().c_str());
        }
        const LoadResult r = LoadPlaces(app.db, args[0], land);
        if (r.land_rings) {
          std::printf("{\"places\": %lld, \"with_zh\": %lld, \"land_rings\": %lld}\n", r.places,
                      r.with_zh, *r.land_rings);
        } else {
          std::printf("{\"places\": %lld, \"with_zh\": %lld}\n", r.places, r.with_zh);
        }
        return 0;
      }};
}

}  // namespace waishi::geo
