#include "network/exchanges.h"

#include <map>
#include <optional>
#include <utility>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/http/params.h"
#include "network/cities.h"
#include "network/projects.h"

namespace waishi::network {
namespace {

constexpr const char* kExchangeSelect = R"(
  SELECT e.id, e.city_id, c.name_zh, c.name_en, c.country, e.kind, e.starts_on, e.leader,
         e.people, e.purpose_zh, e.purpose_en, e.cities_visited, e.field, e.outcome,
         e.created_at, e.updated_at, e.travel_case_id, t.number )";
constexpr const char* kExchangeFrom =
    R"(FROM network_exchanges e JOIN network_cities c ON c.id = e.city_id
  LEFT JOIN cases t ON t.id = e.travel_case_id)";
constexpr const char* kExchangeInsert = R"(
  INSERT INTO network_exchanges (city_id, kind, starts_on, leader, people, purpose_zh,
                                 purpose_en, cities_visited, field, outcome, travel_case_id,
                                 created_at, updated_at)
  VALUES (:c, :k, :s, :l, :p, :pz, :pe, :cv, :f, :o, :tc, :at, :at2))";
// The case an exchange names, of the core's cases: its type and data (the outbound-travel
// case's itinerary, src/travel/outbound_travel.json: [{"country", "city", …}]).
constexpr const char* kTravelCase = "SELECT type, data FROM cases WHERE id = :id";
constexpr const char* kCityCountry = "SELECT country FROM network_cities WHERE id = :id";
constexpr std::string_view kTravelType = "outbound_travel";
constexpr const char* kExchangeByYear = R"(
  SELECT SUBSTR(starts_on, 1, 4), kind, COUNT(*) FROM network_exchanges
  GROUP BY SUBSTR(starts_on, 1, 4), kind ORDER BY 1)";
// The active cities with no project started and no exchange since :since (nor established
// since), with the day of their last sign of life.
constexpr const char* kQuiet = R"(
  SELECT c.id, c.name_zh, c.name_en, c.country, c.tier, c.established,
         (SELECT MAX(e.starts_on) FROM network_exchanges e WHERE e.city_id = c.id),
         (SELECT MAX(p.started) FROM network_projects p WHERE p.city_id = c.id)
  FROM network_cities c
  WHERE c.status = 'active' AND c.established < :since
    AND NOT EXISTS (SELECT 1 FROM network_exchanges e WHERE e.city_id = c.id AND e.starts_on >= :since2)
    AND NOT EXISTS (SELECT 1 FROM network_projects p WHERE p.city_id = c.id AND p.started >= :since3)
  ORDER BY c.established, c.id)";

constexpr int kMaxYears = 50;

Json DefaultPolicy() { return Json{{"dormant_after_years", 3}}; }

std::vector<FieldError> ValidatePolicy(const Json& policy) {
  const auto it = policy.find("dormant_after_years");
  if (it == policy.end()) return {};
  if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > kMaxYears) {
    return {{"dormant_after_years", "range",
             i18n::T("validation.range", {{"min", "1"}, {"max", std::to_string(kMaxYears)}})}};
  }
  return {};
}

// The exchanges as a spreadsheet (GET /api/v1/network/exchanges/export, with the list's
// filters). A delegation's leader is named: the export is recorded as a read of personal data.
exports::List ExchangesExport() {
  using exports::Col;
  using exports::EnumCol;
  using exports::Kind;
  return exports::List{
      .name = "network_exchanges",
      .title_key = "network.export.exchanges",
      .personal_data = true,
      .columns = {Col("id", "/id", "export.col.id", Kind::kInteger), CityColumn(),
                  EnumCol("kind", "/kind", "network.col.kind", "network.exchange_kind."),
                  Col("starts_on", "/starts_on", "network.col.starts_on", Kind::kDate),
                  Col("leader", "/leader", "network.col.leader"),
                  Col("people", "/people", "network.col.people", Kind::kInteger),
                  BilingualColumn("purpose", "/purpose_zh", "/purpose_en", "network.col.purpose"),
                  Col("cities_visited", "/cities_visited", "network.col.cities_visited"),
                  EnumCol("field", "/field", "network.col.field", "network.field."),
                  Col("outcome", "/outcome", "network.col.outcome"),
                  Col("travel_case", "/travel_case/number", "network.col.travel_case")},
      .more_columns = {}};
}

