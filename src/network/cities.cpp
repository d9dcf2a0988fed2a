#include "network/cities.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/clock.h"
#include "core/db/row.h"
#include "core/geo/countries.h"
#include "core/i18n/utf8.h"

namespace waishi::network {
namespace {

constexpr const char* kFindSame =
    "SELECT id, name_en FROM network_cities WHERE country = :c AND name_key = :k";
constexpr const char* kRegistered = "SELECT country, name_key, id, name_en FROM network_cities";
constexpr const char* kCityExists = "SELECT COUNT(*) FROM network_cities WHERE id = :id";
constexpr const char* kCityInsert = R"(
  INSERT INTO network_cities (name_zh, name_en, name_key, local_name, country, province, continent,
                              lat, lon, population, tier, established, status, notes, created_at,
                              updated_at)
  VALUES (:nz, :ne, :k, :ln, :c, :p, :ct, :la, :lo, :po, :t, :e, :s, :no, :at, :at2))";

bool NameOk(const std::string& name, bool required) {
  const int n = i18n::CodePoints(name);
  return (!required || n > 0) && n <= 200;
}

}  // namespace

const char* const kCitySelect = R"(
  SELECT id, name_zh, name_en, local_name, country, province, continent, lat, lon, population,
         tier, established, status, notes, created_at, updated_at )";
namespace {
const std::string kCityColumns = std::string(kCitySelect) + "FROM network_cities";
}  // namespace

std::vector<FieldError> Check(const City& c, calendar::Date today) {
  std::vector<FieldError> errors;
  auto error = [&](const char* field, const char* rule, const char* key) {
    errors.push_back({field, rule, i18n::T(key)});
  };
  if (!NameOk(c.name_zh, true)) error("name_zh", "network.name", "network.name");
  if (!NameOk(c.name_en, true)) error("name_en", "network.name", "network.name");
  if (!NameOk(c.local_name, false)) error("local_name", "network.name", "network.name");
  if (!NameOk(c.province, false)) error("province", "network.name", "network.name");
  if (!geo::FindCountry(c.country)) error("country", "country", "validation.country");
  // Written so that NaN fails as well.
  if (!(c.lat >= -90 && c.lat <= 90)) error("lat", "network.latitude", "network.latitude");
  if (!(c.lon >= -180 && c.lon <= 180)) error("lon", "network.longitude", "network.longitude");
  if (c.population && *c.population < 0)
    error("population", "network.population", "network.population");
  if (std::find(kTiers.begin(), kTiers.end(), c.tier) == kTiers.end())
    error("tier", "network.tier", "network.tier");
  if (const auto day = calendar::Date::Parse(c.established); !day) {
    error("established", "type.date", "validation.type.date");
  } else if (today < *day) {
    error("established", "network.established_future", "network.established_future");
  }
  return errors;
}

std::string NameKey(std::string_view name_en) {
  std::string key;
  bool blank = false;
  for (const char ch : name_en) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      blank = !key.empty();
      continue;
    }
    if (blank) key += ' ';
    blank = false;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return key;
}

std::optional<Same> FindSame(db::Session& s, const City& c) {
  std::optional<Same> same;
  s.Query(kFindSame, {{"c", c.country}, {"k", NameKey(c.name_en)}}, [&](const db::Row& r) {
    same = Same{db::Int(r, 0), db::Text(r, 1)};
  });
  return same;
}

i18n::Text DuplicateMessage(const City& c, const Same& same) {
  return i18n::T("network.duplicate",
                 {{"name", same.name_en}, {"country", c.country}, {"id", std::to_string(same.id)}});
}

long long Insert(db::Session& tx, const City& c) {
  const std::string now = clock::NowIso();
  return tx.Insert(kCityInsert, {{"nz", c.name_zh},
                                 {"ne", c.name_en},
                                 {"k", NameKey(c.name_en)},
                                 {"ln", c.local_name},
                                 {"c", c.country},
                                 {"p", c.province},
                                 {"ct", geo::FindCountry(c.country)->continent},
                                 {"la", c.lat},
                                 {"lo", c.lon},
                                 {"po", c.population ? db::Value(*c.population) : db::Value()},
                                 {"t", c.tier},
                                 {"e", c.established},
                                 {"s", c.status},
                                 {"no", c.notes},
                                 {"at", now},
                                 {"at2", now}});
}

Json CityJson(const db::Row& r) {
  return Json{{"id", db::Int(r, 0)},           {"name_zh", db::Text(r, 1)},
              {"name_en", db::Text(r, 2)},     {"local_name", db::Text(r, 3)},
              {"country", db::Text(r, 4)},     {"province", db::Text(r, 5)},
              {"continent", db::Text(r, 6)},   {"lat", db::Real(r, 7)},
              {"lon", db::Real(r, 8)},         {"population", db::AnyCol(r, 9)},
              {"tier", db::Text(r, 10)},       {"established", db::Text(r, 11)},
              {"status", db::Text(r, 12)},     {"notes", db::Text(r, 13)},
              {"created_at", db::Text(r, 14)}, {"updated_at", db::Text(r, 15)}};
}

