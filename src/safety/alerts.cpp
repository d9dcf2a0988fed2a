// Travel alerts: written and published by the consular desk, shown on the public page while
// valid, and sent to the registered people whose legs meet their area and period once a
// second member of the desk has reviewed the send.
#include <map>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "core/geo/places.h"
#include "core/http/params.h"
#include "core/notify/notify.h"
#include "safety/affected.h"
#include "safety/parts.h"

namespace waishi::safety {
namespace {

constexpr const char* kColumns = R"(
  SELECT id, level, area, countries, lat, lon, radius_km, title_zh, title_en, body_zh, body_en,
         valid_from, valid_until, review_on, state, created_at, published_at, send_state,
         send_asked_at, sent_at, recipients, emailed, send_asked_by
  FROM safety_alerts)";
constexpr const char* kInsert = R"(
  INSERT INTO safety_alerts (level, area, countries, lat, lon, radius_km, title_zh, title_en,
                             body_zh, body_en, valid_from, valid_until, review_on, state,
                             created_by, created_at)
  VALUES (:lv, :ar, :co, :la, :lo, :r, :tz, :te, :bz, :be, :vf, :vu, :ro, 'draft', :by, :at))";
constexpr const char* kPublish = R"(
  UPDATE safety_alerts SET state = 'published', published_by = :by, published_at = :at
  WHERE id = :id AND state = 'draft')";
constexpr const char* kWithdrawAlert = R"(
  UPDATE safety_alerts SET state = 'withdrawn', withdrawn_by = :by, withdrawn_at = :at
  WHERE id = :id AND state = 'published')";
constexpr const char* kAskSend = R"(
  UPDATE safety_alerts SET send_state = 'pending_review', send_asked_by = :by, send_asked_at = :at
  WHERE id = :id AND state = 'published' AND send_state = 'none')";
constexpr const char* kSent = R"(
  UPDATE safety_alerts SET send_state = 'sent', sent_by = :by, sent_at = :at, recipients = :n,
                           emailed = :e
  WHERE id = :id AND send_state = 'pending_review')";
constexpr const char* kTotal = "SELECT COUNT(*) FROM safety_alerts";
// Followed by the list of countries "(…)": the people with a leg there during the period.
constexpr const char* kInCountries = R"(
  SELECT DISTINCT l.person_id FROM safety_legs l
  WHERE l.from_day <= :last AND l.to_day >= :first AND l.country IN )";
// The tour groups a person belongs to, and the agency's users who hear of their groups.
constexpr const char* kGroupsOf = "SELECT group_id FROM safety_group_people WHERE person_id = :p";
constexpr const char* kGroup = "SELECT org_id, code, title FROM safety_groups WHERE id = :id";
constexpr const char* kAgencyUsers = R"(
  SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'agency'
  WHERE u.org_id = :org AND u.active = 1 ORDER BY u.id)";
constexpr const char* kCitiesOf = R"(
  SELECT place_id, country, name_en, name_zh, lat, lon FROM safety_alert_cities
  WHERE alert_id = :id ORDER BY position)";
constexpr const char* kInsertCity = R"(
  INSERT INTO safety_alert_cities (alert_id, position, place_id, country, name_en, name_zh, lat,
                                   lon)
  VALUES (:a, :p, :pl, :c, :ne, :nz, :la, :lo))";

// An alert for a list of cities reaches the people with a leg within this distance of a
// city's centre (its suburbs, its airport), as the crisis query measures it.
constexpr double kCityRadiusKm = 30;
constexpr std::size_t kMaxCities = 50;

std::string Day(long long days) {
  return calendar::Date::FromDays(static_cast<int>(days)).ToString();
}

struct Alert {
  Json json;
  long long asked_by = 0;
};