Json ExchangeJson(const db::Row& r) {
  return Json{
      {"id", db::Int(r, 0)},
      {"city", CityRefJson(r, 1)},
      {"kind", db::Text(r, 5)},
      {"starts_on", db::Text(r, 6)},
      {"leader", db::Text(r, 7)},
      {"people", db::Int(r, 8)},
      {"purpose_zh", db::Text(r, 9)},
      {"purpose_en", db::Text(r, 10)},
      {"cities_visited", db::Text(r, 11)},
      {"field", db::AnyCol(r, 12)},
      {"outcome", db::Text(r, 13)},
      {"travel_case", db::OptInt(r, 16) ? Json{{"id", db::Int(r, 16)}, {"number", db::Text(r, 17)}}
                                        : Json(nullptr)},
      {"created_at", db::Text(r, 14)},
      {"updated_at", db::Text(r, 15)}};
}

// 422 naming travel_case_id unless the case is there, an outbound-travel case, and its
// itinerary visits the country of the exchange's city.
void CheckTravelCase(db::Session& s, long long case_id, long long city) {
  std::optional<std::pair<std::string, std::string>> found;  // type, data
  s.Query(kTravelCase, {{"id", case_id}},
          [&](const db::Row& r) { found.emplace(db::Text(r, 0), db::Text(r, 1)); });
  if (!found || found->first != kTravelType) {
    throw ApiError::Unprocessable({{"travel_case_id", "network.exchange.travel_case",
                                    i18n::T("network.exchange.travel_case")}});
  }
  const std::string country = s.Text(kCityCountry, {{"id", city}}).value_or("");
  const Json data = Json::parse(found->second, nullptr, false);
  if (data.is_object() && data.contains("itinerary") && data["itinerary"].is_array()) {
    for (const Json& leg : data["itinerary"]) {
      if (leg.is_object() && leg.value("country", "") == country) return;
    }
  }
  throw ApiError::Unprocessable(
      {{"travel_case_id", "network.exchange.travel_country",
        i18n::T("network.exchange.travel_country", {{"country", country}})}});
}

Json ExchangeSchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "city", "kind", "starts_on", "leader", "people", "purpose_zh", "purpose_en",
                "cities_visited", "field", "outcome", "travel_case", "created_at", "updated_at"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"city", CityRefSchema()},
                {"kind", {{"type", "string"}, {"enum", kExchangeKinds}}},
                {"starts_on", {{"type", "string"}, {"format", "date"}}},
                {"leader", text},
                {"people", {{"type", "integer"}}},
                {"purpose_zh", text},
                {"purpose_en", text},
                {"cities_visited", text},
                {"field", {{"type", "string"}, {"enum", kFields}, {"nullable", true}}},
                {"outcome", text},
                {"travel_case",
                 {{"type", "object"},
                  {"nullable", true},
                  {"description", "the outbound-travel case the delegation went through"},
                  {"required", {"id", "number"}},
                  {"properties", {{"id", {{"type", "integer"}}}, {"number", text}}}}},
                {"created_at", text},
                {"updated_at", text}}}};
}

Json NewExchangeBody() {
  const Json purpose = {{"type", "string"}, {"minLength", 1}, {"maxLength", 500}};
  const Json text = {{"type", "string"}, {"maxLength", 2000}};
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"city_id", "kind", "starts_on", "people", "purpose_zh", "purpose_en"}},
      {"properties",
       {{"city_id", {{"type", "integer"}, {"minimum", 1}}},
        {"kind", {{"type", "string"}, {"enum", kExchangeKinds}}},
        {"starts_on", {{"type", "string"}, {"format", "date"}}},
        {"leader", {{"type", "string"}, {"maxLength", 200}}},
        {"people", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}}},
        {"purpose_zh", purpose},
        {"purpose_en", purpose},
        {"cities_visited", text},
        {"field", {{"type", "string"}, {"enum", kFields}}},
        {"outcome", {{"type", "string"}, {"maxLength", 5000}}},
        {"travel_case_id",
         {{"type", "integer"},
          {"minimum", 1},
          {"description", "an outbound-travel case whose itinerary visits the city's country"}}}}}};
}

