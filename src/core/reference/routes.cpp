#include "core/reference/routes.h"

#include <charconv>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/holidays.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "core/http/params.h"
#include "core/i18n/utf8.h"
#include "core/log.h"
#include "core/validate/passport_name.h"

#ifndef WAISHI_VERSION
#error "WAISHI_VERSION must be defined by the build (CMakeLists.txt)"
#endif

namespace waishi::reference {
namespace {

using http::Request;
using http::Response;

// China is home: a trip there does not leave it, so it is not a destination.
constexpr std::string_view kHomeCountry = "CN";
constexpr int kMaxPassportNameInput = 50;     // characters
constexpr std::size_t kMaxHolidayName = 100;  // characters
constexpr int kMinYear = 1900, kMaxYear = 2200;

// A response built on first use and then served as is: for documents that never change
// while the server runs. If building throws, the next call tries again.
class LazyResponse {
 public:
  explicit LazyResponse(std::function<Json()> build) : build_(std::move(build)) {}
  Response Get() {
    std::call_once(once_, [this] { response_ = Response::Json(200, build_()); });
    return response_;
  }

 private:
  std::function<Json()> build_;
  std::once_flag once_;
  Response response_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Json DayJson(const calendar::CalendarDay& d) {
  return Json{{"date", d.date.ToString()},
              {"kind", calendar::DayKindName(d.kind)},
              {"name_zh", d.name_zh},
              {"name_en", d.name_en}};
}

// ?year=: 4 digits, kMinYear..kMaxYear; this year (in China) when absent.
int ParseYear(const Request& req) {
  auto q = req.Query("year");
  if (!q) return calendar::Date::TodayInChina().year();
  int year = 0;
  auto [end, ec] = std::from_chars(q->data(), q->data() + q->size(), year);
  if (ec != std::errc() || end != q->data() + q->size() || year < kMinYear || year > kMaxYear) {
    throw ApiError::InvalidQuery("year", "range",
                                 i18n::T("validation.range", {{"min", std::to_string(kMinYear)},
                                                              {"max", std::to_string(kMaxYear)}}));
  }
  return year;
}

// The {date} of a holiday URL; for PUT a bad date is a validation error naming the field.
calendar::Date DateParamOr422(const Request& req) {
  auto d = calendar::Date::Parse(req.Param("date"));
  if (!d)
    throw ApiError::Unprocessable({FieldError{"date", "type", i18n::T("validation.type.date")}});
  return *d;
}

// The (schema-checked) body of PUT /holidays/{date}: {"kind", "name_zh"?, "name_en"?}.
calendar::CalendarDay DayFromBody(const Json& body, calendar::Date date) {
  calendar::CalendarDay day;
  day.date = date;
  day.kind = *calendar::ParseDayKind(body["kind"].get<std::string>());
  for (const char* field : {"name_zh", "name_en"}) {
    if (!body.contains(field) || body[field].is_null()) continue;
    (std::string_view(field) == "name_zh" ? day.name_zh : day.name_en) =
        std::string(Trim(body[field].get<std::string>()));
  }
  return day;
}

Json DaySchema() {
  return Json{{"type", "object"},
              {"required", {"date", "kind", "name_zh", "name_en"}},
              {"properties",
               {{"date", {{"type", "string"}, {"format", "date"}}},
                {"kind", {{"type", "string"}, {"enum", {"holiday", "workday"}}}},
                {"name_zh", {{"type", "string"}}},
                {"name_en", {{"type", "string"}}}}}};
}

Json CountrySchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required", {"code", "alpha3", "name_zh", "name_en", "continent"}},
              {"properties",
               {{"code", text},
                {"alpha3", text},
                {"name_zh", text},
                {"name_en", text},
                {"continent",
                 {{"type", "string"}, {"enum", {"AF", "AN", "AS", "EU", "NA", "OC", "SA"}}}}}}};
}

}  // namespace

