#include "network/network.h"

#include <array>
#include <map>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/db/row.h"
#include "core/export/columns.h"
#include "core/geo/countries.h"
#include "core/http/params.h"
#include "network/agreements.h"
#include "network/cities.h"
#include "network/contacts.h"
#include "network/documents.h"
#include "network/exchanges.h"
#include "network/import.h"
#include "network/profile.h"
#include "network/projects.h"

namespace waishi::network {

void LoadDemo(App& app, DemoContext& ctx);  // demo.cpp

namespace {

// The list's filters, each an exact match on its column.
constexpr std::array<const char*, 4> kFilters = {"continent", "country", "tier", "status"};

constexpr const char* kByContinent =
    "SELECT continent, COUNT(*) FROM network_cities GROUP BY continent ORDER BY continent";
constexpr const char* kByTier = "SELECT tier, COUNT(*) FROM network_cities GROUP BY tier";
constexpr const char* kByCountry = R"(
  SELECT country, COUNT(*) FROM network_cities GROUP BY country ORDER BY COUNT(*) DESC, country)";
constexpr const char* kByYear = R"(
  SELECT SUBSTR(established, 1, 4), COUNT(*) FROM network_cities
  GROUP BY SUBSTR(established, 1, 4) ORDER BY 1)";

Json NewCityBody() {
  const Json name = {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}};
  const Json optional_name = {{"type", "string"}, {"maxLength", 200}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"name_zh", "name_en", "country", "lat", "lon", "tier", "established"}},
              {"properties",
               {{"name_zh", name},
                {"name_en", name},
                {"local_name", optional_name},
                {"country", {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}}},
                {"province", optional_name},
                {"lat", {{"type", "number"}, {"minimum", -90}, {"maximum", 90}}},
                {"lon", {{"type", "number"}, {"minimum", -180}, {"maximum", 180}}},
                {"population", {{"type", "integer"}, {"minimum", 0}}},
                {"tier", {{"type", "string"}, {"enum", kTiers}}},
                {"established", {{"type", "string"}, {"format", "date"}}},
                {"status", {{"type", "string"}, {"enum", kStatuses}}},
                {"notes", {{"type", "string"}, {"maxLength", 5000}}}}}};
}

City CityOf(const Json& b) {
  City c;
  c.name_zh = b["name_zh"].get<std::string>();
  c.name_en = b["name_en"].get<std::string>();
  c.local_name = b.value("local_name", "");
  c.country = b["country"].get<std::string>();
  c.province = b.value("province", "");
  c.lat = b["lat"].get<double>();
  c.lon = b["lon"].get<double>();
  if (b.contains("population")) c.population = b["population"].get<long long>();
  c.tier = b["tier"].get<std::string>();
  c.established = b["established"].get<std::string>();
  c.status = b.value("status", "active");
  c.notes = b.value("notes", "");
  return c;
}

// [{key: …, "cities": n}] from a query answering (key, count).
Json Counts(db::Session& s, const char* sql, const char* key) {
  Json out = Json::array();
  s.Query(sql, {}, [&](const db::Row& r) {
    out.push_back({{key, db::Text(r, 0)}, {"cities", db::Int(r, 1)}});
  });
  return out;
}

Json Stats(db::Session& s, const App& app) {
  Json by_tier = Json::array();
  std::map<std::string, long long> tiers;
  s.Query(kByTier, {}, [&](const db::Row& r) { tiers[db::Text(r, 0)] = db::Int(r, 1); });
  for (const std::string& tier : kTiers)
    by_tier.push_back({{"tier", tier}, {"cities", tiers[tier]}});
  // The network's growth: cities established each year, and the network's size at its end.
  Json by_year = Json::array();
  long long total = 0;
  s.Query(kByYear, {}, [&](const db::Row& r) {
    total += db::Int(r, 1);
    by_year.push_back(
        {{"year", std::stoi(db::Text(r, 0))}, {"cities", db::Int(r, 1)}, {"total", total}});
  });
  Json by_continent = Counts(s, kByContinent, "continent");
  Json by_country = Counts(s, kByCountry, "country");
  Json stats{{"cities", total},
             {"countries", by_country.size()},
             {"continents", by_continent.size()},
             {"by_continent", std::move(by_continent)},
             {"by_country", std::move(by_country)},
             {"by_tier", std::move(by_tier)},
             {"by_year", std::move(by_year)}};
  stats.update(ProjectFigures(s));
  stats.update(ExchangeFigures(s, app));
  return stats;
}

Json StatsSchema() {
  const Json count = {{"type", "integer"}};
  auto rows = [&](const char* key, Json key_schema) {
    return Json{{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"required", {key, "cities"}},
                  {"properties", {{key, std::move(key_schema)}, {"cities", count}}}}}};
  };
  Json by_year = rows("year", count);
  by_year["items"]["required"].push_back("total");
  by_year["items"]["properties"]["total"] = count;
  Json schema{{"type", "object"},
              {"required",
               {"cities", "countries", "continents", "by_continent", "by_country", "by_tier",
                "by_year", "projects", "projects_by_field"}},
              {"properties",
               {{"cities", count},
                {"countries", count},
                {"continents", count},
                {"by_continent", rows("continent", {{"type", "string"}})},
                {"by_country", rows("country", {{"type", "string"}})},
                {"by_tier", rows("tier", {{"type", "string"}, {"enum", kTiers}})},
                {"by_year", std::move(by_year)}}}};
  schema["properties"].update(ProjectFiguresSchema());
  schema["properties"].update(ExchangeFiguresSchema());
  for (const char* member : {"exchanges", "exchanges_by_year", "dormant_candidates"})
    schema["required"].push_back(member);
  return schema;
}