// The alert as the desk reads it; without its send for the public page.
Alert AlertOf(const db::Row& r, bool with_send = true) {
  const std::string area = db::Text(r, 2);
  Json where;
  if (area == "circle") {
    where = Json{{"kind", "circle"},
                 {"lat", db::Real(r, 4)},
                 {"lon", db::Real(r, 5)},
                 {"radius_km", db::Real(r, 6)}};
  } else if (area == "cities") {
    // Filled by WithCities once the row is read.
    where = Json{{"kind", "cities"}, {"place_ids", Json::array()}, {"cities", Json::array()}};
  } else {
    where = Json{{"kind", "countries"}, {"countries", db::JsonCol(r, 3)}};
  }
  Alert out{Json{{"id", db::Int(r, 0)},
                 {"level", db::Int(r, 1)},
                 {"area", std::move(where)},
                 {"title_zh", db::Text(r, 7)},
                 {"title_en", db::Text(r, 8)},
                 {"body_zh", db::Text(r, 9)},
                 {"body_en", db::Text(r, 10)},
                 {"valid_from", Day(db::Int(r, 11))},
                 {"valid_until", Day(db::Int(r, 12))},
                 {"review_on", Day(db::Int(r, 13))},
                 {"state", db::Text(r, 14)},
                 {"created_at", db::Text(r, 15)},
                 {"published_at", db::AnyCol(r, 16)}},
            db::Int(r, 22)};
  if (with_send) {
    out.json["send"] = {{"state", db::Text(r, 17)},
                        {"asked_at", db::AnyCol(r, 18)},
                        {"sent_at", db::AnyCol(r, 19)},
                        {"recipients", db::Int(r, 20)},
                        {"emailed", db::Int(r, 21)}};
  }
  return out;
}

// The cities of an alert for a list of them, read into its area.
Json WithCities(db::Session& s, Json alert) {
  Json& area = alert["area"];
  if (area["kind"] != "cities") return alert;
  s.Query(kCitiesOf, {{"id", alert["id"].get<long long>()}}, [&](const db::Row& r) {
    area["place_ids"].push_back(db::Int(r, 0));
    area["cities"].push_back({{"place_id", db::Int(r, 0)},
                              {"country", db::Text(r, 1)},
                              {"name_en", db::Text(r, 2)},
                              {"name_zh", db::AnyCol(r, 3)},
                              {"lat", db::Real(r, 4)},
                              {"lon", db::Real(r, 5)}});
  });
  return alert;
}

Alert ExistingAlert(db::Session& s, long long id) {
  std::optional<Alert> out;
  s.Query(std::string(kColumns) + " WHERE id = :id", {{"id", id}},
          [&](const db::Row& r) { out = AlertOf(r); });
  if (!out) throw ApiError::NotFound();
  out->json = WithCities(s, std::move(out->json));
  return *out;
}

// Each travel agency whose tour groups have people the send reaches hears of it, in its inbox
// and by e-mail: which group, how many of its people. Answers how many groups.
long long TellAgencies(db::Session& tx, const Json& alert, const std::set<long long>& people,
                       const Json& level) {
  std::map<long long, long long> reached;  // group → its people reached
  for (long long person : people)
    tx.Query(kGroupsOf, {{"p", person}}, [&](const db::Row& r) { ++reached[db::Int(r, 0)]; });
  for (const auto& [group, count] : reached) {
    long long org = 0;
    std::string code, title;
    tx.Query(kGroup, {{"id", group}}, [&](const db::Row& r) {
      org = db::Int(r, 0);
      code = db::Text(r, 1);
      title = db::Text(r, 2);
    });
    std::vector<long long> users;
    tx.Query(kAgencyUsers, {{"org", org}},
             [&](const db::Row& r) { users.push_back(db::Int(r, 0)); });
    for (long long user : users) {
      notify::Send(
          tx, notify::Message{user,
                              "safety.notify.group_alert",
                              {{"title", {{"zh", alert["title_zh"]}, {"en", alert["title_en"]}}},
                               {"level", level},
                               {"code", code},
                               {"group", title},
                               {"people", std::to_string(count)}},
                              "/safety/groups/" + std::to_string(group)});
    }
  }
  return static_cast<long long>(reached.size());
}

