#include "safety/safety.h"

#include <chrono>
#include <cstdio>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/error.h"
#include "safety/affected.h"
#include "safety/import.h"
#include "safety/parts.h"
#include "safety/retention.h"

namespace waishi::safety {
namespace {

Json AffectedBody() {
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"lat", "lon", "radius_km", "from", "to"}},
              {"properties",
               {{"lat", {{"type", "number"}, {"minimum", -90}, {"maximum", 90}}},
                {"lon", {{"type", "number"}, {"minimum", -180}, {"maximum", 180}}},
                // From 100 m to 20,000 km, nearly half the Earth's circumference (20,015 km).
                {"radius_km", {{"type", "number"}, {"minimum", 0.1}, {"maximum", 20000}}},
                {"from", date},
                {"to", date},
                {"page", {{"type", "integer"}, {"minimum", 1}}},
                {"page_size", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}}}}};
}

Json AffectedAnswer() {
  const Json count = {{"type", "integer"}};
  const Json text = {{"type", "string"}};
  const Json number = {{"type", "number"}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{
      {"type", "object"},
      {"required",
       {"legs", "people", "groups", "enterprises", "now", "by_country", "by_city", "items", "page",
        "page_size"}},
      {"properties",
       {{"legs", count},
        {"people", count},
        {"groups", count},
        {"enterprises", count},
        {"now",
         {{"type", "object"},
          {"nullable", true},
          {"description", "those there today, when today is inside the window"},
          {"required", {"date", "legs", "people"}},
          {"properties", {{"date", date}, {"legs", count}, {"people", count}}}}},
        {"by_country",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"country", "legs", "people"}},
            {"properties", {{"country", text}, {"legs", count}, {"people", count}}}}}}},
        {"by_city",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"country", "city", "legs", "people"}},
            {"properties",
             {{"country", text}, {"city", text}, {"legs", count}, {"people", count}}}}}}},
        {"items",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required",
             {"person_id", "name", "country", "city", "lat", "lon", "from", "to", "distance_km"}},
            {"properties",
             {{"person_id", count},
              {"name", text},
              {"country", text},
              {"city", text},
              {"lat", number},
              {"lon", number},
              {"from", date},
              {"to", date},
              {"distance_km", number}}}}}}},
        {"page", count},
        {"page_size", count}}}};
}

void RegisterRoutes(App& app) {
  app.cases.AddDesk({std::string(kDesk), i18n::T("safety.desk")});
  app.policies.Add(cases::PolicySpec{std::string(kPolicy), DefaultPolicy(), ValidatePolicy});
  app.cases.AddEffect("safety.register_trip", RegisterTrip);
  db::Database& db = app.db;
  auth::Endpoints api(app, "safety");

  api.Post("/api/v1/safety/affected",
           http::Doc("findAffected",
                     "Everyone of the register inside a circle during a window: counts, and the "
                     "people nearest first, paged (the read is audited)")
               .Roles(kDeskReaders)
               .Body(AffectedBody())
               .Returns(AffectedAnswer()),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const Json& body = call.body();
             // The schema checked the form of each member; the order of the dates is ours.
             const auto from = calendar::Date::Parse(body["from"].get<std::string>());
             const auto to = calendar::Date::Parse(body["to"].get<std::string>());
             if (!from || !to) throw std::logic_error("the schema let a bad date through");
             if (*to < *from) {
               throw ApiError::Unprocessable(
                   {{"to", "safety.window_order", i18n::T("safety.window_order")}});
             }
             const Incident incident{body["lat"].get<double>(), body["lon"].get<double>(),
                                     body["radius_km"].get<double>(), *from, *to};
             Json answer = db.Read([&](db::Session& s) {
               return Summarize(s, FindAffected(s, incident), incident,
                                calendar::Date::TodayInChina(), body.value("page", 1),
                                body.value("page_size", 50));
             });
             audit::AppendDetached(db, audit::By(who, "safety.affected.read", "safety_register", "",
                                                 {{"lat", incident.lat},
                                                  {"lon", incident.lon},
                                                  {"radius_km", incident.radius_km},
                                                  {"from", from->ToString()},
                                                  {"to", to->ToString()},
                                                  {"people", answer["people"]}}));
             return auth::Reply(std::move(answer));
           });
  RegisterIncidentRoutes(app);
  RegisterAlertRoutes(app);
  RegisterRegistrationRoutes(app);
  RegisterGroupRoutes(app);
  RegisterPeopleRoutes(app);
}

// waishi import itineraries --db URL FILE.csv
int ImportCommand(App& app, const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fputs("usage: waishi import itineraries --db URL FILE.csv\n", stderr);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const ImportResult r = ImportItineraries(app.db, args[0], [&](long long rows) {
    std::fprintf(stderr, "\r%lld rows read, %.0f rows/s", rows, rows / seconds());
  });
  const double took = seconds();
  std::fputs("\n", stderr);
  if (r.bad_rows > 0) {
    for (const RowError& e : r.errors) {
      std::fprintf(stderr, "line %lld%s%s: %s / %s\n", e.line, e.column.empty() ? "" : ", ",
                   e.column.c_str(), e.message.zh.c_str(), e.message.en.c_str());
    }
    std::fprintf(stderr, "%lld bad rows: nothing imported\n", r.bad_rows);
    return 1;
  }
  // A JSON line, for scripts (bench/run.sh reads the rate).
  std::printf("{\"legs\": %lld, \"people\": %lld, \"seconds\": %.3f, \"legs_per_second\": %.0f}\n",
              r.legs, r.people, took, took > 0 ? r.legs / took : 0.0);
  return 0;
}

}  // namespace

void RequireDesk(const auth::Principal& who) {
  if (who.WorksDesk(kDesk) || who.ReadsEverything()) return;
  throw ApiError::Forbidden();
}

waishi::Module Module() {
  waishi::Module m;
  m.name = "safety";
  m.migrations = "src/safety/migrations/";
  m.setup = RegisterRoutes;
  m.demo = LoadDemo;
  m.retention = RunRetention;
  m.commands.push_back({{"import", "itineraries"}, "--db URL FILE.csv", ImportCommand});
  m.commands.push_back({{"bench", "crisis"}, "--db URL [QUERIES] [SCANS]", BenchCrisis});
  m.commands.push_back({{"bench", "roll-call"}, "--db URL [PEOPLE]", BenchRollCall});
  return m;
}

}  // namespace waishi::safety
