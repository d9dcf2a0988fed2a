#include "travel/travel.h"

#include <map>
#include <set>

#include "core/calendar/working_days.h"
#include "core/cases/registry.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/resources.h"
#include "travel/parts.h"
#include "travel/rules.h"

namespace waishi::travel {
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kRecordRoute = R"(
  INSERT INTO travel_cases (case_id, direct_report) VALUES (:c, :d)
  ON CONFLICT (case_id) DO UPDATE SET direct_report = excluded.direct_report)";

constexpr const char* kReportDue = R"(
  SELECT due_date FROM case_deadlines WHERE case_id = :c AND name = 'report')";

// Followed by the list of case ids "(…)".
constexpr const char* kDecoration = R"(
  SELECT c.id, t.direct_report, t.reported_at, t.report_late, d.due_date, g.org_id
  FROM cases c
  LEFT JOIN travel_cases t ON t.case_id = c.id
  LEFT JOIN case_deadlines d ON d.case_id = c.id AND d.name = 'report'
  LEFT JOIN travel_green_channel g ON g.org_id = c.org_id
  WHERE c.id IN )";

constexpr const char* kRecordReport = R"(
  INSERT INTO travel_cases (case_id, reported_at, report_late) VALUES (:c, :r, :l)
  ON CONFLICT (case_id) DO UPDATE
  SET reported_at = excluded.reported_at, report_late = excluded.report_late)";

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
              {"destinations", countries},
              {"departure_date", data.value("departure_date", "")},
              {"return_date", data.value("return_date", "")},
              {"members_count", data.value("members", Json::array()).size()}};
}

// The green channel skips the district's review.
std::string SubmitRoute(const cases::CaseRecord&, const cases::TransitionDef&, const Json& facts) {
  const bool green = facts.contains("org") && facts["org"].value("direct_report", false);
  return green ? "office_review" : "district_review";
}

// Remembers which way the case went at submission (for the queue's filter and the figures).
void RecordRoute(const cases::EffectCall& e) {
  const long long green = IsGreen(e.tx, e.c.org_id) ? 1 : 0;
  e.tx.Exec(kRecordRoute, {{"c", e.c.id}, {"d", green}});
}

// The post-trip report: when it came, and whether after its deadline.
void RecordReport(const cases::EffectCall& e) {
  const auto due = e.tx.Text(kReportDue, {{"c", e.c.id}});
  const bool late = due && calendar::Date::TodayInChina().ToString() > *due;
  e.tx.Exec(kRecordReport, {{"c", e.c.id}, {"r", clock::NowIso()}, {"l", late}});
}

// The members travel adds to its cases, as the API has always shown them: the green channel
// (of the case and of its enterprise) and the post-trip report.
void Decorate(db::Session& s, Json& cases) {
  if (cases.empty()) return;
  // What a case's row adds; a case without one (no travel record yet) adds the defaults.
  struct Decoration {
    bool direct_report = false;
    Json reported_at = nullptr;
    bool report_late = false;
    Json report_due_date = nullptr;
    bool org_direct_report = false;
  };
  // The SQL has a shape per number of cases, and each shape is prepared once per session.
  db::Params binds;
  std::string ids;
  for (std::size_t i = 0; i < cases.size(); ++i)
    ids +=
        (i ? ", " : "") + db::Bind(binds, "c" + std::to_string(i), cases[i]["id"].get<long long>());
  std::map<long long, Decoration> found;
  s.Query(std::string(kDecoration) + "(" + ids + ")", binds, [&](const db::Row& r) {
    found[db::Int(r, 0)] = Decoration{db::Bool(r, 1), db::AnyCol(r, 2), db::Bool(r, 3),
                                      db::AnyCol(r, 4), db::OptInt(r, 5).has_value()};
  });
  const Decoration none;
  for (auto& c : cases) {
    auto it = found.find(c["id"].get<long long>());
    const Decoration& d = it == found.end() ? none : it->second;
    c["direct_report"] = d.direct_report;
    c["reported_at"] = d.reported_at;
    c["report_late"] = d.report_late;
    c["report_due_date"] = d.report_due_date;
    c["org"]["direct_report"] = d.org_direct_report;
  }
}

// ?direct_report=true|false: the way it went (?country= is the core's, on "destinations").
void AddListFilters(cases::Registry& registry) {
  registry.AddListFilter(
      {"direct_report", [](const std::string& v, db::Params&, db::Dialect) {
         const bool yes = v == "true" || v == "1";
         return std::string(yes ? "" : "NOT ") +
                "EXISTS (SELECT 1 FROM travel_cases tc WHERE tc.case_id = c.id AND "
                "tc.direct_report = 1)";
       }});
}

void Setup(App& app) {
  app.cases.AddDesk({std::string(kDesk), i18n::T("travel.desk")});
  RegisterRules(app.cases);
  app.policies.Add(cases::PolicySpec{std::string(kPolicy), DefaultPolicy(), ValidatePolicy});
  app.cases.AddRoute("travel.submit_route", SubmitRoute);
  app.cases.AddEffect("travel.record_route", RecordRoute);
  app.cases.AddEffect("travel.book_out_passports", BookOutPassports);
  app.cases.AddEffect("travel.record_report", RecordReport);
  cases::TypeHooks hooks;
  hooks.summary = Summary;
  hooks.search = SearchDocument;
  hooks.facts = [](db::Session& s, const cases::CaseRecord& c) {
    return Json{{"org", {{"direct_report", IsGreen(s, c.org_id)}}}};
  };
  hooks.decorate = Decorate;
  app.cases.AddType(Resource("src/travel/outbound_travel.json"), std::move(hooks));
  AddListFilters(app.cases);
  RegisterGreenChannel(app);
  RegisterCustody(app);
  RegisterDashboard(app);
}

}  // namespace

// The members are found by name, pinyin and resident ID; the trip by purpose,
// cities and inviter.
search::Document SearchDocument(const Json& data) {
  search::Document doc;
  doc.body = data.value("purpose", "");
  for (const auto& m : data.value("members", Json::array())) {
    if (!m.is_object()) continue;
    doc.heading += " " + m.value("name", "") + " " + m.value("passport_name", "");
    if (const std::string id = m.value("id_number", ""); !id.empty()) doc.identifiers.push_back(id);
  }
  for (const auto& leg : data.value("itinerary", Json::array()))
    if (leg.is_object()) doc.body += " " + leg.value("city", "");
  if (data.contains("inviter") && data["inviter"].is_object())
    doc.body += " " + data["inviter"].value("name", "");
  return doc;
}

waishi::Module Module() {
  waishi::Module m;
  m.name = "travel";
  m.migrations = "src/travel/migrations/";
  m.setup = Setup;
  m.demo = LoadDemo;
  m.bench_data = LoadBenchData;
  return m;
}

}  // namespace waishi::travel
