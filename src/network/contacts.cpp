#include "network/contacts.h"

#include <optional>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/http/params.h"
#include "network/cities.h"

namespace waishi::network {
namespace {

constexpr const char* kContactSelect = R"(
  SELECT k.id, k.city_id, c.name_zh, c.name_en, c.country, k.name, k.role, k.organization,
         k.email, k.phone, k.language, k.created_at, k.updated_at )";
constexpr const char* kContactFrom =
    "FROM network_contacts k JOIN network_cities c ON c.id = k.city_id";
constexpr const char* kContactInsert = R"(
  INSERT INTO network_contacts (city_id, name, role, organization, email, phone, language,
                                created_at, updated_at)
  VALUES (:c, :n, :r, :o, :e, :p, :l, :at, :at2))";
constexpr const char* kCityOf = "SELECT city_id FROM network_contacts WHERE id = :id";
// An edit: who the contact is and how to reach them; never the city.
constexpr const char* kContactEdit = R"(
  UPDATE network_contacts
  SET name = :n, role = :r, organization = :o, email = :e, phone = :p, language = :l,
      updated_at = :at
  WHERE id = :id)";
constexpr const char* kDelete = "DELETE FROM network_contacts WHERE id = :id";
constexpr const char* kOfCity = R"(
  SELECT name, role, organization, email, phone FROM network_contacts WHERE city_id = :id
  ORDER BY id LIMIT 3)";

Json ContactJson(const db::Row& r) {
  return Json{{"id", db::Int(r, 0)},
              {"city", CityRefJson(r, 1)},
              {"name", db::Text(r, 5)},
              {"role", db::Text(r, 6)},
              {"organization", db::Text(r, 7)},
              {"email", db::Text(r, 8)},
              {"phone", db::Text(r, 9)},
              {"language", db::Text(r, 10)},
              {"created_at", db::Text(r, 11)},
              {"updated_at", db::Text(r, 12)}};
}

Json ContactSchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "city", "name", "role", "organization", "email", "phone", "language",
                "created_at", "updated_at"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"city", CityRefSchema()},
                {"name", text},
                {"role", text},
                {"organization", text},
                {"email", text},
                {"phone", text},
                {"language", {{"type", "string"}, {"description", "ISO 639-1, or empty"}}},
                {"created_at", text},
                {"updated_at", text}}}};
}

Json NewContactBody() {
  const Json name = {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}};
  return Json{{"type", "object"},
              {"additionalProperties", false},
              {"required", {"city_id", "name", "role"}},
              {"properties",
               {{"city_id", {{"type", "integer"}, {"minimum", 1}}},
                {"name", name},
                {"role", name},
                {"organization", {{"type", "string"}, {"maxLength", 200}}},
                {"email", {{"type", "string"}, {"format", "email"}, {"maxLength", 254}}},
                // E.164 at most 15 digits, written as people write them: +49 241 432-0.
                {"phone", {{"type", "string"}, {"pattern", "^(\\+?[0-9][0-9 ()-]{4,24})?$"}}},
                {"language", {{"type", "string"}, {"pattern", "^([a-z]{2})?$"}}}}}};
}

// An edit's body: the new one's without the city (a contact stays with its city).
Json EditContactBody() {
  Json body = NewContactBody();
  body["properties"].erase("city_id");
  body["required"] = {"name", "role"};
  return body;
}

Json ContactById(db::Session& s, long long id) {
  std::optional<Json> contact;
  s.Query(std::string(kContactSelect) + kContactFrom + " WHERE k.id = :id", {{"id", id}},
          [&](const db::Row& r) { contact = ContactJson(r); });
  if (!contact) throw ApiError::NotFound();
  return *contact;
}

}  // namespace

long long InsertContact(db::Session& tx, const Json& b) {
  const long long city = b["city_id"].get<long long>();
  RequireCity(tx, city);
  const std::string now = clock::NowIso();
  return tx.Insert(kContactInsert, {{"c", city},
                                    {"n", b["name"].get<std::string>()},
                                    {"r", b["role"].get<std::string>()},
                                    {"o", b.value("organization", "")},
                                    {"e", b.value("email", "")},
                                    {"p", b.value("phone", "")},
                                    {"l", b.value("language", "")},
                                    {"at", now},
                                    {"at2", now}});
}

