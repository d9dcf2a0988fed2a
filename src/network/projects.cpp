#include "network/projects.h"

#include <map>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/http/params.h"
#include "network/cities.h"

namespace waishi::network {
namespace {

constexpr const char* kSelect = R"(
  SELECT p.id, p.city_id, c.name_zh, c.name_en, c.country, p.field, p.direction, p.title_zh,
         p.title_en, p.our_partners, p.their_partners, p.amount, p.currency, p.status, p.started,
         p.outcomes, p.created_at, p.updated_at )";
constexpr const char* kFrom = "FROM network_projects p JOIN network_cities c ON c.id = p.city_id";
constexpr const char* kInsert = R"(
  INSERT INTO network_projects (city_id, field, direction, title_zh, title_en, our_partners,
                                their_partners, amount, currency, status, started, outcomes,
                                created_at, updated_at)
  VALUES (:c, :f, :d, :tz, :te, :op, :tp, :am, :cu, :s, :st, :o, :at, :at2))";
constexpr const char* kByField =
    "SELECT field, direction, COUNT(*) FROM network_projects GROUP BY field, direction";
// The list's filters besides the city: query parameter → column.
const std::vector<std::pair<const char*, const char*>> kFilters = {
    {"field", "p.field"}, {"direction", "p.direction"}, {"status", "p.status"}};

Json ProjectJson(const db::Row& r) {
  Json amount = nullptr;
  if (const auto minor = db::OptInt(r, 11))
    amount = Json{{"amount", *minor}, {"currency", db::Text(r, 12)}};
  return Json{{"id", db::Int(r, 0)},
              {"city", CityRefJson(r, 1)},
              {"field", db::Text(r, 5)},
              {"direction", db::Text(r, 6)},
              {"title_zh", db::Text(r, 7)},
              {"title_en", db::Text(r, 8)},
              {"our_partners", db::Text(r, 9)},
              {"their_partners", db::Text(r, 10)},
              {"amount", std::move(amount)},
              {"status", db::Text(r, 13)},
              {"started", db::AnyCol(r, 14)},
              {"outcomes", db::Text(r, 15)},
              {"created_at", db::Text(r, 16)},
              {"updated_at", db::Text(r, 17)}};
}

Json MoneySchema() {
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"amount", "currency"}},
              {"description", "an amount in the currency's minor unit (fen for CNY)"},
              {"properties",
               {{"amount", {{"type", "integer"}, {"minimum", 0}}},
                {"currency", {{"type", "string"}, {"enum", kCurrencies}}}}}};
}

Json ProjectSchema() {
  const Json text = {{"type", "string"}};
  Json money = MoneySchema();
  money["nullable"] = true;
  money.erase("additionalProperties");
  return Json{
      {"type", "object"},
      {"required",
       {"id", "city", "field", "direction", "title_zh", "title_en", "our_partners",
        "their_partners", "amount", "status", "started", "outcomes", "created_at", "updated_at"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"city", CityRefSchema()},
        {"field", {{"type", "string"}, {"enum", kFields}}},
        {"direction", {{"type", "string"}, {"enum", kDirections}}},
        {"title_zh", text},
        {"title_en", text},
        {"our_partners", text},
        {"their_partners", text},
        {"amount", std::move(money)},
        {"status", {{"type", "string"}, {"enum", kProjectStatuses}}},
        {"started", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
        {"outcomes", text},
        {"created_at", text},
        {"updated_at", text}}}};
}

Json NewProjectBody() {
  const Json title = {{"type", "string"}, {"minLength", 1}, {"maxLength", 300}};
  const Json text = {{"type", "string"}, {"maxLength", 2000}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"city_id", "field", "direction", "title_zh", "title_en", "status"}},
              {"properties",
               {{"city_id", {{"type", "integer"}, {"minimum", 1}}},
                {"field", {{"type", "string"}, {"enum", kFields}}},
                {"direction", {{"type", "string"}, {"enum", kDirections}}},
                {"title_zh", title},
                {"title_en", title},
                {"our_partners", text},
                {"their_partners", text},
                {"amount", MoneySchema()},
                {"status", {{"type", "string"}, {"enum", kProjectStatuses}}},
                {"started", {{"type", "string"}, {"format", "date"}}},
                {"outcomes", {{"type", "string"}, {"maxLength", 5000}}}}}};
}

Json ProjectById(db::Session& s, long long id) {
  std::optional<Json> project;
  s.Query(std::string(kSelect) + kFrom + " WHERE p.id = :id", {{"id", id}},
          [&](const db::Row& r) { project = ProjectJson(r); });
  if (!project) throw ApiError::NotFound();
  return *project;
}

}  // namespace

