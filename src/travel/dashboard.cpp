// The leadership dashboard's travel figures: applications by state and by month, the
// median processing days with and without the green channel, the top destinations.
#include <algorithm>
#include <map>

#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "travel/parts.h"

namespace waishi::travel {
namespace {

constexpr const char* kByState = R"(
  SELECT state, COUNT(*) FROM cases
  WHERE type = 'outbound_travel' AND state <> 'draft'
  GROUP BY state)";

constexpr const char* kByMonth = R"(
  SELECT substr(submitted_at, 1, 7) AS m, COUNT(*) FROM cases
  WHERE type = 'outbound_travel' AND submitted_at IS NOT NULL AND substr(submitted_at, 1, 7) >= :s
  GROUP BY substr(submitted_at, 1, 7) ORDER BY m)";

constexpr const char* kSubmittedSince = R"(
  SELECT c.submitted_at, c.decided_at, COALESCE(t.direct_report, 0), c.summary
  FROM cases c LEFT JOIN travel_cases t ON t.case_id = c.id
  WHERE c.type = 'outbound_travel' AND c.submitted_at IS NOT NULL
    AND substr(c.submitted_at, 1, 7) >= :s)";

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Days between two ISO instants (their date parts).
double DaysBetween(const std::string& from, const std::string& to) {
  auto a = calendar::Date::Parse(from.substr(0, 10)), b = calendar::Date::Parse(to.substr(0, 10));
  return a && b ? b->days() - a->days() : 0;
}

}  // namespace

namespace {

Json DashboardSchema() {
  const Json count = {{"type", "integer"}};
  return Json{{"type", "object"},
              {"required", {"by_state", "by_month", "processing_days", "top_countries"}},
              {"properties",
               {{"by_state", {{"type", "object"}, {"additionalProperties", count}}},
                {"by_month",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"required", {"month", "count"}},
                    {"properties", {{"month", {{"type", "string"}}}, {"count", count}}}}}}},
                {"processing_days",
                 {{"type", "object"},
                  {"required", {"direct_report", "normal", "direct_report_cases", "normal_cases"}},
                  {"properties",
                   {{"direct_report", {{"type", "number"}}},
                    {"normal", {{"type", "number"}}},
                    {"direct_report_cases", count},
                    {"normal_cases", count}}}}},
                {"top_countries",
                 {{"type", "array"},
                  {"items",
                   {{"type", "object"},
                    {"required", {"country", "count"}},
                    {"properties", {{"country", {{"type", "string"}}}, {"count", count}}}}}}}}}};
}

}  // namespace

void RegisterDashboard(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "travel");
  api.Get(
      "/api/v1/dashboard/travel",
      Doc("getTravelDashboard",
          "Figures for the leadership dashboard: by state, by month, processing days, destinations")
          .Returns(DashboardSchema()),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        if (who.org_kind != "office" || !(who.OnDesk(kDesk) || who.ReadsEverything()))
          throw ApiError::Forbidden();
        return auth::Reply(db.Read([&](db::Session& s) {
          Json by_state = Json::object();
          s.Query(kByState, {},
                  [&](const db::Row& row) { by_state[db::Text(row, 0)] = db::Int(row, 1); });
          const std::string since = clock::IsoAfter(-std::chrono::hours(24 * 366)).substr(0, 7);
          Json by_month = Json::array();
          s.Query(kByMonth, {{"s", since}}, [&](const db::Row& row) {
            by_month.push_back({{"month", db::Text(row, 0)}, {"count", db::Int(row, 1)}});
          });
          std::vector<double> green, normal;
          std::map<std::string, long long> countries;
          s.Query(kSubmittedSince, {{"s", since}}, [&](const db::Row& row) {
            if (auto d = db::OptText(row, 1))
              (db::Bool(row, 2) ? green : normal).push_back(DaysBetween(db::Text(row, 0), *d));
            for (const auto& c : db::JsonCol(row, 3).value("countries", Json::array()))
              countries[c.get<std::string>()]++;
          });
          std::vector<std::pair<std::string, long long>> top(countries.begin(), countries.end());
          std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
          });
          Json top_json = Json::array();
          for (std::size_t i = 0; i < top.size() && i < 10; ++i) {
            top_json.push_back({{"country", top[i].first}, {"count", top[i].second}});
          }
          return Json{{"by_state", by_state},
                      {"by_month", by_month},
                      {"processing_days",
                       {{"direct_report", Median(green)},
                        {"normal", Median(normal)},
                        {"direct_report_cases", green.size()},
                        {"normal_cases", normal.size()}}},
                      {"top_countries", top_json}};
        }));
      });
}

}  // namespace waishi::travel
