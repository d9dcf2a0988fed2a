// Voluntary registration (issue 11): a citizen registers a trip abroad for themselves or their
// family — the places picked from the gazetteer, never typed coordinates — consenting to the
// register's purpose; they read their registrations and withdraw their consent, which removes
// the people and legs at once.
#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/geo/places.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

// The purpose the citizen agrees to, as the form shows it (catalogue key): a new wording is a
// new key, so a registration keeps what was agreed.
constexpr std::string_view kPurpose = "safety.consent.v1";

constexpr const char* kInsertRegistration = R"(
  INSERT INTO safety_registrations (user_id, purpose, consented_at) VALUES (:u, :p, :at))";
constexpr const char* kLinkPerson = R"(
  INSERT INTO safety_registration_people (registration_id, person_id, relation)
  VALUES (:r, :p, :rel))";
constexpr const char* kOwn = R"(
  SELECT id, purpose, consented_at, withdrawn_at FROM safety_registrations
  WHERE user_id = :u ORDER BY id DESC)";
constexpr const char* kPeopleOf = R"(
  SELECT rp.person_id, rp.relation, p.name, p.phone, p.email
  FROM safety_registration_people rp JOIN safety_people p ON p.id = rp.person_id
  WHERE rp.registration_id = :r ORDER BY rp.person_id)";
constexpr const char* kTripsOf = R"(
  SELECT country, city, from_day, to_day FROM safety_legs WHERE person_id = :p ORDER BY from_day, id)";
constexpr const char* kOwner =
    "SELECT user_id, withdrawn_at FROM safety_registrations WHERE id = :id";
constexpr const char* kWithdrawRegistration =
    "UPDATE safety_registrations SET withdrawn_at = :at WHERE id = :id AND withdrawn_at IS NULL";
constexpr const char* kLinked =
    "SELECT person_id FROM safety_registration_people WHERE registration_id = :r";

constexpr std::size_t kMaxPeople = 10, kMaxLegs = 20;

Json RegistrationBody() {
  const Json date = {{"type", "string"}, {"format", "date"}};
  const Json text = {{"type", "string"}, {"maxLength", 200}};
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"people", "legs", "consent"}},
      {"properties",
       {{"people",
         {{"type", "array"},
          {"minItems", 1},
          {"maxItems", kMaxPeople},
          {"items",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"name", "relation"}},
            {"properties",
             {{"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
              {"relation", {{"type", "string"}, {"enum", {"self", "family"}}}},
              {"phone", text},
              {"email", {{"type", "string"}, {"format", "email"}, {"maxLength", 200}}}}}}}}},
        {"legs",
         {{"type", "array"},
          {"minItems", 1},
          {"maxItems", kMaxLegs},
          {"items",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"place_id", "from", "to"}},
            {"properties",
             {{"place_id", {{"type", "integer"}, {"minimum", 1}}},
              {"from", date},
              {"to", date}}}}}}},
        // The citizen ticked the purpose shown (safety.consent.v1): true, or nothing is kept.
        {"consent", {{"type", "boolean"}, {"enum", {true}}}}}}};
}

Json RegistrationSchema() {
  const Json text = {{"type", "string"}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{
      {"type", "object"},
      {"required", {"id", "purpose", "consented_at", "withdrawn_at", "people"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"purpose",
         {{"type", "object"},
          {"description", "the purpose agreed to"},
          {"required", {"zh", "en"}},
          {"properties", {{"zh", text}, {"en", text}}}}},
        {"consented_at", text},
        {"withdrawn_at", {{"type", "string"}, {"nullable", true}}},
        {"people",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"name", "relation", "phone", "email", "legs"}},
            {"properties",
             {{"name", text},
              {"relation", {{"type", "string"}, {"enum", {"self", "family"}}}},
              {"phone", text},
              {"email", text},
              {"legs",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"required", {"country", "city", "from", "to"}},
                  {"properties",
                   {{"country", text}, {"city", text}, {"from", date}, {"to", date}}}}}}}}}}}}}}}};
}

Json RegistrationJson(db::Session& s, long long id, const std::string& purpose,
                      const std::string& consented_at, const Json& withdrawn_at) {
  const i18n::Text agreed = i18n::T(purpose);
  Json people = Json::array();
  s.Query(kPeopleOf, {{"r", id}}, [&](const db::Row& r) {
    people.push_back({{"person_id", db::Int(r, 0)},
                      {"relation", db::Text(r, 1)},
                      {"name", db::Text(r, 2)},
                      {"phone", db::Text(r, 3)},
                      {"email", db::Text(r, 4)},
                      {"legs", Json::array()}});
  });
  for (Json& p : people) {
    s.Query(kTripsOf, {{"p", p["person_id"].get<long long>()}}, [&](const db::Row& r) {
      p["legs"].push_back(
          {{"country", db::Text(r, 0)},
           {"city", db::Text(r, 1)},
           {"from", calendar::Date::FromDays(static_cast<int>(db::Int(r, 2))).ToString()},
           {"to", calendar::Date::FromDays(static_cast<int>(db::Int(r, 3))).ToString()}});
    });
    p.erase("person_id");
  }
  return Json{{"id", id},
              {"purpose", {{"zh", agreed.zh}, {"en", agreed.en}}},
              {"consented_at", consented_at},
              {"withdrawn_at", withdrawn_at},
              {"people", std::move(people)}};
}

}  // namespace

void RegisterRegistrationRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "safety");
  api.Component("SafetyRegistration", RegistrationSchema());

  api.Post(
      "/api/v1/safety/registrations",
      http::Doc("registerTrip",
                "A citizen registers a trip abroad for themselves or their family, "
                "consenting to the register's purpose; each place from the gazetteer")
          .Roles({"citizen"})
          .Body(RegistrationBody())
          .Returns(http::Ref("SafetyRegistration"), 201),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        const Json& body = call.body();
        // The dates' order, then the places (422 naming each bad one, nothing written).
        std::vector<FieldError> errors;
        std::vector<std::pair<calendar::Date, calendar::Date>> dates;
        for (std::size_t i = 0; i < body["legs"].size(); ++i) {
          const Json& leg = body["legs"][i];
          const auto from = calendar::Date::Parse(leg["from"].get<std::string>());
          const auto to = calendar::Date::Parse(leg["to"].get<std::string>());
          if (*to < *from) {
            errors.push_back({"legs[" + std::to_string(i) + "].to", "safety.window_order",
                              i18n::T("safety.window_order")});
          }
          dates.emplace_back(*from, *to);
        }
        if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
        return db.Write([&](db::Session& tx) {
          std::vector<Leg> legs;
          std::vector<FieldError> unknown;
          for (std::size_t i = 0; i < body["legs"].size(); ++i) {
            const auto place = geo::FindPlace(tx, body["legs"][i]["place_id"].get<long long>());
            if (!place) {
              unknown.push_back({"legs[" + std::to_string(i) + "].place_id", "place.unknown",
                                 i18n::T("geo.place.unknown")});
              continue;
            }
            legs.push_back(Leg{place->country, place->name_en, place->lat, place->lon,
                               dates[i].first, dates[i].second});
          }
          if (!unknown.empty()) throw ApiError::Unprocessable(std::move(unknown));
          const std::string now = clock::NowIso();
          const long long id = tx.Insert(
              kInsertRegistration, {{"u", who.user_id}, {"p", std::string(kPurpose)}, {"at", now}});
          const Json& people = body["people"];
          for (std::size_t i = 0; i < people.size(); ++i) {
            const Person person{"voluntary",
                                "registration/" + std::to_string(id) + "/" + std::to_string(i + 1),
                                people[i]["name"],
                                people[i].value("phone", ""),
                                people[i].value("email", ""),
                                "",
                                0};
            const long long person_id = PersonId(tx, person, now);
            for (const Leg& leg : legs) AddLeg(tx, person_id, leg);
            tx.Exec(
                kLinkPerson,
                {{"r", id}, {"p", person_id}, {"rel", people[i]["relation"].get<std::string>()}});
          }
          audit::Append(tx, audit::By(who, "safety.registration.create", "safety_registration",
                                      std::to_string(id),
                                      {{"people", people.size()}, {"legs", legs.size()}}));
          return auth::Reply(RegistrationJson(tx, id, std::string(kPurpose), now, nullptr), 201);
        });
      });

  api.Get("/api/v1/safety/registrations",
          http::Doc("listMyRegistrations", "The citizen's own registrations, newest first")
              .Roles({"citizen"})
              .Returns(http::ItemsOf(http::Ref("SafetyRegistration"))),
          [&db](const auth::Call& call) {
            return db.Read([&](db::Session& s) {
              std::vector<std::tuple<long long, std::string, std::string, Json>> own;
              s.Query(kOwn, {{"u", call.who().user_id}}, [&](const db::Row& r) {
                own.emplace_back(db::Int(r, 0), db::Text(r, 1), db::Text(r, 2), db::AnyCol(r, 3));
              });
              Json items = Json::array();
              for (const auto& [id, purpose, at, withdrawn] : own)
                items.push_back(RegistrationJson(s, id, purpose, at, withdrawn));
              return auth::Reply({{"items", std::move(items)}});
            });
          });

  api.Post("/api/v1/safety/registrations/{id}/withdraw",
           http::Doc("withdrawConsent",
                     "Withdraws the consent of a registration: its people and legs are removed "
                     "at once; the dates stay")
               .Roles({"citizen"})
               .Returns(http::Ref("SafetyRegistration"))
               .Errors({"409"}),
           [&db](const auth::Call& call) {
             const auto& who = call.who();
             const long long id = call.Id();
             return db.Write([&](db::Session& tx) {
               std::optional<long long> owner;
               tx.Query(kOwner, {{"id", id}}, [&](const db::Row& r) { owner = db::Int(r, 0); });
               // Another citizen's registration is as unknown as none.
               if (!owner || *owner != who.user_id) throw ApiError::NotFound();
               const std::string now = clock::NowIso();
               if (tx.Exec(kWithdrawRegistration, {{"id", id}, {"at", now}}) == 0) {
                 throw ApiError::Conflict("safety.consent_withdrawn",
                                          i18n::T("safety.consent_withdrawn"));
               }
               std::vector<long long> people;
               tx.Query(kLinked, {{"r", id}},
                        [&](const db::Row& r) { people.push_back(db::Int(r, 0)); });
               RemovePeople(tx, people);
               audit::Append(tx,
                             audit::By(who, "safety.registration.withdraw", "safety_registration",
                                       std::to_string(id), {{"people", people.size()}}));
               std::string purpose, at;
               tx.Query("SELECT purpose, consented_at FROM safety_registrations WHERE id = :id",
                        {{"id", id}}, [&](const db::Row& r) {
                          purpose = db::Text(r, 0);
                          at = db::Text(r, 1);
                        });
               return auth::Reply(RegistrationJson(tx, id, purpose, at, now));
             });
           });
}

}  // namespace waishi::safety
