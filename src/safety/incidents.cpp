// Incidents and their roll call: the storage, and the routes of the consular desk and of the
// people abroad answering.
#include "safety/incidents.h"

#include <optional>
#include <stdexcept>
#include <unordered_set>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/auth/password.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/geo/sphere.h"
#include "core/http/live.h"
#include "core/http/params.h"
#include "core/notify/notify.h"
#include "safety/parts.h"

namespace waishi::safety {
namespace {

constexpr const char* kInsertIncident = R"(
  INSERT INTO safety_incidents (title, lat, lon, radius_km, from_day, to_day, state, created_by,
                                created_at)
  VALUES (:t, :lat, :lon, :r, :f, :to, 'open', :by, :at))";
constexpr const char* kIncident = R"(
  SELECT id, title, lat, lon, radius_km, from_day, to_day, state, created_by, created_at,
         closed_at
  FROM safety_incidents)";
constexpr const char* kCloseIncident = R"(
  UPDATE safety_incidents SET state = 'closed', closed_at = :at WHERE id = :id AND state = 'open')";

constexpr const char* kCounts = R"(
  SELECT COUNT(*), COALESCE(SUM(emailed), 0),
         COALESCE(SUM(CASE WHEN answer = 'safe' THEN 1 ELSE 0 END), 0),
         COALESCE(SUM(CASE WHEN answer = 'need_help' THEN 1 ELSE 0 END), 0)
  FROM safety_rollcall WHERE incident_id = :id)";
// Of those who did not answer, how many the desk reached by phone.
constexpr const char* kReached = R"(
  SELECT COUNT(*) FROM safety_rollcall r
  WHERE r.incident_id = :id AND r.answer IS NULL
    AND EXISTS (SELECT 1 FROM safety_calls c WHERE c.incident_id = r.incident_id
                AND c.person_id = r.person_id AND c.outcome = 'reached'))";
constexpr const char* kAskedAlready =
    "SELECT person_id FROM safety_rollcall WHERE incident_id = :id";
constexpr const char* kInsertAsked = R"(
  INSERT INTO safety_rollcall (incident_id, person_id, token_sha256, asked_at, emailed)
  VALUES (:i, :p, :t, :at, :e))";

// The roll call's people with their answers and their latest call, filtered by answer.
constexpr const char* kRollCallPeople = R"(
  SELECT r.person_id, p.name, p.phone, p.email, r.emailed, r.answer, r.note, r.answer_lat,
         r.answer_lon, r.answered_at, r.case_id,
         (SELECT c.outcome FROM safety_calls c
          WHERE c.incident_id = r.incident_id AND c.person_id = r.person_id
          ORDER BY c.id DESC LIMIT 1),
         (SELECT c.called_at FROM safety_calls c
          WHERE c.incident_id = r.incident_id AND c.person_id = r.person_id
          ORDER BY c.id DESC LIMIT 1)
  FROM safety_rollcall r JOIN safety_people p ON p.id = r.person_id
  WHERE r.incident_id = :id AND ()";
// Closes kRollCallPeople's filter (:status '' for all, 'unanswered', or an answer).
constexpr const char* kRollCallFilter = R"(
  :status = '' OR (:s2 = 'unanswered' AND r.answer IS NULL) OR r.answer = :s3)
  ORDER BY p.name, r.person_id LIMIT :lim OFFSET :off)";
constexpr const char* kRollCallTotal = R"(
  SELECT COUNT(*) FROM safety_rollcall r
  WHERE r.incident_id = :id
    AND (:status = '' OR (:s2 = 'unanswered' AND r.answer IS NULL) OR r.answer = :s3))";

constexpr const char* kByToken = R"(
  SELECT r.incident_id, r.person_id, r.answer, p.name, i.title, i.state, i.from_day, i.to_day
  FROM safety_rollcall r
  JOIN safety_people p ON p.id = r.person_id
  JOIN safety_incidents i ON i.id = r.incident_id
  WHERE r.token_sha256 = :t)";
// Answers once: the row is changed only while it has no answer.
constexpr const char* kAnswer = R"(
  UPDATE safety_rollcall SET answer = :a, note = :n, answer_lat = :lat, answer_lon = :lon,
                             answered_at = :at
  WHERE token_sha256 = :t AND answer IS NULL)";
constexpr const char* kIsAsked =
    "SELECT 1 FROM safety_rollcall WHERE incident_id = :i AND person_id = :p";