// The people whose legs meet the alert's area during its validity.
std::set<long long> Recipients(db::Session& s, const Json& alert) {
  const auto first = *calendar::Date::Parse(alert["valid_from"].get<std::string>());
  const auto last = *calendar::Date::Parse(alert["valid_until"].get<std::string>());
  std::set<long long> people;
  const Json& area = alert["area"];
  if (area["kind"] == "circle") {
    const Incident circle{area["lat"].get<double>(), area["lon"].get<double>(),
                          area["radius_km"].get<double>(), first, last};
    for (const AffectedLeg& leg : FindAffected(s, circle)) people.insert(leg.person_id);
    return people;
  }
  if (area["kind"] == "cities") {
    for (const Json& city : area["cities"]) {
      const Incident around{city["lat"].get<double>(), city["lon"].get<double>(), kCityRadiusKm,
                            first, last};
      for (const AffectedLeg& leg : FindAffected(s, around)) people.insert(leg.person_id);
    }
    return people;
  }
  db::Params binds{{"first", first.days()}, {"last", last.days()}};
  std::string list;
  int i = 0;
  for (const auto& code : area["countries"])
    list += (list.empty() ? "(" : ", ") +
            db::Bind(binds, "c" + std::to_string(i++), code.get<std::string>());
  s.Query(std::string(kInCountries) + list + ")", binds,
          [&](const db::Row& r) { people.insert(db::Int(r, 0)); });
  return people;
}

Json AlertSchema(bool with_send) {
  const Json text = {{"type", "string"}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  const Json optional_text = {{"type", "string"}, {"nullable", true}};
  Json schema = {
      {"type", "object"},
      {"required",
       {"id", "level", "area", "title_zh", "title_en", "body_zh", "body_en", "valid_from",
        "valid_until", "review_on", "state", "created_at", "published_at"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"level", {{"type", "integer"}, {"enum", {1, 2, 3}}}},
        {"area", http::Ref("SafetyAlertArea")},
        {"title_zh", text},
        {"title_en", text},
        {"body_zh", text},
        {"body_en", text},
        {"valid_from", date},
        {"valid_until", date},
        {"review_on", date},
        {"state", {{"type", "string"}, {"enum", {"draft", "published", "withdrawn"}}}},
        {"created_at", text},
        {"published_at", optional_text}}}};
  if (!with_send) return schema;
  schema["required"].push_back("send");
  schema["properties"]["send"] = {
      {"type", "object"},
      {"required", {"state", "asked_at", "sent_at", "recipients", "emailed"}},
      {"properties",
       {{"state", {{"type", "string"}, {"enum", {"none", "pending_review", "sent"}}}},
        {"asked_at", optional_text},
        {"sent_at", optional_text},
        {"recipients", {{"type", "integer"}}},
        {"emailed", {{"type", "integer"}}}}}};
  return schema;
}

// A list of countries, a list of cities (the gazetteer's ids), or a circle: one object whose
// "kind" says which. As answered, a list of cities also names each city.
Json AreaSchema(bool answered) {
  Json schema = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"kind"}},
      {"properties",
       {{"kind", {{"type", "string"}, {"enum", {"countries", "circle", "cities"}}}},
        {"countries",
         {{"type", "array"},
          {"maxItems", 60},
          {"items", {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}}}}},
        {"place_ids",
         {{"type", "array"},
          {"maxItems", kMaxCities},
          {"description",
           "the cities (GET /api/v1/places); the alert reaches those within 30 km of one"},
          {"items", {{"type", "integer"}, {"minimum", 1}}}}},
        {"lat", {{"type", "number"}, {"minimum", -90}, {"maximum", 90}}},
        {"lon", {{"type", "number"}, {"minimum", -180}, {"maximum", 180}}},
        {"radius_km", {{"type", "number"}, {"minimum", 0.1}, {"maximum", 20000}}}}}};
  if (answered) {
    const Json text = {{"type", "string"}};
    const Json number = {{"type", "number"}};
    schema["properties"]["cities"] = {
        {"type", "array"},
        {"items",
         {{"type", "object"},
          {"required", {"place_id", "country", "name_en", "name_zh", "lat", "lon"}},
          {"properties",
           {{"place_id", {{"type", "integer"}}},
            {"country", text},
            {"name_en", text},
            {"name_zh", {{"type", "string"}, {"nullable", true}}},
            {"lat", number},
            {"lon", number}}}}}};
  }
  return schema;
}

