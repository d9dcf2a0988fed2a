#include "travel/travel.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/cases/definition.h"
#include "core/cases/policy.h"
#include "core/clock.h"
#include "core/db/query.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/resources.h"
#include "travel/rules.h"

namespace waishi::travel {
namespace {

constexpr std::string_view kType = "outbound_travel";
constexpr std::string_view kPolicy = "outbound_travel";

// ---------------------------------------------------------------------------
// Hooks the case engine calls
// ---------------------------------------------------------------------------

Json Summary(const Json& data) {
  Json countries = Json::array();
  std::set<std::string> seen;
  for (const auto& leg : data.value("itinerary", Json::array())) {
    const std::string c = leg.value("country", "");
    if (!c.empty() && seen.insert(c).second) countries.push_back(c);
  }
  return Json{{"purpose", data.value("purpose", "")},
              {"countries", countries},
              {"departure_date", data.value("departure_date", "")},
              {"return_date", data.value("return_date", "")},
              {"members_count", data.value("members", Json::array()).size()}};
}

std::string SearchText(const Json& data) {
  std::string text = data.value("purpose", "");
  for (const auto& m : data.value("members", Json::array())) {
    text += " " + m.value("name", "") + " " + m.value("passport_name", "");
  }
  for (const auto& leg : data.value("itinerary", Json::array()))
    text += " " + leg.value("city", "");
  if (data.contains("inviter") && data["inviter"].is_object())
    text += " " + data["inviter"].value("name", "");
  return text;
}

// Approving books the members' official passports out of the office's custody, due back
// passport_due_days after return; the post-trip report falls due report_months after it.
void BookOutPassports(soci::session& s, const cases::CaseRecord& c, const auth::Principal& who,
                      const Json& policy) {
  const auto ret = calendar::Date::Parse(c.data.value("return_date", ""));
  if (!ret) return;
  const std::string due = ret->AddDays(policy.value("passport_due_days", 7)).ToString();
  const std::string report_due = ret->AddMonths(policy.value("report_months", 1)).ToString();
  const std::string now = clock::NowIso();
  for (const auto& m : c.data.value("members", Json::array())) {
    const std::string name = m.value("name", ""), id_number = m.value("id_number", "");
    s << "INSERT INTO passport_custody (case_id, member_name, id_number, issued_at, due_date) "
         "VALUES (:c, :n, :i, :at, :d)",
        soci::use(c.id), soci::use(name), soci::use(id_number), soci::use(now), soci::use(due);
  }
  s << "UPDATE cases SET report_due_date = :d WHERE id = :id", soci::use(report_due),
      soci::use(c.id);
  audit::Append(
      s, audit::By(who, "passport.issue", "case", std::to_string(c.id), {{"due_date", due}}));
}

void RecordReport(soci::session& s, const cases::CaseRecord& c, const auth::Principal&,
                  const Json&) {
  std::string report_due;
  soci::indicator ind = soci::i_null;
  s << "SELECT report_due_date FROM cases WHERE id = :id", soci::use(c.id),
      soci::into(report_due, ind);
  const std::string today = calendar::Date::TodayInChina().ToString(), now = clock::NowIso();
  const int late = ind == soci::i_ok && !report_due.empty() && today > report_due ? 1 : 0;
  s << "UPDATE cases SET reported_at = :r, report_late = :l WHERE id = :id", soci::use(now),
      soci::use(late), soci::use(c.id);
}

// ---------------------------------------------------------------------------
// Green channel (直报)
// ---------------------------------------------------------------------------

struct OrgInfo {
  long long id = 0;
  std::string kind;
  bool direct_report = false;
};

OrgInfo LoadOrg(soci::session& s, long long id) {
  OrgInfo org;
  soci::indicator ind = soci::i_null;
  int direct = 0;
  s << "SELECT id, kind, direct_report FROM organizations WHERE id = :id", soci::use(id),
      soci::into(org.id, ind), soci::into(org.kind), soci::into(direct);
  if (ind != soci::i_ok) throw ApiError::NotFound();
  org.direct_report = direct != 0;
  return org;
}

// Office staff see any enterprise; an enterprise's own users see theirs; others nothing.
void RequireOrgVisible(const auth::Principal& who, long long org_id) {
  if (who.org_kind == "office" && who.IsOffice()) return;
  if (who.org_id == org_id && who.HasAny({"enterprise_user", "enterprise_admin"})) return;
  throw ApiError::NotFound();
}

Json Eligibility(soci::session& s, const OrgInfo& org) {
  const Json policy = cases::LoadPolicy(s, kPolicy);
  const Json& thresholds = policy["direct_report"];
  const std::string year_ago = clock::IsoAfter(-std::chrono::hours(24 * 365));
  const std::string today = calendar::Date::TodayInChina().ToString();
  long long trips = 0, rejected = 0, late = 0;
  s << "SELECT COUNT(*) FROM cases WHERE org_id = :o AND type = 'outbound_travel' AND state IN "
       "('approved', 'report_due', 'completed') AND decided_at >= :y",
      soci::use(org.id), soci::use(year_ago), soci::into(trips);
  s << "SELECT COUNT(*) FROM cases WHERE org_id = :o AND type = 'outbound_travel' AND state = "
       "'rejected' "
       "AND decided_at >= :y",
      soci::use(org.id), soci::use(year_ago), soci::into(rejected);
  s << "SELECT COUNT(*) FROM cases WHERE org_id = :o AND type = 'outbound_travel' AND (report_late "
       "= 1 OR "
       "(state = 'report_due' AND report_due_date < :t))",
      soci::use(org.id), soci::use(today), soci::into(late);
  auto criterion = [](const char* id, long long value, long long threshold, bool at_least) {
    const bool passed = at_least ? value >= threshold : value <= threshold;
    return Json{{"id", id},
                {"label", i18n::T(std::string("travel.eligibility.") + id).ToJson()},
                {"value", value},
                {"threshold", threshold},
                {"comparison", at_least ? ">=" : "<="},
                {"passed", passed}};
  };
  Json criteria = Json::array(
      {criterion("trips_12m", trips, thresholds.value("min_trips_12m", 3), true),
       criterion("rejected_12m", rejected, thresholds.value("max_rejected_12m", 0), false),
       criterion("overdue_reports", late, thresholds.value("max_overdue_reports", 0), false)});
  const bool eligible = std::all_of(criteria.begin(), criteria.end(),
                                    [](const Json& c) { return c["passed"].get<bool>(); });
  return Json{{"org_id", org.id},
              {"direct_report", org.direct_report},
              {"eligible", eligible},
              {"criteria", criteria}};
}

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

Json EligibilitySchema() {
  return Json{
      {"type", "object"},
      {"required", {"org_id", "direct_report", "eligible", "criteria"}},
      {"properties",
       {{"org_id", {{"type", "integer"}}},
        {"direct_report", {{"type", "boolean"}}},
        {"eligible", {{"type", "boolean"}}},
        {"criteria",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"id", "label", "value", "threshold", "passed"}},
            {"properties",
             {{"id", {{"type", "string"}}},
              {"label", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
              {"value", {{"type", "integer"}}},
              {"threshold", {{"type", "integer"}}},
              {"passed", {{"type", "boolean"}}}}}}}}}}}};
}