constexpr const char* kNeedOf = R"(
  SELECT r.answer, r.note, r.answer_lat, r.answer_lon, r.case_id, p.name, p.phone, p.email
  FROM safety_rollcall r JOIN safety_people p ON p.id = r.person_id
  WHERE r.incident_id = :i AND r.person_id = :p)";
constexpr const char* kLegsIn = R"(
  SELECT country, city, lat, lon FROM safety_legs
  WHERE person_id = :p AND from_day <= :to AND to_day >= :from ORDER BY id)";
constexpr const char* kSetCase =
    "UPDATE safety_rollcall SET case_id = :c WHERE incident_id = :i AND person_id = :p";
constexpr const char* kInsertCall = R"(
  INSERT INTO safety_calls (incident_id, person_id, outcome, note, called_by, called_at)
  VALUES (:i, :p, :o, :n, :by, :at))";

constexpr const char* kInsertTimeline = R"(
  INSERT INTO safety_timeline (incident_id, at, kind, actor, person_id, detail)
  VALUES (:i, :at, :k, :actor, :p, :d))";
constexpr const char* kTimeline = R"(
  SELECT t.at, t.kind, u.username, t.person_id, t.detail
  FROM safety_timeline t LEFT JOIN users u ON u.id = t.actor
  WHERE t.incident_id = :i ORDER BY t.at, t.id)";
constexpr const char* kIncidents = R"(
  SELECT id, title, lat, lon, radius_km, from_day, to_day, state, created_by, created_at,
         closed_at
  FROM safety_incidents ORDER BY id DESC LIMIT :lim OFFSET :off)";
constexpr const char* kIncidentsTotal = "SELECT COUNT(*) FROM safety_incidents";

// The consular module's case type a "need help" becomes (src/consular).
constexpr std::string_view kAssistanceCase = "consular_assistance";

IncidentRecord IncidentOf(const db::Row& r) {
  IncidentRecord i;
  i.id = db::Int(r, 0);
  i.title = db::Text(r, 1);
  i.area = Incident{db::Real(r, 2), db::Real(r, 3), db::Real(r, 4),
                    calendar::Date::FromDays(static_cast<int>(db::Int(r, 5))),
                    calendar::Date::FromDays(static_cast<int>(db::Int(r, 6)))};
  i.state = db::Text(r, 7);
  i.created_by = db::Int(r, 8);
  i.created_at = db::Text(r, 9);
  i.closed_at = db::Text(r, 10);
  return i;
}

Json IncidentJson(const IncidentRecord& i, const RollCallCounts& counts) {
  return Json{{"id", i.id},
              {"title", i.title},
              {"lat", i.area.lat},
              {"lon", i.area.lon},
              {"radius_km", i.area.radius_km},
              {"from", i.area.from.ToString()},
              {"to", i.area.to.ToString()},
              {"state", i.state},
              {"created_at", i.created_at},
              {"closed_at", i.closed_at.empty() ? Json(nullptr) : Json(i.closed_at)},
              {"roll_call", counts.ToJson()}};
}

void Timeline(db::Session& tx, long long incident_id, std::string_view kind, long long actor,
              long long person_id, const Json& detail = Json::object()) {
  tx.Exec(kInsertTimeline, {{"i", incident_id},
                            {"at", clock::NowIso()},
                            {"k", std::string(kind)},
                            {"actor", db::OrNull(actor)},
                            {"p", db::OrNull(person_id)},
                            {"d", detail.dump()}});
}

// The incident, or 404.
IncidentRecord ExistingIncident(db::Session& s, long long id) {
  auto incident = LoadIncident(s, id);
  if (!incident) throw ApiError::NotFound();
  return *incident;
}

IncidentRecord OpenOne(db::Session& s, long long id) {
  IncidentRecord incident = ExistingIncident(s, id);
  if (incident.state != "open")
    throw ApiError::Conflict("safety.incident_closed", i18n::T("safety.incident_closed"));
  return incident;
}

// What the live view hears: the event and the figures after it.
void Tell(db::Database& db, long long incident_id, std::string_view event, Json detail) {
  detail["roll_call"] =
      db.Read([&](db::Session& s) { return CountRollCall(s, incident_id).ToJson(); });
  live::Publish(LiveTopic(incident_id), live::Event(event, detail));
}

calendar::Date DateOf(const Json& body, const char* field) {
  const auto d = calendar::Date::Parse(body[field].get<std::string>());
  if (!d) throw std::logic_error("the schema let a bad date through");
  return *d;
}

// --- schemas

