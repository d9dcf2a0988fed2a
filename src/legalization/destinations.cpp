// The Apostille Convention's relation with each destination: reference data from the HCCH
// status table (migration 0002: a row per party; a country without one is not a party), kept
// by the admin with the history of each change; a document's route is decided from it
// (route.h). Beside it, the embassy or consulate that legalizes documents for the destination
// (migration 0003), to which the desk's batches go.
#include <map>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/geo/countries.h"
#include "legalization/parts.h"

namespace waishi::legalization {
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kSelectOne = R"(
  SELECT country, party_since, objects_to_china, note_zh, note_en, updated_at, post_zh, post_en
  FROM legalization_destinations WHERE country = :c)";

constexpr const char* kSelectAll = R"(
  SELECT country, party_since, objects_to_china, note_zh, note_en, updated_at, post_zh, post_en
  FROM legalization_destinations ORDER BY country)";

constexpr const char* kSave = R"(
  INSERT INTO legalization_destinations
    (country, party_since, objects_to_china, note_zh, note_en, post_zh, post_en, updated_at,
     updated_by)
  VALUES (:c, :p, :o, :nz, :ne, :pz, :pe, :a, :u)
  ON CONFLICT (country) DO UPDATE
  SET party_since = excluded.party_since, objects_to_china = excluded.objects_to_china,
      note_zh = excluded.note_zh, note_en = excluded.note_en, post_zh = excluded.post_zh,
      post_en = excluded.post_en, updated_at = excluded.updated_at,
      updated_by = excluded.updated_by)";

constexpr const char* kRecordHistory = R"(
  INSERT INTO legalization_destination_history
    (country, before_json, after_json, reason, by_user, at)
  VALUES (:c, :b, :f, :r, :u, :a))";

constexpr const char* kHistory = R"(
  SELECT h.id, h.before_json, h.after_json, h.reason, u.display_name, h.at
  FROM legalization_destination_history h JOIN users u ON u.id = h.by_user
  WHERE h.country = :c ORDER BY h.id DESC)";

// ---------------------------------------------------------------------------

// Each name of a post at most, in characters: both names and the space between them, the form
// a batch takes (batches.cpp), fit in a batch's post (200).
constexpr int kPostNameMax = 99;

struct Stored {
  Destination d;
  std::string note_zh, note_en;
  i18n::Text post;                        // the embassy or consulate; both empty: none on record
  std::optional<std::string> updated_at;  // none: never changed, not a party
};

// What the table says of `c` when it has no row: not a party.
Stored NotAParty(const geo::Country& c) {
  Stored out;
  out.d.country = c.code;
  out.d.name_zh = c.name_zh;
  out.d.name_en = c.name_en;
  return out;
}

Stored ReadStored(const db::Row& r, const geo::Country& c) {
  Stored out = NotAParty(c);
  out.d.party_since = db::OptText(r, 1);
  out.d.objects_to_china = db::Bool(r, 2);
  out.note_zh = db::Text(r, 3);
  out.note_en = db::Text(r, 4);
  out.updated_at = db::Text(r, 5);
  out.post = {db::Text(r, 6), db::Text(r, 7)};
  return out;
}

// The destination as the API shows it, with the route it gives today.
Json ToJson(const Stored& s, std::string_view today) {
  const Decision decision = Decide(s.d, today);
  return Json{{"country", s.d.country},
              {"name", {{"zh", s.d.name_zh}, {"en", s.d.name_en}}},
              {"party_since", s.d.party_since ? Json(*s.d.party_since) : Json(nullptr)},
              {"objects_to_china", s.d.objects_to_china},
              {"note", {{"zh", s.note_zh}, {"en", s.note_en}}},
              {"post", s.post.ToJson()},
              {"served", IsServed(s.d.country)},
              {"route", IsServed(s.d.country) ? Json(RouteName(decision.route)) : Json(nullptr)},
              {"updated_at", s.updated_at ? Json(*s.updated_at) : Json(nullptr)}};
}

// The values a change may touch, for the history's before and after.
Json Values(const Stored& s) {
  return Json{{"party_since", s.d.party_since ? Json(*s.d.party_since) : Json(nullptr)},
              {"objects_to_china", s.d.objects_to_china},
              {"note_zh", s.note_zh},
              {"note_en", s.note_en},
              {"post_zh", s.post.zh},
              {"post_en", s.post.en}};
}