void Register(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  http::Router& router = app.router;
  auth::Endpoints api(app, "reference");
  api.Component("CalendarDay", DaySchema());
  api.Component("Country", CountrySchema());

  // --- public

  api.Get(
      "/api/v1/health",
      Doc("getHealth", "Liveness and the database in use")
          .Public()
          .Quick()
          .Returns({{"type", "object"},
                    {"required", {"status", "database", "version"}},
                    {"properties",
                     {{"status", {{"type", "string"}, {"enum", {"ok", "degraded"}}}},
                      {"database", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}},
                      {"version", {{"type", "string"}}}}}}),
      [&db](const auth::Call&) {
        Json body{{"status", "ok"}, {"database", db.DialectName()}, {"version", WAISHI_VERSION}};
        try {
          int one = 0;
          db.Read([&](db::Session& s) { one = s.Int("SELECT 1").value_or(0); });
          if (one != 1) body["status"] = "degraded";
        } catch (const std::exception&) {
          body["status"] = "degraded";
        }
        return auth::Reply(body, body["status"] == "ok" ? 200 : 503);
      });

  // For an orchestrator or a load balancer: live while the process answers (restart it if not);
  // ready when the database answers and holds every migration this server knows (send it
  // requests only then).
  api.Get("/api/v1/health/live",
          Doc("getLiveness", "The process answers (no database involved)")
              .Public()
              .Quick()
              .Returns({{"type", "object"},
                        {"required", {"status", "version"}},
                        {"properties",
                         {{"status", {{"type", "string"}, {"enum", {"live"}}}},
                          {"version", {{"type", "string"}}}}}}),
          [](const auth::Call&) {
            return auth::Reply(Json{{"status", "live"}, {"version", WAISHI_VERSION}});
          });
  api.Get(
      "/api/v1/health/ready",
      Doc("getReadiness",
          "The database answers and holds every migration this server knows: 200, else 503 "
          "naming why")
          .Public()
          .Returns({{"type", "object"},
                    {"required", {"status", "database", "migrations"}},
                    {"properties",
                     {{"status", {{"type", "string"}, {"enum", {"ready", "not_ready"}}}},
                      {"database", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}},
                      {"migrations",
                       {{"type", "object"},
                        {"required", {"applied", "known"}},
                        {"properties",
                         {{"applied", {{"type", "integer"}, {"nullable", true}}},
                          {"known", {{"type", "integer"}}}}}}},
                      {"reason", {{"type", "string"}, {"enum", {"database", "migrations"}}}}}}}),
      [&db](const auth::Call&) {
        const long long known = db.KnownMigrations();
        Json body{{"status", "ready"},
                  {"database", db.DialectName()},
                  {"migrations", {{"applied", nullptr}, {"known", known}}}};
        try {
          const long long applied = db.Read([](db::Session& s) {
            return s.Int("SELECT COUNT(*) FROM schema_migrations").value_or(0);
          });
          body["migrations"]["applied"] = applied;
          if (applied < known) {
            body["status"] = "not_ready";
            body["reason"] = "migrations";
          }
        } catch (const std::exception& e) {
          log::Warn(std::string("readiness: the database does not answer: ") + e.what());
          body["status"] = "not_ready";
          body["reason"] = "database";
        }
        return auth::Reply(body, body["status"] == "ready" ? 200 : 503);
      });

  // The router is complete only once every module has registered: build on first request.
  auto openapi =
      std::make_shared<LazyResponse>([&router] { return router.OpenApi(WAISHI_VERSION); });
  api.Get("/api/v1/openapi.json",
          Doc("getOpenApi", "This OpenAPI 3.0 document")
              .Public()
              .Returns({{"type", "object"}, {"additionalProperties", true}}),
          [openapi](const auth::Call&) { return openapi->Get(); });

  auto countries = std::make_shared<LazyResponse>([] {
    Json items = Json::array();
    for (const geo::Country& c : geo::AllCountries()) {
      if (c.code == kHomeCountry) continue;
      items.push_back({{"code", c.code},
                       {"alpha3", c.alpha3},
                       {"name_zh", c.name_zh},
                       {"name_en", c.name_en},
                       {"continent", c.continent}});
    }
    return Json{{"items", std::move(items)}};
  });
  api.Get("/api/v1/countries",
          Doc("listCountries", "Destination countries and territories (ISO 3166-1, without China)")
              .Public()
              .Returns(http::ItemsOf(http::Ref("Country"))),
          [countries](const auth::Call&) { return countries->Get(); });

  // --- signed in

  api.Get(
      "/api/v1/tools/passport-name",
      Doc("getPassportName", "Proposed passport spelling (pinyin) of a Chinese name")
          .Query({"name"})
          .Returns({{"type", "object"},
                    {"required", {"passport_name"}},
                    {"properties", {{"passport_name", {{"type", "string"}}}}}}),
      [](const auth::Call& call) {
        const std::string_view name = Trim(call.request().Query("name").value_or(""));
        if (name.empty()) {
          throw ApiError::Unprocessable(
              {FieldError{"name", "required", i18n::T("validation.required")}});
        }
        if (i18n::CodePoints(name) > kMaxPassportNameInput) {
          throw ApiError::Unprocessable({FieldError{
              "name", "max_length",
              i18n::T("validation.max_length", {{"max", std::to_string(kMaxPassportNameInput)}})}});
        }
        return auth::Reply({{"passport_name", validate::PassportName(name)}});
      });

  api.Get("/api/v1/holidays",
          Doc("listHolidays", "The year's public holidays and adjusted working days")
              .Query({"year"})
              .Returns(http::ItemsOf(http::Ref("CalendarDay"))),
          [&db](const auth::Call& call) {
            const int year = ParseYear(call.request());
            auto days = db.Read([&](db::Session& s) { return calendar::ListHolidays(s, year); });
            Json items = Json::array();
            for (const auto& d : days) items.push_back(DayJson(d));
            return auth::Reply({{"items", std::move(items)}});
          });

  // --- admin

  const Json name{{"type", "string"},
                  {"nullable", true},
                  {"maxLength", static_cast<long long>(kMaxHolidayName)}};
  const Json day_body{{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"kind"}},
                      {"properties",
                       {{"kind", {{"type", "string"}, {"enum", {"holiday", "workday"}}}},
                        {"name_zh", name},
                        {"name_en", name}}}};
  api.Put("/api/v1/holidays/{date}",
          Doc("putHoliday", "Set a day as a holiday or an adjusted working day")
              .Roles({"admin"})
              .Body(day_body)
              .Returns(http::Ref("CalendarDay")),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            const auto day = DayFromBody(call.body(), DateParamOr422(call.request()));
            db.Write([&](db::Session& s) {
              auto before = calendar::FindHoliday(s, day.date);
              calendar::PutHoliday(s, day);
              audit::Append(s, audit::By(who, "holiday.put", "holiday", day.date.ToString(),
                                         {{"before", before ? DayJson(*before) : Json(nullptr)},
                                          {"after", DayJson(day)}}));
            });
            return auth::Reply(DayJson(day));
          });

  api.Delete(
      "/api/v1/holidays/{date}",
      Doc("deleteHoliday", "Remove a day from the holiday calendar").Roles({"admin"}).NoContent(),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        auto date = calendar::Date::Parse(call.request().Param("date"));
        if (!date) throw ApiError::NotFound();
        const bool deleted = db.Write([&](db::Session& s) {
          auto before = calendar::FindHoliday(s, *date);
          if (!before || !calendar::DeleteHoliday(s, *date)) return false;
          audit::Append(s, audit::By(who, "holiday.delete", "holiday", date->ToString(),
                                     {{"before", DayJson(*before)}}));
          return true;
        });
        if (!deleted) throw ApiError::NotFound();
        return http::Response::NoContent();
      });
}

}  // namespace waishi::reference
