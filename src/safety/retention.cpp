#include "safety/retention.h"

#include "core/audit/audit.h"
#include "core/db/row.h"
#include "core/log.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

// Whose last leg ended before :last_kept, and whom no open incident asked.
constexpr const char* kExpired = R"(
  SELECT p.id, COUNT(l.id) FROM safety_people p JOIN safety_legs l ON l.person_id = p.id
  GROUP BY p.id
  HAVING MAX(l.to_day) < :last_kept
     AND NOT EXISTS (SELECT 1 FROM safety_rollcall r
                     JOIN safety_incidents i ON i.id = r.incident_id
                     WHERE r.person_id = p.id AND i.state = 'open'))";

constexpr int kMaxRetentionDays = 3650;

}  // namespace

Json DefaultPolicy() { return Json{{"retention_days", 90}}; }

std::vector<FieldError> ValidatePolicy(const Json& policy) {
  const auto it = policy.find("retention_days");
  if (it == policy.end()) return {};
  if (!it->is_number_integer() || it->get<long long>() < 1 ||
      it->get<long long>() > kMaxRetentionDays) {
    return {
        {"retention_days", "range",
         i18n::T("validation.range", {{"min", "1"}, {"max", std::to_string(kMaxRetentionDays)}})}};
  }
  return {};
}

Removed RemoveExpired(db::Session& tx, calendar::Date today, int retention_days) {
  std::vector<std::pair<long long, long long>> expired;
  tx.Query(kExpired, {{"last_kept", today.AddDays(-retention_days).days()}},
           [&](const db::Row& r) { expired.emplace_back(db::Int(r, 0), db::Int(r, 1)); });
  Removed removed;
  std::vector<long long> people;
  for (const auto& [person, legs] : expired) {
    people.push_back(person);
    ++removed.people;
    removed.legs += legs;
  }
  RemovePeople(tx, people);
  audit::Entry entry;
  entry.action = "safety.retention";
  entry.object_type = "safety_register";
  entry.detail = {{"people", removed.people},
                  {"legs", removed.legs},
                  {"retention_days", retention_days},
                  {"today", today.ToString()}};
  audit::Append(tx, entry);
  return removed;
}

void RunRetention(App& app) {
  const calendar::Date today = calendar::Date::TodayInChina();
  const Removed removed = app.db.Write([&](db::Session& tx) {
    const int days = app.policies.Load(tx, kPolicy)["retention_days"].get<int>();
    return RemoveExpired(tx, today, days);
  });
  log::Info("safety retention: " + std::to_string(removed.people) + " people and " +
            std::to_string(removed.legs) + " legs removed");
}

}  // namespace waishi::safety
