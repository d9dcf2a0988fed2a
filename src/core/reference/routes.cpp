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
#include "core/calendar/holidays.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "core/http/params.h"
#include "core/validate/passport_name.h"

#ifndef WAISHI_VERSION
#error "WAISHI_VERSION must be defined by the build (CMakeLists.txt)"
#endif

namespace waishi::reference {
namespace {

using http::Method;
using http::Request;
using http::Response;

// China is home: a trip there does not leave it, so it is not a destination.
constexpr std::string_view kHomeCountry = "CN";
constexpr std::size_t kMaxPassportNameInput = 50;  // characters
constexpr std::size_t kMaxHolidayName = 100;       // characters
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

// What the OpenAPI document says about a route (a function rather than a brace list, whose
// omitted members -Wmissing-field-initializers would flag).
http::RouteDoc Doc(std::string summary, bool requires_auth = true, Json request_body = nullptr,
                   std::vector<std::string> query = {}) {
  http::RouteDoc doc;
  doc.tag = "reference";
  doc.summary = std::move(summary);
  doc.requires_auth = requires_auth;
  doc.request_body = std::move(request_body);
  doc.query = std::move(query);
  return doc;
}

// Characters (code points) of UTF-8 text: the bytes that do not continue a sequence.
std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

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

// The body of PUT /holidays/{date}: {"kind", "name_zh"?, "name_en"?}.
calendar::CalendarDay ParseDayBody(const Request& req, calendar::Date date) {
  Json body = http::JsonBody(req);
  http::RejectUnknownFields(body, {"kind", "name_zh", "name_en"});
  std::vector<FieldError> errors;
  calendar::CalendarDay day;
  day.date = date;
  const auto kind_error = [] {
    return FieldError{"kind", "enum", i18n::T("validation.enum", {{"values", "holiday, workday"}})};
  };
  if (!body.contains("kind") || body["kind"].is_null()) {
    errors.push_back(FieldError{"kind", "required", i18n::T("validation.required")});
  } else if (!body["kind"].is_string()) {
    errors.push_back(kind_error());
  } else if (auto kind = calendar::ParseDayKind(body["kind"].get<std::string>())) {
    day.kind = *kind;
  } else {
    errors.push_back(kind_error());
  }
  for (const char* field : {"name_zh", "name_en"}) {
    if (!body.contains(field) || body[field].is_null()) continue;
    if (!body[field].is_string()) {
      errors.push_back(FieldError{field, "type", i18n::T("validation.type.text")});
      continue;
    }
    std::string value(Trim(body[field].get<std::string>()));
    if (Utf8Length(value) > kMaxHolidayName) {
      errors.push_back(
          FieldError{field, "max_length",
                     i18n::T("validation.max_length", {{"max", std::to_string(kMaxHolidayName)}})});
    }
    (std::string_view(field) == "name_zh" ? day.name_zh : day.name_en) = std::move(value);
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
  return day;
}

}  // namespace

void Register(App& app) {
  db::Database& db = app.db;
  http::Router& router = app.router;

  // --- public ---

  router.Add(
      Method::kGet, "/api/v1/health", http::Quick(Doc("Liveness and the database in use", false)),
      [&db](const Request&) {
        Json body{{"status", "ok"}, {"database", db.DialectName()}, {"version", WAISHI_VERSION}};
        try {
          int one = 0;
          db.Read([&](soci::session& s) { s << "SELECT 1", soci::into(one); });
          if (one != 1) body["status"] = "degraded";
        } catch (const std::exception&) {
          body["status"] = "degraded";
        }
        return Response::Json(body["status"] == "ok" ? 200 : 503, body);
      });

  // The router is complete only once every module has registered: build on first request.
  auto openapi =
      std::make_shared<LazyResponse>([&router] { return router.OpenApi(WAISHI_VERSION); });
  router.Add(Method::kGet, "/api/v1/openapi.json", Doc("This OpenAPI 3 document", false),
             [openapi](const Request&) { return openapi->Get(); });

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
  router.Add(Method::kGet, "/api/v1/countries",
             Doc("Destination countries and territories (ISO 3166-1, without China)", false),
             [countries](const Request&) { return countries->Get(); });

  // --- signed in ---

  router.Add(
      Method::kGet, "/api/v1/tools/passport-name",
      Doc("Proposed passport spelling (pinyin) of a Chinese name", true, nullptr, {"name"}),
      [&db](const Request& req) {
        auth::Authenticate(db, req);
        const std::string_view name = Trim(req.Query("name").value_or(""));
        if (name.empty()) {
          throw ApiError::Unprocessable(
              {FieldError{"name", "required", i18n::T("validation.required")}});
        }
        if (Utf8Length(name) > kMaxPassportNameInput) {
          throw ApiError::Unprocessable({FieldError{
              "name", "max_length",
              i18n::T("validation.max_length", {{"max", std::to_string(kMaxPassportNameInput)}})}});
        }
        return Response::Json(200, {{"passport_name", validate::PassportName(name)}});
      });

  router.Add(Method::kGet, "/api/v1/holidays",
             Doc("The year's public holidays and adjusted working days", true, nullptr, {"year"}),
             [&db](const Request& req) {
               auth::Authenticate(db, req);
               const int year = ParseYear(req);
               auto days =
                   db.Read([&](soci::session& s) { return calendar::ListHolidays(s, year); });
               Json items = Json::array();
               for (const auto& d : days) items.push_back(DayJson(d));
               return Response::Json(200, {{"items", std::move(items)}});
             });

  // --- admin ---

  const Json day_schema{{"type", "object"},
                        {"required", {"kind"}},
                        {"properties",
                         {{"kind", {{"type", "string"}, {"enum", {"holiday", "workday"}}}},
                          {"name_zh", {{"type", "string"}, {"maxLength", kMaxHolidayName}}},
                          {"name_en", {{"type", "string"}, {"maxLength", kMaxHolidayName}}}}}};
  router.Add(Method::kPut, "/api/v1/holidays/{date}",
             Doc("Set a day as a holiday or an adjusted working day (admin)", true, day_schema),
             [&db](const Request& req) {
               auto who = auth::Authenticate(db, req);
               auth::RequireAnyRole(who, {"admin"});
               const auto day = ParseDayBody(req, DateParamOr422(req));
               db.Write([&](soci::session& s) {
                 auto before = calendar::FindHoliday(s, day.date);
                 calendar::PutHoliday(s, day);
                 audit::Append(s, audit::By(who, "holiday.put", "holiday", day.date.ToString(),
                                            {{"before", before ? DayJson(*before) : Json(nullptr)},
                                             {"after", DayJson(day)}}));
               });
               return Response::Json(200, DayJson(day));
             });

  router.Add(Method::kDelete, "/api/v1/holidays/{date}",
             Doc("Remove a day from the holiday calendar (admin)"), [&db](const Request& req) {
               auto who = auth::Authenticate(db, req);
               auth::RequireAnyRole(who, {"admin"});
               auto date = calendar::Date::Parse(req.Param("date"));
               if (!date) throw ApiError::NotFound();
               const bool deleted = db.Write([&](soci::session& s) {
                 auto before = calendar::FindHoliday(s, *date);
                 if (!before || !calendar::DeleteHoliday(s, *date)) return false;
                 audit::Append(s, audit::By(who, "holiday.delete", "holiday", date->ToString(),
                                            {{"before", DayJson(*before)}}));
                 return true;
               });
               if (!deleted) throw ApiError::NotFound();
               return Response::NoContent();
             });
}

}  // namespace waishi::reference