Json CustodySchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "case_id", "case_number", "member_name", "id_number", "issued_at", "due_date",
                "returned_at", "overdue"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"case_id", {{"type", "integer"}}},
                {"case_number", text},
                {"member_name", text},
                {"id_number", text},
                {"issued_at", text},
                {"due_date", text},
                {"returned_at", {{"type", "string"}, {"nullable", true}}},
                {"overdue", {{"type", "boolean"}}}}}};
}

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

void RegisterRoutes(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "travel");
  api.Component("Eligibility", EligibilitySchema());

  // --- office and the enterprise itself
  api.Get("/api/v1/organizations/{id}/direct-report-eligibility",
          Doc("getDirectReportEligibility",
              "The green-channel recommendation computed from the enterprise's record")
              .Returns(http::Ref("Eligibility")),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            const long long id = call.Id();
            RequireOrgVisible(who, id);
            return auth::Reply(db.Read([&](soci::session& s) {
              OrgInfo org = LoadOrg(s, id);
              if (org.kind != "enterprise") throw ApiError::NotFound();
              return Eligibility(s, org);
            }));
          });

  api.Post(
      "/api/v1/organizations/{id}/direct-report",
      Doc("setDirectReport", "Grant or revoke the green channel (an office officer), with a reason")
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"granted", "reason"}},
                 {"properties",
                  {{"granted", {{"type", "boolean"}}},
                   {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}}}}})
          .Returns(http::Ref("Eligibility")),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        const long long id = call.Id();
        RequireOrgVisible(who, id);
        auth::RequireAnyRole(who, {"officer"});
        if (who.org_kind != "office") throw ApiError::Forbidden();
        const Json& body = call.body();
        const int granted = body["granted"].get<bool>() ? 1 : 0;
        const std::string reason = body["reason"];
        return auth::Reply(db.Write([&](soci::session& s) {
          OrgInfo org = LoadOrg(s, id);
          if (org.kind != "enterprise") throw ApiError::NotFound();
          const std::string now = clock::NowIso();
          s << "UPDATE organizations SET direct_report = :g WHERE id = :id", soci::use(granted),
              soci::use(id);
          s << "INSERT INTO direct_report_history (org_id, granted, reason, by_user, at) VALUES "
               "(:o, :g, :r, :u, :a)",
              soci::use(id), soci::use(granted), soci::use(reason), soci::use(who.user_id),
              soci::use(now);
          audit::Append(
              s, audit::By(who, granted ? "org.direct_report.grant" : "org.direct_report.revoke",
                           "organization", std::to_string(id), {{"reason", reason}}));
          org.direct_report = granted != 0;
          return Eligibility(s, org);
        }));
      });

  api.Get("/api/v1/organizations/{id}/direct-report-history",
          Doc("listDirectReportHistory", "Who granted or revoked the green channel, when and why")
              .Returns(http::ItemsOf({{"type", "object"},
                                      {"required", {"id", "granted", "reason", "by", "at"}},
                                      {"properties",
                                       {{"id", {{"type", "integer"}}},
                                        {"granted", {{"type", "boolean"}}},
                                        {"reason", {{"type", "string"}}},
                                        {"by", {{"type", "string"}}},
                                        {"at", {{"type", "string"}, {"format", "date-time"}}}}}})),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            const long long id = call.Id();
            RequireOrgVisible(who, id);
            return auth::Reply(db.Read([&](soci::session& s) {
              LoadOrg(s, id);
              Json items = Json::array();
              soci::rowset<soci::row> rows =
                  (s.prepare
                       << "SELECT h.id, h.granted, h.reason, u.display_name, h.at FROM "
                          "direct_report_history h "
                          "JOIN users u ON u.id = h.by_user WHERE h.org_id = :o ORDER BY h.id DESC",
                   soci::use(id));
              for (const auto& row : rows) {
                items.push_back({{"id", db::Int(row, 0)},
                                 {"granted", db::Bool(row, 1)},
                                 {"reason", db::Text(row, 2)},
                                 {"by", db::Text(row, 3)},
                                 {"at", db::Text(row, 4)}});
              }
              return Json{{"items", items}};
            }));
          });

  // --- office
  api.Get("/api/v1/passport-custody",
          Doc("listPassportCustody",
              "Official passports booked out for trips; ?overdue=true lists late returns")
              .Query({"overdue", "case_id", "page", "page_size"})
              .Returns(http::PageOf(CustodySchema())),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            if (who.org_kind != "office" || !who.IsOffice()) throw ApiError::Forbidden();
            auto page = http::ParsePage(call.request());
            const std::string today = calendar::Date::TodayInChina().ToString();
            const bool overdue =
                call.request().Query("overdue") == std::optional<std::string_view>("true");
            long long case_id = 0;
            if (auto c = call.request().Query("case_id"); c && !c->empty()) {
              try {
                case_id = std::stoll(std::string(*c));
              } catch (const std::exception&) {
                throw ApiError::InvalidQuery("case_id", "type", i18n::T("validation.type.integer"));
              }
            }
            db::Binds binds;
            std::string where = " WHERE 1 = 1";
            if (overdue)
              where += " AND p.returned_at IS NULL AND p.due_date < " + binds.Text("today", today);
            if (case_id) where += " AND p.case_id = " + binds.Int("cid", case_id);
            return auth::Reply(db.Read([&](soci::session& s) {
              const long long total =
                  db::Count(s, "SELECT COUNT(*) FROM passport_custody p" + where, binds);
              Json items = Json::array();
              db::ForEachRow(
                  s,
                  "SELECT p.id, p.case_id, c.number, p.member_name, p.id_number, p.issued_at, "
                  "p.due_date, p.returned_at "
                  "FROM passport_custody p JOIN cases c ON c.id = p.case_id" +
                      where + " ORDER BY p.due_date, p.id LIMIT " + std::to_string(page.size) +
                      " OFFSET " + std::to_string(page.Offset()),
                  binds, [&](const soci::row& row) {
                    const std::string due = db::Text(row, 6);
                    const auto returned = db::OptText(row, 7);
                    items.push_back({{"id", db::Int(row, 0)},
                                     {"case_id", db::Int(row, 1)},
                                     {"case_number", db::Text(row, 2)},
                                     {"member_name", db::Text(row, 3)},
                                     {"id_number", db::Text(row, 4)},
                                     {"issued_at", db::Text(row, 5)},
                                     {"due_date", due},
                                     {"returned_at", returned ? Json(*returned) : Json(nullptr)},
                                     {"overdue", !returned && due < today}});
                  });
              return http::PageJson(std::move(items), total, page);
            }));
          });

  api.Post(
      "/api/v1/passport-custody/{id}/return",
      Doc("returnPassport", "Record that an official passport came back to the office (officer)")
          .Returns({{"type", "object"},
                    {"required", {"id", "returned_at"}},
                    {"properties",
                     {{"id", {{"type", "integer"}}},
                      {"returned_at", {{"type", "string"}, {"format", "date-time"}}}}}}),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        if (who.org_kind != "office" || !who.Has("officer")) throw ApiError::Forbidden();
        const long long id = call.Id();
        return auth::Reply(db.Write([&](soci::session& s) {
          soci::indicator ind = soci::i_null, ret = soci::i_null;
          long long found = 0;
          std::string returned;
          s << "SELECT id, returned_at FROM passport_custody WHERE id = :id", soci::use(id),
              soci::into(found, ind), soci::into(returned, ret);
          if (ind != soci::i_ok) throw ApiError::NotFound();
          if (ret == soci::i_ok) {
            throw ApiError::Conflict("already_returned",
                                     i18n::T("travel.custody.already_returned"));
          }
          const std::string now = clock::NowIso();
          s << "UPDATE passport_custody SET returned_at = :n, returned_to = :u WHERE id = :id",
              soci::use(now), soci::use(who.user_id), soci::use(id);
          audit::Append(s,
                        audit::By(who, "passport.return", "passport_custody", std::to_string(id)));
          return Json{{"id", id}, {"returned_at", now}};
        }));
      });

  api.Get(
      "/api/v1/dashboard/travel",
      Doc("getTravelDashboard",
          "Figures for the leadership dashboard: by state, by month, processing days, destinations")
          .Returns(DashboardSchema()),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        if (who.org_kind != "office" || !who.IsOffice()) throw ApiError::Forbidden();
        return auth::Reply(db.Read([&](soci::session& s) {
          Json by_state = Json::object();
          soci::rowset<soci::row> states =
              (s.prepare << "SELECT state, COUNT(*) FROM cases WHERE type = 'outbound_travel' "
                            "AND state <> 'draft' "
                            "GROUP BY state");
          for (const auto& row : states) by_state[db::Text(row, 0)] = db::Int(row, 1);
          const std::string since = clock::IsoAfter(-std::chrono::hours(24 * 366)).substr(0, 7);
          Json by_month = Json::array();
          soci::rowset<soci::row> months =
              (s.prepare
                   << "SELECT substr(submitted_at, 1, 7) AS m, COUNT(*) FROM cases WHERE type = "
                      "'outbound_travel' AND submitted_at IS NOT NULL AND substr(submitted_at, "
                      "1, 7) >= :s "
                      "GROUP BY substr(submitted_at, 1, 7) ORDER BY m",
               soci::use(since));
          for (const auto& row : months)
            by_month.push_back({{"month", db::Text(row, 0)}, {"count", db::Int(row, 1)}});
          std::vector<double> green, normal;
          std::map<std::string, long long> countries;
          soci::rowset<soci::row> decided =
              (s.prepare << "SELECT submitted_at, decided_at, direct_report, summary FROM cases "
                            "WHERE type = "
                            "'outbound_travel' AND submitted_at IS NOT NULL AND "
                            "substr(submitted_at, 1, 7) >= :s",
               soci::use(since));
          for (const auto& row : decided) {
            if (auto d = db::OptText(row, 1))
              (db::Bool(row, 2) ? green : normal).push_back(DaysBetween(db::Text(row, 0), *d));
            for (const auto& c : db::JsonCol(row, 3).value("countries", Json::array()))
              countries[c.get<std::string>()]++;
          }
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

}  // namespace

void Register(App& app) {
  RegisterRules();
  cases::RegisterPolicy(cases::PolicySpec{std::string(kPolicy), DefaultPolicy(), ValidatePolicy});
  cases::RegisterCaseType(Resource("src/travel/outbound_travel.json"),
                          cases::TypeHooks{Summary, SearchText});
  cases::RegisterRoute(
      "travel.submit_route", [](const cases::CaseRecord& c, const cases::TransitionDef&) {
        // The green channel skips the district's review.
        return std::string(c.org_direct_report ? "office_review" : "district_review");
      });
  cases::RegisterEffect("travel.book_out_passports", BookOutPassports);
  cases::RegisterEffect("travel.record_report", RecordReport);
  RegisterRoutes(app);
}

}  // namespace waishi::travel