// The destination `country`, or none for a code that is no ISO 3166-1 country.
std::optional<Stored> LoadStored(db::Session& s, std::string_view country) {
  const geo::Country* c = geo::FindCountry(country);
  if (!c) return std::nullopt;
  Stored out = NotAParty(*c);
  s.Query(kSelectOne, {{"c", c->code}}, [&](const db::Row& r) { out = ReadStored(r, *c); });
  return out;
}

// The `destination` query parameter: a served country (400 naming the parameter otherwise).
std::string DestinationParam(const http::Request& req) {
  const std::string code(req.Query("destination").value_or(""));
  if (code.empty()) {
    throw ApiError::InvalidQuery("destination", "required", i18n::T("validation.required"));
  }
  if (!geo::FindCountry(code)) {
    throw ApiError::InvalidQuery("destination", "enum", i18n::T("validation.country"));
  }
  if (!IsServed(code)) {
    throw ApiError::InvalidQuery("destination", "not_served",
                                 i18n::T("legalization.destination.not_served"));
  }
  return code;
}

const Json kBilingual = {
    {"type", "object"},
    {"required", {"zh", "en"}},
    {"properties", {{"zh", {{"type", "string"}}}, {"en", {{"type", "string"}}}}}};

Json DestinationSchema() {
  return Json{
      {"type", "object"},
      {"required",
       {"country", "name", "party_since", "objects_to_china", "note", "post", "served", "route",
        "updated_at"}},
      {"properties",
       {{"country", {{"type", "string"}}},
        {"name", kBilingual},
        {"party_since", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
        {"objects_to_china", {{"type", "boolean"}}},
        {"note", kBilingual},
        {"post", kBilingual},
        {"served", {{"type", "boolean"}}},
        {"route",
         {{"type", "string"}, {"enum", {"apostille", "legalization"}}, {"nullable", true}}},
        {"updated_at", {{"type", "string"}, {"format", "date-time"}, {"nullable", true}}}}}};
}

}  // namespace

bool IsServed(std::string_view country) { return country != "CN" && country != "TW"; }

std::optional<Destination> LoadDestination(db::Session& s, std::string_view country) {
  auto stored = LoadStored(s, country);
  if (!stored) return std::nullopt;
  return std::move(stored->d);
}

i18n::Text LoadPost(db::Session& s, std::string_view country) {
  auto stored = LoadStored(s, country);
  if (!stored) return {};
  return std::move(stored->post);
}