Json ExchangeById(db::Session& s, long long id) {
  std::optional<Json> exchange;
  s.Query(std::string(kExchangeSelect) + kExchangeFrom + " WHERE e.id = :id", {{"id", id}},
          [&](const db::Row& r) { exchange = ExchangeJson(r); });
  if (!exchange) throw ApiError::NotFound();
  return *exchange;
}

// The day `years` years before `today` (29 February gives 28 February).
std::string YearsBefore(calendar::Date today, int years) {
  std::string day = today.ToString();
  const int year = std::stoi(day.substr(0, 4)) - years;
  day.replace(0, 4, std::to_string(year));
  if (!calendar::Date::Parse(day)) day.replace(8, 2, "28");
  return day;
}

// The cities to review: [{"city", "tier", "established", "last_exchange", "last_project"}].
Json QuietCities(db::Session& s, const App& app, calendar::Date today) {
  const int years = app.policies.Load(s, kPolicy)["dormant_after_years"].get<int>();
  const std::string since = YearsBefore(today, years);
  Json items = Json::array();
  s.Query(kQuiet, {{"since", since}, {"since2", since}, {"since3", since}}, [&](const db::Row& r) {
    items.push_back({{"city", CityRefJson(r, 0)},
                     {"tier", db::Text(r, 4)},
                     {"established", db::Text(r, 5)},
                     {"last_exchange", db::AnyCol(r, 6)},
                     {"last_project", db::AnyCol(r, 7)}});
  });
  return Json{{"since", since}, {"years", years}, {"items", std::move(items)}};
}

}  // namespace

long long InsertExchange(db::Session& tx, const Json& b) {
  const long long city = b["city_id"].get<long long>();
  RequireCity(tx, city);
  const auto travel_case = b.find("travel_case_id");
  if (travel_case != b.end()) CheckTravelCase(tx, travel_case->get<long long>(), city);
  const std::string now = clock::NowIso();
  return tx.Insert(
      kExchangeInsert,
      {{"c", city},
       {"k", b["kind"].get<std::string>()},
       {"s", b["starts_on"].get<std::string>()},
       {"l", b.value("leader", "")},
       {"p", b["people"].get<long long>()},
       {"pz", b["purpose_zh"].get<std::string>()},
       {"pe", b["purpose_en"].get<std::string>()},
       {"cv", b.value("cities_visited", "")},
       {"f", b.contains("field") ? db::Value(b["field"].get<std::string>()) : db::Value()},
       {"o", b.value("outcome", "")},
       {"tc", travel_case != b.end() ? db::Value(travel_case->get<long long>()) : db::Value()},
       {"at", now},
       {"at2", now}});
}

Json ExchangeFigures(db::Session& s, const App& app) {
  std::map<int, std::map<std::string, long long>> years;  // year → kind → n
  long long total = 0;
  s.Query(kExchangeByYear, {}, [&](const db::Row& r) {
    years[std::stoi(db::Text(r, 0))][db::Text(r, 1)] = db::Int(r, 2);
    total += db::Int(r, 2);
  });
  Json by_year = Json::array();
  for (auto& [year, kinds] : years) {
    Json row{{"year", year}};
    for (const std::string& kind : kExchangeKinds) row[kind] = kinds[kind];
    by_year.push_back(std::move(row));
  }
  const Json quiet = QuietCities(s, app, calendar::Date::TodayInChina());
  return Json{{"exchanges", total},
              {"exchanges_by_year", std::move(by_year)},
              {"dormant_candidates", quiet["items"].size()}};
}

Json ExchangeFiguresSchema() {
  const Json count = {{"type", "integer"}};
  return Json{{"exchanges", count},
              {"exchanges_by_year",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"required", {"year", "delegation_in", "delegation_out", "training"}},
                  {"properties",
                   {{"year", count},
                    {"delegation_in", count},
                    {"delegation_out", count},
                    {"training", count}}}}}}},
              {"dormant_candidates", count}};
}