Json IncidentSchema() {
  const Json count = {{"type", "integer"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "title", "lat", "lon", "radius_km", "from", "to", "state", "created_at",
                "closed_at", "roll_call"}},
              {"properties",
               {{"id", count},
                {"title", {{"type", "string"}}},
                {"lat", {{"type", "number"}}},
                {"lon", {{"type", "number"}}},
                {"radius_km", {{"type", "number"}}},
                {"from", {{"type", "string"}, {"format", "date"}}},
                {"to", {{"type", "string"}, {"format", "date"}}},
                {"state", {{"type", "string"}, {"enum", {"open", "closed"}}}},
                {"created_at", {{"type", "string"}}},
                {"closed_at", {{"type", "string"}, {"nullable", true}}},
                {"roll_call", http::Ref("SafetyRollCallCounts")}}}};
}

Json CountsSchema() {
  const Json count = {{"type", "integer"}};
  return Json{{"type", "object"},
              {"required", {"asked", "emailed", "safe", "need_help", "unanswered", "reached"}},
              {"properties",
               {{"asked", count},
                {"emailed", count},
                {"safe", count},
                {"need_help", count},
                {"unanswered", count},
                // of the unanswered, those the desk reached by phone
                {"reached", count}}}};
}

Json NewIncidentBody() {
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"title", "lat", "lon", "radius_km", "from", "to"}},
              {"properties",
               {{"title", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
                {"lat", {{"type", "number"}, {"minimum", -90}, {"maximum", 90}}},
                {"lon", {{"type", "number"}, {"minimum", -180}, {"maximum", 180}}},
                {"radius_km", {{"type", "number"}, {"minimum", 0.1}, {"maximum", 20000}}},
                {"from", date},
                {"to", date}}}};
}

Json RollCallPersonSchema() {
  const Json text = {{"type", "string"}};
  const Json optional_text = {{"type", "string"}, {"nullable", true}};
  const Json optional_number = {{"type", "number"}, {"nullable", true}};
  return Json{
      {"type", "object"},
      {"required",
       {"person_id", "name", "phone", "email", "emailed", "answer", "note", "answer_lat",
        "answer_lon", "answered_at", "case_id", "last_call"}},
      {"properties",
       {{"person_id", {{"type", "integer"}}},
        {"name", text},
        {"phone", text},
        {"email", text},
        {"emailed", {{"type", "boolean"}}},
        {"answer", {{"type", "string"}, {"nullable", true}, {"enum", {"safe", "need_help"}}}},
        {"note", text},
        {"answer_lat", optional_number},
        {"answer_lon", optional_number},
        {"answered_at", optional_text},
        {"case_id", {{"type", "integer"}, {"nullable", true}}},
        {"last_call",
         {{"type", "object"},
          {"nullable", true},
          {"required", {"outcome", "called_at"}},
          {"properties",
           {{"outcome", {{"type", "string"}, {"enum", {"reached", "no_answer"}}}},
            {"called_at", text}}}}}}}};
}

Json AnswerBody() {
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"answer"}},
              {"properties",
               {{"answer", {{"type", "string"}, {"enum", {"safe", "need_help"}}}},
                {"note", {{"type", "string"}, {"maxLength", 2000}}},
                {"lat", {{"type", "number"}, {"minimum", -90}, {"maximum", 90}}},
                {"lon", {{"type", "number"}, {"minimum", -180}, {"maximum", 180}}}}}};
}

Json QuestionSchema() {
  return Json{
      {"type", "object"},
      {"required", {"title", "name", "from", "to", "answer"}},
      {"properties",
       {{"title", {{"type", "string"}}},
        {"name", {{"type", "string"}}},
        {"from", {{"type", "string"}, {"format", "date"}}},
        {"to", {{"type", "string"}, {"format", "date"}}},
        {"answer", {{"type", "string"}, {"nullable", true}, {"enum", {"safe", "need_help"}}}}}}};
}

}  // namespace

Json RollCallCounts::ToJson() const {
  return Json{{"asked", asked},         {"emailed", emailed},       {"safe", safe},
              {"need_help", need_help}, {"unanswered", unanswered}, {"reached", reached}};
}

std::optional<IncidentRecord> LoadIncident(db::Session& s, long long id) {
  std::optional<IncidentRecord> out;
  s.Query(std::string(kIncident) + " WHERE id = :id", {{"id", id}},
          [&](const db::Row& r) { out = IncidentOf(r); });
  return out;
}

