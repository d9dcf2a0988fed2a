// The green channel (直报): key export-oriented enterprises with good standing, frequent trips
// and a clean record report directly to the office, skipping the district's review
// (PRODUCT.md §2.1.1). Eligibility is computed from the enterprise's record against the
// policy's thresholds; an officer grants or revokes the channel, with a reason, recorded.
#include <algorithm>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/cases/policy.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/http/params.h"
#include "travel/parts.h"

namespace waishi::travel {
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kIsGreen = "SELECT COUNT(*) FROM travel_green_channel WHERE org_id = :o";

constexpr const char* kLoadOrg = "SELECT id, kind FROM organizations WHERE id = :id";

constexpr const char* kTripsInYear = R"(
  SELECT COUNT(*) FROM cases
  WHERE org_id = :o AND type = 'outbound_travel' AND state IN ('approved', 'report_due', 'completed')
    AND decided_at >= :y)";

constexpr const char* kRejectedInYear = R"(
  SELECT COUNT(*) FROM cases
  WHERE org_id = :o AND type = 'outbound_travel' AND state = 'rejected' AND decided_at >= :y)";

// Reports that came late, and reports overdue now (the "report" deadline running and past).
constexpr const char* kLateReports = R"(
  SELECT COUNT(*) FROM cases c LEFT JOIN travel_cases t ON t.case_id = c.id
  WHERE c.org_id = :o AND c.type = 'outbound_travel'
    AND (t.report_late = 1 OR (c.state = 'report_due' AND c.due_date < :t)))";

constexpr const char* kGrant = R"(
  INSERT INTO travel_green_channel (org_id, granted_at) VALUES (:o, :a)
  ON CONFLICT (org_id) DO NOTHING)";

constexpr const char* kRevoke = "DELETE FROM travel_green_channel WHERE org_id = :o";

constexpr const char* kRecordHistory = R"(
  INSERT INTO travel_green_channel_history (org_id, granted, reason, by_user, at)
  VALUES (:o, :g, :r, :u, :a))";

constexpr const char* kHistory = R"(
  SELECT h.id, h.granted, h.reason, u.display_name, h.at
  FROM travel_green_channel_history h JOIN users u ON u.id = h.by_user
  WHERE h.org_id = :o ORDER BY h.id DESC)";

// Followed by the list of organization ids "(…)".
constexpr const char* kGreenAmong = "SELECT org_id FROM travel_green_channel WHERE org_id IN ";

// ---------------------------------------------------------------------------

struct OrgInfo {
  long long id = 0;
  std::string kind;
  bool direct_report = false;
};

OrgInfo LoadOrg(db::Session& s, long long id) {
  OrgInfo org;
  const auto found = s.Query(kLoadOrg, {{"id", id}}, [&](const db::Row& r) {
    org.id = db::Int(r, 0);
    org.kind = db::Text(r, 1);
  });
  if (found == 0) throw ApiError::NotFound();
  org.direct_report = IsGreen(s, id);
  return org;
}

// Office staff see any enterprise; an enterprise's own users see theirs; others nothing.
void RequireOrgVisible(const auth::Principal& who, long long org_id) {
  if (who.org_kind == "office" && who.IsOffice()) return;
  if (who.org_id == org_id && who.HasAny({"enterprise_user", "enterprise_admin"})) return;
  throw ApiError::NotFound();
}

Json Eligibility(db::Session& s, const cases::Policies& policies, const OrgInfo& org) {
  const Json policy = policies.Load(s, kPolicy);
  const Json& thresholds = policy["direct_report"];
  const std::string year_ago = clock::IsoAfter(-std::chrono::hours(24 * 365));
  const std::string today = calendar::Date::TodayInChina().ToString();
  const long long trips = s.Int(kTripsInYear, {{"o", org.id}, {"y", year_ago}}).value_or(0);
  const long long rejected = s.Int(kRejectedInYear, {{"o", org.id}, {"y", year_ago}}).value_or(0);
  const long long late = s.Int(kLateReports, {{"o", org.id}, {"t", today}}).value_or(0);
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

// Adds "direct_report" to organization objects.
void DecorateOrganizations(db::Session& s, Json& orgs) {
  if (orgs.empty()) return;
  db::Params binds;
  std::string ids;
  for (std::size_t i = 0; i < orgs.size(); ++i)
    ids +=
        (i ? ", " : "") + db::Bind(binds, "o" + std::to_string(i), orgs[i]["id"].get<long long>());
  std::set<long long> green;
  s.Query(std::string(kGreenAmong) + "(" + ids + ")", binds,
          [&](const db::Row& r) { green.insert(db::Int(r, 0)); });
  for (auto& o : orgs) o["direct_report"] = green.contains(o["id"].get<long long>());
}

}  // namespace