void RegisterDestinations(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "legalization");
  api.Component("LegalizationDestination", DestinationSchema());

  api.Get("/api/v1/legalization/route",
          http::Doc("getLegalizationRoute",
                    "Apostille or consular legalization for a destination, and why (public)")
              .Public()
              .Query({"destination"})
              .Returns({{"type", "object"},
                        {"required", {"country", "route", "reason"}},
                        {"properties",
                         {{"country", {{"type", "string"}}},
                          {"route", {{"type", "string"}, {"enum", {"apostille", "legalization"}}}},
                          {"reason", kBilingual}}}}),
          [&db](const auth::Call& call) {
            const std::string code = DestinationParam(call.request());
            const auto d = db.Read([&](db::Session& s) { return LoadDestination(s, code); });
            // DestinationParam took an ISO code, and every ISO code has a destination.
            if (!d) throw std::logic_error("no destination for the ISO code " + code);
            const Decision decision = Decide(*d, calendar::Date::TodayInChina().ToString());
            return auth::Reply(Json{{"country", code},
                                    {"route", RouteName(decision.route)},
                                    {"reason", decision.reason.ToJson()}});
          });

  api.Get("/api/v1/legalization/destinations",
          http::Doc("listLegalizationDestinations",
                    "The Apostille Convention's relation with every destination (public)")
              .Public()
              .Returns(http::ItemsOf(http::Ref("LegalizationDestination"))),
          [&db](const auth::Call&) {
            const std::string today = calendar::Date::TodayInChina().ToString();
            std::map<std::string, Stored> rows;
            db.Read([&](db::Session& s) {
              s.Query(kSelectAll, {}, [&](const db::Row& r) {
                if (const geo::Country* c = geo::FindCountry(db::Text(r, 0)))
                  rows.emplace(c->code, ReadStored(r, *c));
              });
            });
            Json items = Json::array();
            for (const auto& c : geo::AllCountries()) {
              const auto it = rows.find(c.code);
              items.push_back(ToJson(it == rows.end() ? NotAParty(c) : it->second, today));
            }
            return auth::Reply(Json{{"items", items}});
          });

  api.Put(
      "/api/v1/legalization/destinations/{country}",
      http::Doc("putLegalizationDestination",
                "Change a destination's Convention status (the admin), with a reason; kept in its "
                "history")
          .Roles({"admin"})
          .Body({{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"party_since", "objects_to_china", "reason"}},
                 {"properties",
                  {{"party_since", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
                   {"objects_to_china", {{"type", "boolean"}}},
                   {"note_zh", {{"type", "string"}, {"maxLength", 500}}},
                   {"note_en", {{"type", "string"}, {"maxLength", 500}}},
                   {"post_zh", {{"type", "string"}, {"maxLength", kPostNameMax}}},
                   {"post_en", {{"type", "string"}, {"maxLength", kPostNameMax}}},
                   {"reason", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000}}}}}})
          .Returns(http::Ref("LegalizationDestination")),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        const std::string code = call.request().Param("country");
        const Json& body = call.body();
        // The schema checked the date (a real day of the calendar).
        std::optional<std::string> since;
        if (!body["party_since"].is_null()) since = body["party_since"].get<std::string>();
        return auth::Reply(db.Write([&](db::Session& s) {
          auto stored = LoadStored(s, code);
          if (!stored) throw ApiError::NotFound();
          const Json before = Values(*stored);
          stored->d.party_since = since;
          stored->d.objects_to_china = body["objects_to_china"].get<bool>();
          stored->note_zh = body.value("note_zh", stored->note_zh);
          stored->note_en = body.value("note_en", stored->note_en);
          stored->post.zh = body.value("post_zh", stored->post.zh);
          stored->post.en = body.value("post_en", stored->post.en);
          stored->updated_at = clock::NowIso();
          const Json after = Values(*stored);
          const std::string reason = body["reason"];
          s.Exec(kSave, {{"p", stored->d.party_since},
                         {"o", stored->d.objects_to_china ? 1 : 0},
                         {"nz", stored->note_zh},
                         {"ne", stored->note_en},
                         {"pz", stored->post.zh},
                         {"pe", stored->post.en},
                         {"a", stored->updated_at},
                         {"u", who.user_id},
                         {"c", code}});
          s.Exec(kRecordHistory, {{"c", code},
                                  {"b", before.dump()},
                                  {"f", after.dump()},
                                  {"r", reason},
                                  {"u", who.user_id},
                                  {"a", *stored->updated_at}});
          audit::Append(s, audit::By(who, "legalization.destination.update", "country", code,
                                     {{"before", before}, {"after", after}, {"reason", reason}}));
          return ToJson(*stored, calendar::Date::TodayInChina().ToString());
        }));
      });

  api.Get("/api/v1/legalization/destinations/{country}/history",
          http::Doc("listLegalizationDestinationHistory",
                    "Who changed a destination's Convention status, when, why, and from what")
              .Roles({"admin"})
              .Returns(http::ItemsOf({{"type", "object"},
                                      {"required", {"id", "before", "after", "reason", "by", "at"}},
                                      {"properties",
                                       {{"id", {{"type", "integer"}}},
                                        {"before", {{"type", "object"}}},
                                        {"after", {{"type", "object"}}},
                                        {"reason", {{"type", "string"}}},
                                        {"by", {{"type", "string"}}},
                                        {"at", {{"type", "string"}, {"format", "date-time"}}}}}})),
          [&db](const auth::Call& call) {
            const std::string code = call.request().Param("country");
            return auth::Reply(db.Read([&](db::Session& s) {
              if (!LoadStored(s, code)) throw ApiError::NotFound();
              Json items = Json::array();
              s.Query(kHistory, {{"c", code}}, [&](const db::Row& r) {
                items.push_back({{"id", db::Int(r, 0)},
                                 {"before", Json::parse(db::Text(r, 1))},
                                 {"after", Json::parse(db::Text(r, 2))},
                                 {"reason", db::Text(r, 3)},
                                 {"by", db::Text(r, 4)},
                                 {"at", db::Text(r, 5)}});
              });
              return Json{{"items", items}};
            }));
          });
}

}  // namespace waishi::legalization