void RegisterExchangeRoutes(App& app) {
  db::Database& db = app.db;
  app.policies.Add(cases::PolicySpec{std::string(kPolicy), DefaultPolicy(), ValidatePolicy});
  auth::Endpoints api(app, "network");
  api.Component("NetworkExchange", ExchangeSchema());

  api.Post("/api/v1/network/exchanges",
           http::Doc("createNetworkExchange",
                     "Records a delegation received or sent, or a training programme, with a "
                     "partner city; a delegation that went through an outbound-travel case names "
                     "it (travel_case_id), its itinerary visiting the city's country")
               .Roles(kStaff)
               .Body(NewExchangeBody())
               .Returns(http::Ref("NetworkExchange"), 201),
           [&db](const auth::Call& call) {
             const Json& b = call.body();
             return db.Write([&](db::Session& tx) {
               const long long id = InsertExchange(tx, b);
               Json detail = {{"city_id", b["city_id"]}};
               if (b.contains("travel_case_id")) detail["travel_case_id"] = b["travel_case_id"];
               audit::Append(tx, audit::By(call.who(), "network.exchange.create",
                                           "network_exchange", std::to_string(id), detail));
               return auth::Reply(ExchangeById(tx, id), 201);
             });
           });

  api.Get("/api/v1/network/exchanges",
          http::Doc("listNetworkExchanges",
                    "The exchanges, latest first, filtered by partner city, kind and the year "
                    "they began")
              .Roles(kReaders)
              .Query({"city_id", "kind", "year", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("NetworkExchange")))
              .Export(ExchangesExport()),
          [&db](const auth::Call& call) {
            const auto page = http::ParsePage(call.request());
            std::string where;
            db::Params params;
            if (const auto city = CityIdQuery(call.request()))
              where += " WHERE e.city_id = " + db::Bind(params, "city", *city);
            if (const auto kind = call.request().Query("kind")) {
              where += (where.empty() ? " WHERE " : " AND ") + std::string("e.kind = ") +
                       db::Bind(params, "kind", std::string(*kind));
            }
            if (auto year = YearCondition(call.request(), "year", "e.starts_on", params))
              where += (where.empty() ? " WHERE " : " AND ") + *year;
            return db.Read([&](db::Session& s) {
              return auth::Reply(ListPage(s, kExchangeSelect, kExchangeFrom + where,
                                          " ORDER BY e.starts_on DESC, e.id DESC", params, page,
                                          ExchangeJson));
            });
          });

  api.Get("/api/v1/network/exchanges/{id}",
          http::Doc("getNetworkExchange", "An exchange with a partner city")
              .Roles(kReaders)
              .Returns(http::Ref("NetworkExchange")),
          [&db](const auth::Call& call) {
            return db.Read([&](db::Session& s) { return auth::Reply(ExchangeById(s, call.Id())); });
          });

  api.Get(
      "/api/v1/network/review",
      http::Doc("networkReview",
                "The active partner cities with no project started and no exchange for the "
                "policy's number of years (network.dormant_after_years, default 3): "
                "candidates to mark dormant")
          .Roles(kReaders)
          .Returns(Json{
              {"type", "object"},
              {"required", {"since", "years", "items"}},
              {"properties",
               {{"since", {{"type", "string"}, {"format", "date"}}},
                {"years", {{"type", "integer"}}},
                {"items",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"required", {"city", "tier", "established", "last_exchange", "last_project"}},
                    {"properties",
                     {{"city", CityRefSchema()},
                      {"tier", {{"type", "string"}, {"enum", kTiers}}},
                      {"established", {{"type", "string"}, {"format", "date"}}},
                      {"last_exchange", {{"type", "string"}, {"nullable", true}}},
                      {"last_project", {{"type", "string"}, {"nullable", true}}}}}}}}}}}}),
      [&db, &app](const auth::Call&) {
        return db.Read([&](db::Session& s) {
          return auth::Reply(QuietCities(s, app, calendar::Date::TodayInChina()));
        });
      });
}

}  // namespace waishi::network