bool IsGreen(db::Session& s, long long org_id) {
  return s.Int(kIsGreen, {{"o", org_id}}).value_or(0) > 0;
}

namespace {

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

}  // namespace

void RegisterGreenChannel(App& app) {
  db::Database& db = app.db;
  const cases::Policies& policies = app.policies;
  app.organization_decorators.push_back(DecorateOrganizations);
  auth::Endpoints api(app, "travel");
  api.Component("Eligibility", EligibilitySchema());

  // --- office and the enterprise itself
  api.Get("/api/v1/organizations/{id}/direct-report-eligibility",
          http::Doc("getDirectReportEligibility",
                    "The green-channel recommendation computed from the enterprise's record")
              .Returns(http::Ref("Eligibility")),
          [&db, &policies](const auth::Call& call) {
            const auto& who = call.who();
            const long long id = call.Id();
            RequireOrgVisible(who, id);
            return auth::Reply(db.Read([&](db::Session& s) {
              OrgInfo org = LoadOrg(s, id);
              if (org.kind != "enterprise") throw ApiError::NotFound();
              return Eligibility(s, policies, org);
            }));
          });

  api.Post("/api/v1/organizations/{id}/direct-report",
           http::Doc("setDirectReport",
                     "Grant or revoke the green channel (an office officer), with a reason")
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"granted", "reason"}},
                      {"properties",
                       {{"granted", {{"type", "boolean"}}},
                        {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}}}}})
               .Returns(http::Ref("Eligibility")),
           [&db, &policies](const auth::Call& call) {
             const auto& who = call.who();
             const long long id = call.Id();
             // The role before the id (docs/api.md): only the travel desk's officers grant, so
             // anyone else is refused whichever organization the id names (403, not 404).
             auth::RequireAnyRole(who, {"officer"});
             if (who.org_kind != "office" || !who.OnDesk(kDesk)) throw ApiError::Forbidden();
             const Json& body = call.body();
             const int granted = body["granted"].get<bool>() ? 1 : 0;
             const std::string reason = body["reason"];
             return auth::Reply(db.Write([&](db::Session& s) {
               OrgInfo org = LoadOrg(s, id);
               if (org.kind != "enterprise") throw ApiError::NotFound();
               const std::string now = clock::NowIso();
               if (granted)
                 s.Exec(kGrant, {{"o", id}, {"a", now}});
               else
                 s.Exec(kRevoke, {{"o", id}});
               s.Exec(kRecordHistory,
                      {{"o", id}, {"g", granted}, {"r", reason}, {"u", who.user_id}, {"a", now}});
               audit::Append(
                   s,
                   audit::By(who, granted ? "org.direct_report.grant" : "org.direct_report.revoke",
                             "organization", std::to_string(id), {{"reason", reason}}));
               org.direct_report = granted != 0;
               return Eligibility(s, policies, org);
             }));
           });

  api.Get(
      "/api/v1/organizations/{id}/direct-report-history",
      http::Doc("listDirectReportHistory", "Who granted or revoked the green channel, when and why")
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
        return auth::Reply(db.Read([&](db::Session& s) {
          LoadOrg(s, id);
          Json items = Json::array();
          s.Query(kHistory, {{"o", id}}, [&](const db::Row& row) {
            items.push_back({{"id", db::Int(row, 0)},
                             {"granted", db::Bool(row, 1)},
                             {"reason", db::Text(row, 2)},
                             {"by", db::Text(row, 3)},
                             {"at", db::Text(row, 4)}});
          });
          return Json{{"items", items}};
        }));
      });
}

}  // namespace waishi::travel