Json NewAlertBody() {
  const Json title = {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}};
  const Json body = {{"type", "string"}, {"minLength", 1}, {"maxLength", 5000}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required",
               {"level", "area", "title_zh", "title_en", "body_zh", "body_en", "valid_from",
                "valid_until", "review_on"}},
              {"properties",
               {{"level", {{"type", "integer"}, {"enum", {1, 2, 3}}}},
                // Inline: the validator checks what the body's schema holds, not references.
                {"area", AreaSchema(false)},
                {"title_zh", title},
                {"title_en", title},
                {"body_zh", body},
                {"body_en", body},
                {"valid_from", date},
                {"valid_until", date},
                {"review_on", date}}}};
}

// What the schema cannot say: the area's members for its kind, known countries, dates in
// order.
void CheckAlert(const Json& body) {
  std::vector<FieldError> errors;
  const Json& area = body["area"];
  if (area["kind"] == "countries") {
    if (!area.contains("countries") || area["countries"].empty())
      errors.push_back({"area.countries", "required", i18n::T("validation.required")});
    else
      for (std::size_t i = 0; i < area["countries"].size(); ++i)
        if (!geo::FindCountry(area["countries"][i].get<std::string>()))
          errors.push_back({"area.countries[" + std::to_string(i) + "]", "country",
                            i18n::T("validation.country")});
  } else if (area["kind"] == "cities") {
    if (!area.contains("place_ids") || area["place_ids"].empty())
      errors.push_back({"area.place_ids", "required", i18n::T("validation.required")});
  } else {
    for (const char* member : {"lat", "lon", "radius_km"})
      if (!area.contains(member))
        errors.push_back(
            {std::string("area.") + member, "required", i18n::T("validation.required")});
  }
  const auto from = calendar::Date::Parse(body["valid_from"].get<std::string>());
  const auto until = calendar::Date::Parse(body["valid_until"].get<std::string>());
  if (from && until && *until < *from)
    errors.push_back({"valid_until", "safety.window_order", i18n::T("safety.window_order")});
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
}

}  // namespace

long long WriteAlert(db::Session& tx, const Json& b, long long by) {
  const Json& area = b["area"];
  const bool circle = area["kind"] == "circle";
  const bool cities = area["kind"] == "cities";
  // The cities first: one the gazetteer does not know refuses the alert (422 naming it).
  std::vector<geo::Place> places;
  std::vector<FieldError> unknown;
  std::set<long long> seen;
  if (cities) {
    for (std::size_t i = 0; i < area["place_ids"].size(); ++i) {
      const long long id = area["place_ids"][i].get<long long>();
      if (!seen.insert(id).second) continue;
      if (auto place = geo::FindPlace(tx, id)) {
        places.push_back(std::move(*place));
      } else {
        unknown.push_back({"area.place_ids[" + std::to_string(i) + "]", "place.unknown",
                           i18n::T("geo.place.unknown")});
      }
    }
  }
  if (!unknown.empty()) throw ApiError::Unprocessable(std::move(unknown));
  auto day = [&b](const char* f) { return calendar::Date::Parse(b[f].get<std::string>())->days(); };
  const long long id =
      tx.Insert(kInsert, {{"lv", b["level"].get<int>()},
                          {"ar", area["kind"].get<std::string>()},
                          {"co", circle || cities ? std::string("[]") : area["countries"].dump()},
                          {"la", circle ? db::Value(area["lat"].get<double>()) : db::Value()},
                          {"lo", circle ? db::Value(area["lon"].get<double>()) : db::Value()},
                          {"r", circle ? db::Value(area["radius_km"].get<double>()) : db::Value()},
                          {"tz", b["title_zh"].get<std::string>()},
                          {"te", b["title_en"].get<std::string>()},
                          {"bz", b["body_zh"].get<std::string>()},
                          {"be", b["body_en"].get<std::string>()},
                          {"vf", day("valid_from")},
                          {"vu", day("valid_until")},
                          {"ro", day("review_on")},
                          {"by", by},
                          {"at", clock::NowIso()}});
  for (std::size_t i = 0; i < places.size(); ++i) {
    const geo::Place& p = places[i];
    tx.Exec(kInsertCity, {{"a", id},
                          {"p", static_cast<long long>(i)},
                          {"pl", p.id},
                          {"c", p.country},
                          {"ne", p.name_en},
                          {"nz", p.name_zh ? db::Value(*p.name_zh) : db::Value()},
                          {"la", p.lat},
                          {"lo", p.lon}});
  }
  return id;
}