long long InsertProject(db::Session& tx, const Json& b) {
  const long long city = b["city_id"].get<long long>();
  RequireCity(tx, city);
  const bool money = b.contains("amount");
  const std::string now = clock::NowIso();
  return tx.Insert(
      kInsert,
      {{"c", city},
       {"f", b["field"].get<std::string>()},
       {"d", b["direction"].get<std::string>()},
       {"tz", b["title_zh"].get<std::string>()},
       {"te", b["title_en"].get<std::string>()},
       {"op", b.value("our_partners", "")},
       {"tp", b.value("their_partners", "")},
       {"am", money ? db::Value(b["amount"]["amount"].get<long long>()) : db::Value()},
       {"cu", money ? db::Value(b["amount"]["currency"].get<std::string>()) : db::Value()},
       {"s", b["status"].get<std::string>()},
       {"st", b.contains("started") ? db::Value(b["started"].get<std::string>()) : db::Value()},
       {"o", b.value("outcomes", "")},
       {"at", now},
       {"at2", now}});
}

Json ProjectFigures(db::Session& s) {
  std::map<std::string, std::map<std::string, long long>> counts;  // field → direction → n
  long long total = 0;
  s.Query(kByField, {}, [&](const db::Row& r) {
    counts[db::Text(r, 0)][db::Text(r, 1)] = db::Int(r, 2);
    total += db::Int(r, 2);
  });
  Json by_field = Json::array();
  for (const std::string& field : kFields) {
    Json row{{"field", field}};
    long long projects = 0;
    for (const std::string& direction : kDirections) {
      row[direction] = counts[field][direction];
      projects += counts[field][direction];
    }
    row["projects"] = projects;
    by_field.push_back(std::move(row));
  }
  return Json{{"projects", total}, {"projects_by_field", std::move(by_field)}};
}

Json ProjectFiguresSchema() {
  const Json count = {{"type", "integer"}};
  return Json{{"projects", count},
              {"projects_by_field",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"required", {"field", "projects", "inbound", "outbound", "joint"}},
                  {"properties",
                   {{"field", {{"type", "string"}, {"enum", kFields}}},
                    {"projects", count},
                    {"inbound", count},
                    {"outbound", count},
                    {"joint", count}}}}}}}};
}

void RegisterProjectRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Component("NetworkProject", ProjectSchema());

  api.Post("/api/v1/network/projects",
           http::Doc("createNetworkProject", "Adds a cooperation project with a partner city")
               .Roles(kStaff)
               .Body(NewProjectBody())
               .Returns(http::Ref("NetworkProject"), 201),
           [&db](const auth::Call& call) {
             const Json& b = call.body();
             return db.Write([&](db::Session& tx) {
               const long long id = InsertProject(tx, b);
               audit::Append(tx, audit::By(call.who(), "network.project.create", "network_project",
                                           std::to_string(id), {{"city_id", b["city_id"]}}));
               return auth::Reply(ProjectById(tx, id), 201);
             });
           });

  api.Get("/api/v1/network/projects",
          http::Doc("listNetworkProjects",
                    "The cooperation projects, latest started first, filtered by partner city, "
                    "field, direction and status")
              .Roles(kReaders)
              .Query({"city_id", "field", "direction", "status", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("NetworkProject"))),
          [&db](const auth::Call& call) {
            const auto page = http::ParsePage(call.request());
            std::string where;
            db::Params params;
            auto filter = [&](const char* column, const char* name, db::Value value) {
              where += (where.empty() ? " WHERE " : " AND ") + std::string(column) + " = " +
                       db::Bind(params, name, std::move(value));
            };
            if (const auto city = CityIdQuery(call.request())) filter("p.city_id", "city", *city);
            for (const auto& [name, column] : kFilters) {
              if (const auto value = call.request().Query(name))
                filter(column, name, std::string(*value));
            }
            return db.Read([&](db::Session& s) {
              return auth::Reply(ListPage(s, kSelect, kFrom + where,
                                          " ORDER BY p.started IS NULL, p.started DESC, p.id DESC",
                                          params, page, ProjectJson));
            });
          });

  api.Get("/api/v1/network/projects/{id}",
          http::Doc("getNetworkProject", "A cooperation project")
              .Roles(kReaders)
              .Returns(http::Ref("NetworkProject")),
          [&db](const auth::Call& call) {
            return db.Read([&](db::Session& s) { return auth::Reply(ProjectById(s, call.Id())); });
          });
}

}  // namespace waishi::network