RollCallCounts CountRollCall(db::Session& s, long long incident_id) {
  RollCallCounts c;
  s.Query(kCounts, {{"id", incident_id}}, [&](const db::Row& r) {
    c.asked = db::Int(r, 0);
    c.emailed = db::Int(r, 1);
    c.safe = db::Int(r, 2);
    c.need_help = db::Int(r, 3);
  });
  c.unanswered = c.asked - c.safe - c.need_help;
  c.reached = c.unanswered > 0 ? s.Int(kReached, {{"id", incident_id}}).value_or(0) : 0;
  return c;
}

Asked AskEveryone(db::Session& tx, const IncidentRecord& incident, long long by) {
  std::unordered_set<long long> asked;
  tx.Query(kAskedAlready, {{"id", incident.id}},
           [&](const db::Row& r) { asked.insert(db::Int(r, 0)); });
  Asked out;
  const std::string now = clock::NowIso();
  for (const AffectedLeg& leg : FindAffected(tx, incident.area)) {
    if (!asked.insert(leg.person_id).second) continue;
    const std::string token = auth::RandomToken();
    const std::string email = tx.Text(kEmailOf, {{"id", leg.person_id}}).value_or("");
    // The question in Chinese: the register's people are the city's citizens abroad.
    const bool emailed = notify::SendTo(tx, notify::Mail{email,
                                                         "zh-CN",
                                                         "safety.notify.roll_call",
                                                         {{"title", incident.title}},
                                                         "/safe/" + token});
    tx.Exec(kInsertAsked, {{"i", incident.id},
                           {"p", leg.person_id},
                           {"t", auth::Sha256Hex(token)},
                           {"at", now},
                           {"e", emailed ? 1 : 0}});
    ++out.asked;
    if (emailed) ++out.emailed;
    out.links.emplace_back(leg.person_id, token);
  }
  Timeline(tx, incident.id, "asked", by, 0, {{"asked", out.asked}, {"emailed", out.emailed}});
  return out;
}

std::string LiveTopic(long long incident_id) {
  return "safety/incident/" + std::to_string(incident_id);
}

Question QuestionOf(db::Session& s, const std::string& token) {
  std::optional<Question> q;
  s.Query(kByToken, {{"t", auth::Sha256Hex(token)}}, [&](const db::Row& r) {
    q = Question{db::Int(r, 0),
                 db::Int(r, 1),
                 db::Text(r, 2),
                 db::Text(r, 3),
                 db::Text(r, 4),
                 db::Text(r, 5),
                 calendar::Date::FromDays(static_cast<int>(db::Int(r, 6))),
                 calendar::Date::FromDays(static_cast<int>(db::Int(r, 7)))};
  });
  if (!q) throw ApiError::NotFound();
  if (q->state != "open")
    throw ApiError(410, "safety.link_expired", i18n::T("safety.link_expired"));
  return *q;
}

long long OpenIncident(db::Session& tx, const std::string& title, const Incident& area,
                       long long by) {
  const long long id = tx.Insert(kInsertIncident, {{"t", title},
                                                   {"lat", area.lat},
                                                   {"lon", area.lon},
                                                   {"r", area.radius_km},
                                                   {"f", area.from.days()},
                                                   {"to", area.to.days()},
                                                   {"by", by},
                                                   {"at", clock::NowIso()}});
  Timeline(tx, id, "created", by, 0);
  return id;
}

Question RecordAnswer(db::Session& tx, const std::string& token, const Answer& given) {
  const Question found = QuestionOf(tx, token);
  const long long changed = tx.Exec(kAnswer, {{"a", given.answer},
                                              {"n", given.note},
                                              {"lat", given.lat},
                                              {"lon", given.lon},
                                              {"at", clock::NowIso()},
                                              {"t", auth::Sha256Hex(token)}});
  if (changed == 0)
    throw ApiError::Conflict("safety.already_answered", i18n::T("safety.already_answered"));
  Timeline(tx, found.incident_id, "answered", 0, found.person_id, {{"answer", given.answer}});
  return found;
}

long long RecordCall(db::Session& tx, long long incident_id, long long person_id,
                     const std::string& outcome, const std::string& note, long long by) {
  OpenOne(tx, incident_id);
  if (!tx.Int(kIsAsked, {{"i", incident_id}, {"p", person_id}})) {
    throw ApiError::Unprocessable({{"person_id", "safety.not_asked", i18n::T("safety.not_asked")}});
  }
  const long long id = tx.Insert(kInsertCall, {{"i", incident_id},
                                               {"p", person_id},
                                               {"o", outcome},
                                               {"n", note},
                                               {"by", by},
                                               {"at", clock::NowIso()}});
  Timeline(tx, incident_id, "called", by, person_id, {{"outcome", outcome}});
  return id;
}