bool PublishAlert(db::Session& tx, long long id, long long by) {
  return tx.Exec(kPublish, {{"id", id}, {"at", clock::NowIso()}, {"by", by}}) > 0;
}

void RegisterAlertRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "safety");
  api.Component("SafetyAlertArea", AreaSchema(true));
  api.Component("SafetyAlert", AlertSchema(true));
  api.Component("SafetyPublicAlert", AlertSchema(false));

  api.Post("/api/v1/safety/alerts",
           http::Doc("createAlert", "Writes a travel alert (a draft until published)")
               .Roles(kDeskStaff)
               .Body(NewAlertBody())
               .Returns(http::Ref("SafetyAlert"), 201),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             RequireDesk(who);
             const Json& b = call.body();
             CheckAlert(b);
             return db.Write([&](db::Session& tx) {
               const long long id = WriteAlert(tx, b, who.user_id);
               audit::Append(tx, audit::By(who, "safety.alert.create", "safety_alert",
                                           std::to_string(id), {{"level", b["level"]}}));
               return auth::Reply(ExistingAlert(tx, id).json, 201);
             });
           });

  api.Get("/api/v1/safety/alerts",
          http::Doc("listAlerts", "Every alert, newest first, drafts and withdrawn ones included")
              .Roles(kDeskReaders)
              .Query({"page", "page_size"})
              .Returns(http::PageOf(http::Ref("SafetyAlert"))),
          [&db](const auth::Call& call) {
            RequireDesk(call.who());
            const auto page = http::ParsePage(call.request());
            return db.Read([&](db::Session& s) {
              Json items = Json::array();
              s.Query(std::string(kColumns) + " ORDER BY id DESC LIMIT :lim OFFSET :off",
                      {{"lim", page.size}, {"off", page.Offset()}},
                      [&](const db::Row& r) { items.push_back(AlertOf(r).json); });
              for (Json& alert : items) alert = WithCities(s, std::move(alert));
              return auth::Reply(http::PageJson(std::move(items), s.Int(kTotal).value_or(0), page));
            });
          });

  api.Get("/api/v1/safety/alerts/current",
          http::Doc("currentAlerts",
                    "The alerts in force today, the most serious first: the public page's (no "
                    "sign-in)")
              .Public()
              .Returns(http::ItemsOf(http::Ref("SafetyPublicAlert"))),
          [&db](const auth::Call&) {
            const int today = calendar::Date::TodayInChina().days();
            return db.Read([&](db::Session& s) {
              Json items = Json::array();
              s.Query(std::string(kColumns) +
                          " WHERE state = 'published' AND valid_from <= :t AND valid_until >= :t2"
                          " ORDER BY level DESC, id DESC",
                      {{"t", today}, {"t2", today}},
                      [&](const db::Row& r) { items.push_back(AlertOf(r, false).json); });
              for (Json& alert : items) alert = WithCities(s, std::move(alert));
              return auth::Reply({{"items", std::move(items)}});
            });
          });

  api.Get("/api/v1/safety/alerts/{id}",
          http::Doc("getAlert", "An alert, with its send")
              .Roles(kDeskReaders)
              .Returns(http::Ref("SafetyAlert")),
          [&db](const auth::Call& call) {
            RequireDesk(call.who());
            return db.Read(
                [&](db::Session& s) { return auth::Reply(ExistingAlert(s, call.Id()).json); });
          });

  // A step of the alert's life: the UPDATE that makes it (0 rows: not in the state it needs).
  auto step = [&api, &db](std::string path, std::string operation, std::string summary,
                          const char* sql, std::string action) {
    api.Post(
        std::move(path),
        http::Doc(std::move(operation), std::move(summary))
            .Roles(kDeskStaff)
            .Returns(http::Ref("SafetyAlert")),
        [&db, sql, action](const auth::Call& call) {
          const auto& who = call.who();
          RequireDesk(who);
          const long long id = call.Id();
          return db.Write([&](db::Session& tx) {
            const Alert before = ExistingAlert(tx, id);
            if (tx.Exec(sql, {{"id", id}, {"at", clock::NowIso()}, {"by", who.user_id}}) == 0) {
              throw ApiError::Conflict(
                  "safety.alert_state",
                  i18n::T("safety.alert_state",
                          {{"state", before.json["state"].get<std::string>()}}));
            }
            audit::Append(tx, audit::By(who, action, "safety_alert", std::to_string(id)));
            return auth::Reply(ExistingAlert(tx, id).json);
          });
        });
  };
  step("/api/v1/safety/alerts/{id}/publish", "publishAlert",
       "Publishes a draft: on the public page while valid", kPublish, "safety.alert.publish");
  step("/api/v1/safety/alerts/{id}/withdraw", "withdrawAlert",
       "Withdraws a published alert from the public page", kWithdrawAlert, "safety.alert.withdraw");

  api.Post(
      "/api/v1/safety/alerts/{id}/send",
      http::Doc("askAlertSend",
                "Asks for the alert's mass send to the registered people it concerns; "
                "another member of the desk reviews it. Answers how many it would reach")
          .Roles(kDeskStaff)
          .Returns(http::Ref("SafetyAlert")),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        RequireDesk(who);
        const long long id = call.Id();
        return db.Write([&](db::Session& tx) {
          const Alert before = ExistingAlert(tx, id);
          if (tx.Exec(kAskSend, {{"id", id}, {"at", clock::NowIso()}, {"by", who.user_id}}) == 0) {
            throw ApiError::Conflict("safety.alert_send_state", i18n::T("safety.alert_send_state"));
          }
          const auto people = Recipients(tx, before.json);
          tx.Exec("UPDATE safety_alerts SET recipients = :n WHERE id = :id",
                  {{"n", static_cast<long long>(people.size())}, {"id", id}});
          audit::Append(tx, audit::By(who, "safety.alert.send_ask", "safety_alert",
                                      std::to_string(id), {{"recipients", people.size()}}));
          return auth::Reply(ExistingAlert(tx, id).json);
        });
      });

  api.Post(
      "/api/v1/safety/alerts/{id}/send/approve",
      http::Doc("approveAlertSend",
                "Reviews and carries out an asked send (not by who asked it): an e-mail "
                "through the outbox to each person reached who gave an address, and a message "
                "to the travel agency of each tour group with people reached")
          .Roles(kDeskStaff)
          .Returns(http::Ref("SafetyAlert")),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        RequireDesk(who);
        const long long id = call.Id();
        return db.Write([&](db::Session& tx) {
          const Alert alert = ExistingAlert(tx, id);
          if (alert.json["send"]["state"] != "pending_review") {
            throw ApiError::Conflict("safety.alert_send_state", i18n::T("safety.alert_send_state"));
          }
          if (alert.asked_by == who.user_id) {
            throw ApiError::Conflict("safety.alert_second_reviewer",
                                     i18n::T("safety.alert_second_reviewer"));
          }
          const auto people = Recipients(tx, alert.json);
          long long emailed = 0;
          const Json& a = alert.json;
          const i18n::Text level_name =
              i18n::T("safety.level." + std::to_string(a["level"].get<int>()));
          const Json level = {{"zh", level_name.zh}, {"en", level_name.en}};
          for (long long person : people) {
            const std::string email = tx.Text(kEmailOf, {{"id", person}}).value_or("");
            if (notify::SendTo(
                    tx, notify::Mail{email,
                                     "zh-CN",
                                     "safety.notify.alert",
                                     {{"title", {{"zh", a["title_zh"]}, {"en", a["title_en"]}}},
                                      {"body", {{"zh", a["body_zh"]}, {"en", a["body_en"]}}},
                                      {"level", level}},
                                     "/travel-alerts"}))
              ++emailed;
          }
          const long long groups = TellAgencies(tx, a, people, level);
          tx.Exec(kSent, {{"id", id},
                          {"by", who.user_id},
                          {"at", clock::NowIso()},
                          {"n", static_cast<long long>(people.size())},
                          {"e", emailed}});
          audit::Append(tx, audit::By(who, "safety.alert.send", "safety_alert", std::to_string(id),
                                      {{"recipients", people.size()},
                                       {"emailed", emailed},
                                       {"agency_groups", groups}}));
          return auth::Reply(ExistingAlert(tx, id).json);
        });
      });
}

}  // namespace waishi::safety