// The registry as a spreadsheet (GET /api/v1/network/cities/export, with the list's filters):
// countries, continents, tiers and statuses by name in the caller's language.
exports::List CitiesExport() {
  using exports::Col;
  using exports::EnumCol;
  using exports::Kind;
  exports::Column country = Col("country", "/country", "network.col.country", Kind::kEnum);
  for (const geo::Country& c : geo::AllCountries())
    country.labels.emplace(c.code, i18n::Text{c.name_zh, c.name_en});
  return exports::List{
      .name = "network_cities",
      .title_key = "network.export.title",
      .personal_data = false,
      .columns = {Col("id", "/id", "export.col.id", Kind::kInteger),
                  Col("name_zh", "/name_zh", "export.col.name_zh"),
                  Col("name_en", "/name_en", "export.col.name_en"),
                  Col("local_name", "/local_name", "network.col.local_name"), std::move(country),
                  Col("province", "/province", "network.col.province"),
                  EnumCol("continent", "/continent", "network.col.continent", "network.continent."),
                  Col("lat", "/lat", "network.col.lat", Kind::kNumber),
                  Col("lon", "/lon", "network.col.lon", Kind::kNumber),
                  Col("population", "/population", "network.col.population", Kind::kInteger),
                  EnumCol("tier", "/tier", "network.col.tier", "network.tier."),
                  Col("established", "/established", "network.col.established", Kind::kDate),
                  EnumCol("status", "/status", "network.col.status", "network.status.")},
      .more_columns = {}};
}

void RegisterRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Component("NetworkCity", CitySchema());

  api.Get("/api/v1/network/cities",
          http::Doc("listPartnerCities",
                    "The partner cities, by the date each relation was established, filtered by "
                    "continent, country, tier, status and the year established")
              .Roles(kReaders)
              .Query({"continent", "country", "tier", "status", "established_year", "page",
                      "page_size"})
              .Returns(http::PageOf(http::Ref("NetworkCity")))
              .Export(CitiesExport()),
          [&db](const auth::Call& call) {
            const auto page = http::ParsePage(call.request());
            std::string where;
            db::Params params;
            for (const char* filter : kFilters) {
              if (const auto value = call.request().Query(filter)) {
                where += (where.empty() ? " WHERE " : " AND ") + std::string(filter) + " = " +
                         db::Bind(params, filter, std::string(*value));
              }
            }
            const auto year =
                YearCondition(call.request(), "established_year", "established", params);
            if (year) where += (where.empty() ? " WHERE " : " AND ") + *year;
            return db.Read([&](db::Session& s) {
              return auth::Reply(ListPage(s, kCitySelect, "FROM network_cities" + where,
                                          " ORDER BY established, id", params, page, CityJson));
            });
          });

  api.Post("/api/v1/network/cities",
           http::Doc("createPartnerCity",
                     "Adds a partner city; one already there (same country and English name) "
                     "answers 409")
               .Roles(kStaff)
               .Body(NewCityBody())
               .Returns(http::Ref("NetworkCity"), 201)
               .Errors({"409"}),  // network.duplicate, naming name_en
           [&db](const auth::Call& call) {
             const City city = CityOf(call.body());
             if (auto errors = Check(city, calendar::Date::TodayInChina()); !errors.empty())
               throw ApiError::Unprocessable(std::move(errors));
             return db.Write([&](db::Session& tx) {
               if (const auto same = FindSame(tx, city)) {
                 const i18n::Text message = DuplicateMessage(city, *same);
                 throw ApiError(409, "network.duplicate", message,
                                {{"name_en", "network.duplicate", message}});
               }
               const long long id = Insert(tx, city);
               audit::Append(tx, audit::By(call.who(), "network.city.create", "network_city",
                                           std::to_string(id), {{"name_en", city.name_en}}));
               return auth::Reply(CityById(tx, id), 201);
             });
           });

  api.Get("/api/v1/network/cities/{id}",
          http::Doc("getPartnerCity", "A partner city")
              .Roles(kReaders)
              .Returns(http::Ref("NetworkCity")),
          [&db](const auth::Call& call) {
            return db.Read([&](db::Session& s) { return auth::Reply(CityById(s, call.Id())); });
          });

  api.Get("/api/v1/network/stats",
          http::Doc("networkStats",
                    "The network's figures: cities, countries and continents, counts by "
                    "continent, country and tier, its growth year by year, the projects by field "
                    "and direction, the exchanges by year and kind, the cities to review")
              .Roles(kReaders)
              .Returns(StatsSchema()),
          [&db, &app](const auth::Call&) {
            return db.Read([&](db::Session& s) { return auth::Reply(Stats(s, app)); });
          });
  RegisterProjectRoutes(app);
  RegisterExchangeRoutes(app);
  RegisterProfileRoute(app);
  RegisterImportRoute(app);
  RegisterAgreementRoutes(app);
  RegisterContactRoutes(app);
  RegisterDocumentRoutes(app);
}

}  // namespace

waishi::Module Module() {
  waishi::Module m;
  m.name = "network";
  m.migrations = "src/network/migrations/";
  m.setup = RegisterRoutes;
  m.demo = LoadDemo;
  m.daily = RemindRenewals;
  m.commands.push_back(
      {{"import", "partner-cities"}, "--db URL [--merge] FILE.csv", ImportCommand, {"merge"}});
  return m;
}

}  // namespace waishi::network