long long OpenCase(db::Session& tx, cases::Engine& engine, const auth::Principal& who,
                   long long incident_id, long long person_id) {
  const IncidentRecord incident = ExistingIncident(tx, incident_id);
  struct Need {
    std::string answer, note, name, phone, email;
    Json lat, lon;  // where they answered from, or null
    bool has_case = false;
  };
  std::optional<Need> need;
  tx.Query(kNeedOf, {{"i", incident_id}, {"p", person_id}}, [&](const db::Row& r) {
    need = Need{db::OptText(r, 0).value_or(""),
                db::Text(r, 1),
                db::Text(r, 5),
                db::Text(r, 6),
                db::Text(r, 7),
                db::AnyCol(r, 2),
                db::AnyCol(r, 3),
                db::OptInt(r, 4).has_value()};
  });
  if (!need) {
    throw ApiError::Unprocessable({{"person_id", "safety.not_asked", i18n::T("safety.not_asked")}});
  }
  if (need->answer != "need_help")
    throw ApiError::Conflict("safety.not_need_help", i18n::T("safety.not_need_help"));
  if (need->has_case) throw ApiError::Conflict("safety.case_exists", i18n::T("safety.case_exists"));

  // Where they are: their leg in the incident nearest its centre.
  struct Place {
    std::string country, city;
    double lat = 0, lon = 0, km = 0;
  };
  std::optional<Place> place;
  const Incident& area = incident.area;
  tx.Query(kLegsIn, {{"p", person_id}, {"from", area.from.days()}, {"to", area.to.days()}},
           [&](const db::Row& r) {
             Place here{db::Text(r, 0), db::Text(r, 1), db::Real(r, 2), db::Real(r, 3), 0};
             here.km = geo::HaversineKm(area.lat, area.lon, here.lat, here.lon);
             if (!place || here.km < place->km) place = std::move(here);
           });
  // Retention keeps the people a roll call holds, with their legs: a leg is always found.
  if (!place) throw std::logic_error("a person asked has no leg in the incident");

  const std::string note = need->note.empty() ? i18n::T("safety.case.no_note").zh : need->note;
  Json data{{"channel", "roll_call"},
            {"priority", "high"},
            {"person", {{"name", need->name}, {"phone", need->phone}, {"email", need->email}}},
            {"country", place->country},
            {"city", place->city},
            {"lat", need->lat.is_number() ? need->lat : Json(place->lat)},
            {"lon", need->lon.is_number() ? need->lon : Json(place->lon)},
            {"situation", note},
            {"source", i18n::T("safety.case.source",
                               {{"title", incident.title}, {"id", std::to_string(incident_id)}})
                           .zh}};
  const long long case_id = engine.CreateIn(tx, who, std::string(kAssistanceCase), data);
  tx.Exec(kSetCase, {{"c", case_id}, {"i", incident_id}, {"p", person_id}});
  Timeline(tx, incident_id, "case", who.user_id, person_id, {{"case_id", case_id}});
  return case_id;
}

void CloseIncident(db::Session& tx, long long id, long long by) {
  OpenOne(tx, id);
  tx.Exec(kCloseIncident, {{"id", id}, {"at", clock::NowIso()}});
  Timeline(tx, id, "closed", by, 0);
}

void RegisterIncidentRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "safety");
  api.Component("SafetyRollCallCounts", CountsSchema());
  api.Component("SafetyIncident", IncidentSchema());

  api.Post("/api/v1/safety/incidents",
           http::Doc("createIncident", "Opens an incident: a circle and a window")
               .Roles(kDeskStaff)
               .Body(NewIncidentBody())
               .Returns(http::Ref("SafetyIncident"), 201),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const Json& body = call.body();
             const calendar::Date from = DateOf(body, "from"), to = DateOf(body, "to");
             if (to < from) {
               throw ApiError::Unprocessable(
                   {{"to", "safety.window_order", i18n::T("safety.window_order")}});
             }
             const Incident area{body["lat"].get<double>(), body["lon"].get<double>(),
                                 body["radius_km"].get<double>(), from, to};
             return db.Write([&](db::Session& tx) {
               const long long id =
                   OpenIncident(tx, body["title"].get<std::string>(), area, who.user_id);
               audit::Append(tx, audit::By(who, "safety.incident.create", "safety_incident",
                                           std::to_string(id), body));
               return auth::Reply(IncidentJson(ExistingIncident(tx, id), {}), 201);
             });
           });

  api.Get("/api/v1/safety/incidents",
          http::Doc("listIncidents", "The incidents, newest first, with their roll calls' figures")
              .Roles(kDeskReaders)
              .Query({"page", "page_size"})
              .Returns(http::PageOf(http::Ref("SafetyIncident"))),
          [&db](const auth::Call& call) {
            RequireDesk(call.who());
            const auto page = http::ParsePage(call.request());
            return db.Read([&](db::Session& s) {
              std::vector<IncidentRecord> found;
              s.Query(kIncidents, {{"lim", page.size}, {"off", page.Offset()}},
                      [&](const db::Row& r) { found.push_back(IncidentOf(r)); });
              Json items = Json::array();
              for (const auto& i : found) items.push_back(IncidentJson(i, CountRollCall(s, i.id)));
              return auth::Reply(
                  http::PageJson(std::move(items), s.Int(kIncidentsTotal).value_or(0), page));
            });
          });

  api.Get("/api/v1/safety/incidents/{id}",
          http::Doc("getIncident", "An incident with its roll call's figures")
              .Roles(kDeskReaders)
              .Returns(http::Ref("SafetyIncident")),
          [&db](const auth::Call& call) {
            RequireDesk(call.who());
            return db.Read([&](db::Session& s) {
              const IncidentRecord i = ExistingIncident(s, call.Id());
              return auth::Reply(IncidentJson(i, CountRollCall(s, i.id)));
            });
          });

  api.Post("/api/v1/safety/incidents/{id}/roll-call",
           http::Doc("sendRollCall",
                     "Asks everyone the incident affects and who was not asked yet \"are you "
                     "safe?\": a one-time link each, by e-mail through the outbox")
               .Roles(kDeskStaff)
               .Returns({{"type", "object"},
                         {"required", {"asked", "emailed", "roll_call"}},
                         {"properties",
                          {{"asked", {{"type", "integer"}}},
                           {"emailed", {{"type", "integer"}}},
                           {"roll_call", http::Ref("SafetyRollCallCounts")}}}}),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const long long id = call.Id();
             const Asked asked = db.Write([&](db::Session& tx) {
               const Asked a = AskEveryone(tx, OpenOne(tx, id), who.user_id);
               audit::Append(
                   tx, audit::By(who, "safety.roll_call.send", "safety_incident",
                                 std::to_string(id), {{"asked", a.asked}, {"emailed", a.emailed}}));
               return a;
             });
             const Json detail = {{"asked", asked.asked}, {"emailed", asked.emailed}};
             Tell(db, id, "asked", detail);
             Json answer = detail;
             answer["roll_call"] =
                 db.Read([&](db::Session& s) { return CountRollCall(s, id).ToJson(); });
             return auth::Reply(answer);
           });

  api.Get("/api/v1/safety/incidents/{id}/people",
          http::Doc("listRollCall",
                    "The people asked, with their answers and latest call (the read is audited); "
                    "status: unanswered, safe or need_help")
              .Roles(kDeskReaders)
              .Query({"status", "page", "page_size"})
              .Returns(http::PageOf(RollCallPersonSchema())),
          [&db](const auth::Call& call) {
            const auto& who = call.who();
            RequireDesk(who);
            const std::string status(call.request().Query("status").value_or(""));
            if (!status.empty() && status != "unanswered" && status != "safe" &&
                status != "need_help") {
              throw ApiError::InvalidQuery("status", "enum", i18n::T("safety.status_filter"));
            }
            const auto page = http::ParsePage(call.request());
            const long long id = call.Id();
            Json answer = db.Read([&](db::Session& s) {
              ExistingIncident(s, id);
              Json items = Json::array();
              s.Query(std::string(kRollCallPeople) + kRollCallFilter,
                      {{"id", id},
                       {"status", status},
                       {"s2", status},
                       {"s3", status},
                       {"lim", page.size},
                       {"off", page.Offset()}},
                      [&](const db::Row& r) {
                        const auto outcome = db::OptText(r, 11);
                        items.push_back(
                            {{"person_id", db::Int(r, 0)},
                             {"name", db::Text(r, 1)},
                             {"phone", db::Text(r, 2)},
                             {"email", db::Text(r, 3)},
                             {"emailed", db::Int(r, 4) != 0},
                             {"answer", db::AnyCol(r, 5)},
                             {"note", db::Text(r, 6)},
                             {"answer_lat", db::AnyCol(r, 7)},
                             {"answer_lon", db::AnyCol(r, 8)},
                             {"answered_at", db::AnyCol(r, 9)},
                             {"case_id", db::AnyCol(r, 10)},
                             {"last_call",
                              outcome ? Json{{"outcome", *outcome}, {"called_at", db::Text(r, 12)}}
                                      : Json(nullptr)}});
                      });
              const long long total =
                  s.Int(kRollCallTotal,
                        {{"id", id}, {"status", status}, {"s2", status}, {"s3", status}})
                      .value_or(0);
              return http::PageJson(std::move(items), total, page);
            });
            audit::AppendDetached(
                db, audit::By(who, "safety.roll_call.read", "safety_incident", std::to_string(id),
                              {{"status", status}, {"people", answer["items"].size()}}));
            return auth::Reply(answer);
          });

  api.Post("/api/v1/safety/incidents/{id}/calls",
           http::Doc("recordCall", "Records a phone call to a person asked: reached or no answer")
               .Roles(kDeskStaff)
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"person_id", "outcome"}},
                      {"properties",
                       {{"person_id", {{"type", "integer"}, {"minimum", 1}}},
                        {"outcome", {{"type", "string"}, {"enum", {"reached", "no_answer"}}}},
                        {"note", {{"type", "string"}, {"maxLength", 2000}}}}}})
               .Returns({{"type", "object"},
                         {"required", {"id"}},
                         {"properties", {{"id", {{"type", "integer"}}}}}},
                        201),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const long long id = call.Id();
             const Json& body = call.body();
             const long long person = body["person_id"].get<long long>();
             const std::string outcome = body["outcome"];
             const long long call_id = db.Write([&](db::Session& tx) {
               const long long c =
                   RecordCall(tx, id, person, outcome, body.value("note", ""), who.user_id);
               audit::Append(
                   tx, audit::By(who, "safety.call.record", "safety_incident", std::to_string(id),
                                 {{"person_id", person}, {"outcome", outcome}}));
               return c;
             });
             Tell(db, id, "called", {{"person_id", person}, {"outcome", outcome}});
             return auth::Reply({{"id", call_id}}, 201);
           });

  auto engine = std::make_shared<cases::Engine>(app);
  api.Post("/api/v1/safety/incidents/{id}/cases",
           http::Doc("openAssistanceCase",
                     "Turns a person's \"need help\" into a draft consular case of the desk, "
                     "with the person, the place and their note")
               .Roles(kDeskStaff)
               .Body({{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"person_id"}},
                      {"properties", {{"person_id", {{"type", "integer"}, {"minimum", 1}}}}}})
               .Returns({{"type", "object"},
                         {"required", {"case_id"}},
                         {"properties", {{"case_id", {{"type", "integer"}}}}}},
                        201),
           [&db, engine](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const long long id = call.Id();
             const long long person = call.body()["person_id"].get<long long>();
             const long long case_id = db.Write([&](db::Session& tx) {
               const long long c = OpenCase(tx, *engine, who, id, person);
               audit::Append(
                   tx, audit::By(who, "safety.case.open", "safety_incident", std::to_string(id),
                                 {{"person_id", person}, {"case_id", c}}));
               return c;
             });
             Tell(db, id, "case", {{"person_id", person}, {"case_id", case_id}});
             return auth::Reply({{"case_id", case_id}}, 201);
           });

  api.Post("/api/v1/safety/incidents/{id}/close",
           http::Doc("closeIncident",
                     "Closes the incident: its roll call's links expire, its record stays")
               .Roles(kDeskStaff)
               .Returns(http::Ref("SafetyIncident")),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const long long id = call.Id();
             Json answer = db.Write([&](db::Session& tx) {
               CloseIncident(tx, id, who.user_id);
               audit::Append(tx, audit::By(who, "safety.incident.close", "safety_incident",
                                           std::to_string(id)));
               return IncidentJson(ExistingIncident(tx, id), CountRollCall(tx, id));
             });
             Tell(db, id, "closed", Json::object());
             return auth::Reply(answer);
           });

  api.Get("/api/v1/safety/incidents/{id}/timeline",
          http::Doc("getIncidentTimeline",
                    "What happened, in order: created, asked, answered, called, closed")
              .Roles(kDeskReaders)
              .Returns(http::ItemsOf(
                  {{"type", "object"},
                   {"required", {"at", "kind", "actor", "person_id", "detail"}},
                   {"properties",
                    {{"at", {{"type", "string"}}},
                     {"kind",
                      {{"type", "string"},
                       {"enum", {"created", "asked", "answered", "called", "case", "closed"}}}},
                     {"actor", {{"type", "string"}, {"nullable", true}}},
                     {"person_id", {{"type", "integer"}, {"nullable", true}}},
                     {"detail", {{"type", "object"}}}}}})),
          [&db](const auth::Call& call) {
            RequireDesk(call.who());
            return db.Read([&](db::Session& s) {
              ExistingIncident(s, call.Id());
              Json items = Json::array();
              s.Query(kTimeline, {{"i", call.Id()}}, [&](const db::Row& r) {
                items.push_back({{"at", db::Text(r, 0)},
                                 {"kind", db::Text(r, 1)},
                                 {"actor", db::AnyCol(r, 2)},
                                 {"person_id", db::AnyCol(r, 3)},
                                 {"detail", db::JsonCol(r, 4)}});
              });
              return auth::Reply({{"items", std::move(items)}});
            });
          });

  api.Get("/api/v1/safety/incidents/{id}/live",
          http::Doc("followIncident",
                    "The roll call live (text/event-stream): first a \"counts\" event, then "
                    "\"asked\", \"answered\", \"called\", \"case\" (a consular case opened) and "
                    "\"closed\" events, each with the figures after it")
              .Roles(kDeskReaders)
              .EventStream(),
          [&db](const auth::Call& call) {
            RequireDesk(call.who());
            const long long id = call.Id();
            const Json counts = db.Read([&](db::Session& s) {
              ExistingIncident(s, id);
              return CountRollCall(s, id).ToJson();
            });
            return http::Response::Stream(LiveTopic(id),
                                          live::Event("counts", {{"roll_call", counts}}));
          });

  // --- the person abroad, through the link they were sent (no account)

  api.Get(
      "/api/v1/safety/answer/{token}",
      http::Doc("getSafetyQuestion", "What a roll-call link asks (410 once the incident is closed)")
          .Public()
          .Returns(QuestionSchema())
          .Errors({"410"}),
      [&db](const auth::Call& call) {
        const std::string& token = call.request().Param("token");
        return db.Read([&](db::Session& s) {
          const Question q = QuestionOf(s, token);
          return auth::Reply({{"title", q.title},
                              {"name", q.name},
                              {"from", q.from.ToString()},
                              {"to", q.to.ToString()},
                              {"answer", q.answer.empty() ? Json(nullptr) : Json(q.answer)}});
        });
      });

  api.Post(
      "/api/v1/safety/answer/{token}",
      http::Doc("answerSafetyQuestion",
                "Answers a roll call once: safe or need help, with a note and where one is")
          .Public()
          .Body(AnswerBody())
          .Returns({{"type", "object"},
                    {"required", {"answer", "answered_at"}},
                    {"properties",
                     {{"answer", {{"type", "string"}}}, {"answered_at", {{"type", "string"}}}}}})
          .Errors({"409", "410"}),
      [&db](const auth::Call& call) {
        const std::string& token = call.request().Param("token");
        const Json& body = call.body();
        if (body.contains("lat") != body.contains("lon")) {
          const char* missing = body.contains("lat") ? "lon" : "lat";
          throw ApiError::Unprocessable(
              {{missing, "safety.position_pair", i18n::T("safety.position_pair")}});
        }
        const Answer given{
            body["answer"], body.value("note", ""),
            body.contains("lat") ? std::optional(body["lat"].get<double>()) : std::nullopt,
            body.contains("lon") ? std::optional(body["lon"].get<double>()) : std::nullopt};
        std::string at;
        const Question q = db.Write([&](db::Session& tx) {
          const Question found = RecordAnswer(tx, token, given);
          at = clock::NowIso();
          audit::Entry entry;
          entry.ip = call.request().remote_ip;
          entry.action = "safety.roll_call.answer";
          entry.object_type = "safety_incident";
          entry.object_id = std::to_string(found.incident_id);
          entry.detail = {{"person_id", found.person_id}, {"answer", given.answer}};
          audit::Append(tx, entry);
          return found;
        });
        Tell(db, q.incident_id, "answered", {{"person_id", q.person_id}, {"answer", given.answer}});
        return auth::Reply({{"answer", given.answer}, {"answered_at", at}});
      });
}

}  // namespace waishi::safety