Json ContactsOf(db::Session& s, long long city_id) {
  Json out = Json::array();
  s.Query(kOfCity, {{"id", city_id}}, [&](const db::Row& r) {
    out.push_back({{"name", db::Text(r, 0)},
                   {"role", db::Text(r, 1)},
                   {"organization", db::Text(r, 2)},
                   {"email", db::Text(r, 3)},
                   {"phone", db::Text(r, 4)}});
  });
  return out;
}

void RegisterContactRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Component("NetworkContact", ContactSchema());

  api.Post("/api/v1/network/contacts",
           http::Doc("createNetworkContact", "Adds a contact in a partner city")
               .Roles(kStaff)
               .Body(NewContactBody())
               .Returns(http::Ref("NetworkContact"), 201),
           [&db](const auth::Call& call) {
             const Json& b = call.body();
             return db.Write([&](db::Session& tx) {
               const long long id = InsertContact(tx, b);
               audit::Append(tx, audit::By(call.who(), "network.contact.create", "network_contact",
                                           std::to_string(id), {{"city_id", b["city_id"]}}));
               return auth::Reply(ContactById(tx, id), 201);
             });
           });

  api.Get("/api/v1/network/contacts",
          http::Doc("listNetworkContacts",
                    "The contacts, by partner city (?city_id=); personal data: the read is "
                    "audited")
              .Roles(kReaders)
              .Query({"city_id", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("NetworkContact"))),
          [&db](const auth::Call& call) {
            const auto page = http::ParsePage(call.request());
            const auto city = CityIdQuery(call.request());
            std::string where;
            db::Params params;
            if (city) where = " WHERE k.city_id = " + db::Bind(params, "city", *city);
            Json list = db.Read([&](db::Session& s) {
              return ListPage(s, kContactSelect, kContactFrom + where,
                              " ORDER BY c.name_en, k.name, k.id", params, page, ContactJson);
            });
            Json ids = Json::array();
            for (const Json& c : list["items"]) ids.push_back(c["id"]);
            audit::AppendDetached(
                db, audit::By(call.who(), "network.contact.read", "network_city",
                              city ? std::to_string(*city) : "", {{"contacts", std::move(ids)}}));
            return auth::Reply(std::move(list));
          });

  api.Get("/api/v1/network/contacts/{id}",
          http::Doc("getNetworkContact", "A contact in a partner city (the read is audited)")
              .Roles(kReaders)
              .Returns(http::Ref("NetworkContact")),
          [&db](const auth::Call& call) {
            Json contact = db.Read([&](db::Session& s) { return ContactById(s, call.Id()); });
            audit::AppendDetached(db, audit::By(call.who(), "network.contact.read",
                                                "network_contact", std::to_string(call.Id())));
            return auth::Reply(std::move(contact));
          });

  api.Put("/api/v1/network/contacts/{id}",
          http::Doc("editNetworkContact",
                    "Corrects a contact: name, office, organization, e-mail, phone, language "
                    "(those left out become empty); never the city")
              .Roles(kStaff)
              .Body(EditContactBody())
              .Returns(http::Ref("NetworkContact")),
          [&db](const auth::Call& call) {
            const Json& b = call.body();
            return db.Write([&](db::Session& tx) {
              const long long id = call.Id();
              const auto city = tx.Int(kCityOf, {{"id", id}});
              if (!city) throw ApiError::NotFound();
              tx.Exec(kContactEdit, {{"n", b["name"].get<std::string>()},
                                     {"r", b["role"].get<std::string>()},
                                     {"o", b.value("organization", "")},
                                     {"e", b.value("email", "")},
                                     {"p", b.value("phone", "")},
                                     {"l", b.value("language", "")},
                                     {"at", clock::NowIso()},
                                     {"id", id}});
              audit::Append(tx, audit::By(call.who(), "network.contact.update", "network_contact",
                                          std::to_string(id), {{"city_id", *city}}));
              return auth::Reply(ContactById(tx, id));
            });
          });

  api.Delete("/api/v1/network/contacts/{id}",
             http::Doc("deleteNetworkContact",
                       "Removes a contact who has left office: their data is not kept")
                 .Roles(kStaff)
                 .NoContent(),
             [&db](const auth::Call& call) {
               return db.Write([&](db::Session& tx) {
                 const auto city = tx.Int(kCityOf, {{"id", call.Id()}});
                 if (!city) throw ApiError::NotFound();
                 tx.Exec(kDelete, {{"id", call.Id()}});
                 audit::Append(tx,
                               audit::By(call.who(), "network.contact.delete", "network_contact",
                                         std::to_string(call.Id()), {{"city_id", *city}}));
                 return http::Response::NoContent();
               });
             });
}

}  // namespace waishi::network