Json CitySchema() {
  const Json text = {{"type", "string"}};
  const Json number = {{"type", "number"}};
  return Json{
      {"type", "object"},
      {"required",
       {"id", "name_zh", "name_en", "local_name", "country", "province", "continent", "lat", "lon",
        "population", "tier", "established", "status", "notes", "created_at", "updated_at"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"name_zh", text},
        {"name_en", text},
        {"local_name", text},
        {"country", text},
        {"province", text},
        {"continent", {{"type", "string"}, {"enum", {"AF", "AN", "AS", "EU", "NA", "OC", "SA"}}}},
        {"lat", number},
        {"lon", number},
        {"population", {{"type", "integer"}, {"nullable", true}}},
        {"tier", {{"type", "string"}, {"enum", kTiers}}},
        {"established", {{"type", "string"}, {"format", "date"}}},
        {"status", {{"type", "string"}, {"enum", kStatuses}}},
        {"notes", text},
        {"created_at", text},
        {"updated_at", text}}}};
}

std::map<std::pair<std::string, std::string>, Same> Registered(db::Session& s) {
  std::map<std::pair<std::string, std::string>, Same> out;
  s.Query(kRegistered, {}, [&](const db::Row& r) {
    out.emplace(std::make_pair(db::Text(r, 0), db::Text(r, 1)),
                Same{db::Int(r, 2), db::Text(r, 3)});
  });
  return out;
}

Json CityById(db::Session& s, long long id) {
  std::optional<Json> city;
  s.Query(kCityColumns + " WHERE id = :id", {{"id", id}},
          [&](const db::Row& r) { city = CityJson(r); });
  if (!city) throw ApiError::NotFound();
  return *city;
}

Json CityRefJson(const db::Row& r, std::size_t at) {
  return Json{{"id", db::Int(r, at)},
              {"name_zh", db::Text(r, at + 1)},
              {"name_en", db::Text(r, at + 2)},
              {"country", db::Text(r, at + 3)}};
}

Json CityRefSchema() {
  const Json text = {{"type", "string"}};
  return Json{
      {"type", "object"},
      {"required", {"id", "name_zh", "name_en", "country"}},
      {"properties",
       {{"id", {{"type", "integer"}}}, {"name_zh", text}, {"name_en", text}, {"country", text}}}};
}

void RequireCity(db::Session& s, long long id) {
  if (s.Int(kCityExists, {{"id", id}}).value_or(0) == 0) {
    throw ApiError::Unprocessable(
        {{"city_id", "network.city_unknown", i18n::T("network.city_unknown")}});
  }
}

exports::Column BilingualColumn(std::string key, std::string zh, std::string en,
                                std::string_view header_key) {
  exports::Column column = exports::Col(std::move(key), std::move(zh), header_key);
  column.pointer_en = std::move(en);
  return column;
}

exports::Column CityColumn() {
  return BilingualColumn("city", "/city/name_zh", "/city/name_en", "network.col.partner_city");
}

std::optional<long long> CityIdQuery(const http::Request& request) {
  const auto value = request.Query("city_id");
  if (!value) return std::nullopt;
  long long id = 0;
  const auto [at, ec] = std::from_chars(value->data(), value->data() + value->size(), id);
  if (ec != std::errc() || at != value->data() + value->size())
    throw ApiError::InvalidQuery("city_id", "type", i18n::T("validation.type.integer"));
  return id;
}

std::optional<std::string> YearCondition(const http::Request& request, const std::string& name,
                                         const std::string& column, db::Params& params) {
  constexpr int kFirst = 1900, kLast = 2100;
  const auto value = request.Query(name);
  if (!value) return std::nullopt;
  int year = 0;
  const auto [at, ec] = std::from_chars(value->data(), value->data() + value->size(), year);
  if (ec != std::errc() || at != value->data() + value->size())
    throw ApiError::InvalidQuery(name, "type", i18n::T("validation.type.integer"));
  if (year < kFirst || year > kLast) {
    throw ApiError::InvalidQuery(name, "range",
                                 i18n::T("validation.range", {{"min", std::to_string(kFirst)},
                                                              {"max", std::to_string(kLast)}}));
  }
  return column + " >= " + db::Bind(params, name + "_from", std::to_string(year) + "-01-01") +
         " AND " + column + " < " +
         db::Bind(params, name + "_to", std::to_string(year + 1) + "-01-01");
}

Json ListPage(db::Session& s, const std::string& select, const std::string& from_where,
              const std::string& order, const db::Params& params, const http::Page& page,
              const std::function<Json(const db::Row&)>& item) {
  const long long total = s.Int("SELECT COUNT(*) " + from_where, params).value_or(0);
  db::Params paged = params;
  paged.push_back({"lim", page.size});
  paged.push_back({"off", page.Offset()});
  Json items = Json::array();
  s.Query(select + from_where + order + " LIMIT :lim OFFSET :off", paged,
          [&](const db::Row& r) { items.push_back(item(r)); });
  return http::PageJson(std::move(items), total, page);
}

}  // namespace waishi::network
