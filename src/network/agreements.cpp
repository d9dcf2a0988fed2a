#include "network/agreements.h"

#include <optional>
#include <set>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/http/params.h"
#include "core/notify/notify.h"
#include "network/cities.h"
#include "network/files.h"

namespace waishi::network {
namespace {

constexpr const char* kAgreementSelect = R"(
  SELECT a.id, a.city_id, c.name_zh, c.name_en, c.country, a.title_zh, a.title_en, a.signed_on,
         a.expires_on, a.renewal_notice_days, a.renewal_due_on, a.reminded_on, a.file_name,
         a.file_size, a.file_sha256, a.file_uploaded_at, a.created_at, a.updated_at )";
constexpr const char* kAgreementFrom =
    "FROM network_agreements a JOIN network_cities c ON c.id = a.city_id";
// Open-ended ones last, on both engines (false sorts before true, 0 before 1).
constexpr const char* kOrder = " ORDER BY (a.expires_on IS NULL), a.expires_on, a.id";
constexpr const char* kAgreementInsert = R"(
  INSERT INTO network_agreements (city_id, title_zh, title_en, signed_on, expires_on,
                                  renewal_notice_days, renewal_due_on, created_at, updated_at)
  VALUES (:c, :tz, :te, :s, :e, :n, :d, :at, :at2))";
// An edit: the terms, the renewal's deadline with them, and the reminder re-armed when that
// deadline moved (a renewed agreement is reminded of again); never the city or the signed copy.
constexpr const char* kAgreementEdit = R"(
  UPDATE network_agreements
  SET title_zh = :tz, title_en = :te, signed_on = :s, expires_on = :e, renewal_notice_days = :n,
      renewal_due_on = :d, reminded_on = :r, updated_at = :at
  WHERE id = :id)";
constexpr const char* kReminder =
    "SELECT renewal_due_on, reminded_on FROM network_agreements WHERE id = :id";
constexpr const char* kTakeFile = R"(
  UPDATE network_agreements
  SET file_name = :f, file_size = :s, file_sha256 = :h, file_content = :b, file_uploaded_at = :at,
      updated_at = :at2
  WHERE id = :id)";
constexpr const char* kAgreementFile =
    "SELECT file_name, file_content FROM network_agreements WHERE id = :id";
constexpr const char* kExists = "SELECT COUNT(*) FROM network_agreements WHERE id = :id";
// Due and not yet told: the renewal's day has come, the agreement has not yet expired.
constexpr const char* kDue = R"(
  SELECT a.id, a.city_id, a.title_zh, a.title_en, a.expires_on, c.name_zh, c.name_en
  FROM network_agreements a JOIN network_cities c ON c.id = a.city_id
  WHERE a.renewal_due_on <= :today AND a.expires_on >= :today2 AND a.reminded_on IS NULL
  ORDER BY a.id)";
constexpr const char* kReminded =
    "UPDATE network_agreements SET reminded_on = :today WHERE id = :id";
constexpr const char* kStaffUsers = R"(
  SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
  WHERE r.role IN ('officer', 'approver') AND u.active = 1 ORDER BY u.id)";

constexpr int kDefaultNoticeDays = 180;

// Where the agreement stands today: open-ended, in force, its renewal due, or expired.
std::string StateOf(const std::optional<std::string>& expires_on,
                    const std::optional<std::string>& renewal_due_on, calendar::Date today) {
  if (!expires_on) return "open_ended";
  const std::string day = today.ToString();
  if (day > *expires_on) return "expired";
  if (renewal_due_on && day >= *renewal_due_on) return "renewal_due";
  return "in_force";
}

Json AgreementJson(const db::Row& r, calendar::Date today) {
  const auto expires_on = db::OptText(r, 8), renewal_due_on = db::OptText(r, 10);
  Json file = nullptr;
  if (db::OptText(r, 12)) {
    file = {{"filename", db::Text(r, 12)},
            {"size", db::Int(r, 13)},
            {"sha256", db::Text(r, 14)},
            {"uploaded_at", db::Text(r, 15)}};
  }
  return Json{{"id", db::Int(r, 0)},
              {"city", CityRefJson(r, 1)},
              {"title_zh", db::Text(r, 5)},
              {"title_en", db::Text(r, 6)},
              {"signed_on", db::Text(r, 7)},
              {"expires_on", expires_on ? Json(*expires_on) : Json(nullptr)},
              {"renewal_notice_days", db::Int(r, 9)},
              {"renewal_due_on", renewal_due_on ? Json(*renewal_due_on) : Json(nullptr)},
              {"reminded_on", db::AnyCol(r, 11)},
              {"state", StateOf(expires_on, renewal_due_on, today)},
              {"file", std::move(file)},
              {"created_at", db::Text(r, 16)},
              {"updated_at", db::Text(r, 17)}};
}

Json AgreementSchema() {
  const Json text = {{"type", "string"}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  const Json date_or_null = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  return Json{
      {"type", "object"},
      {"required",
       {"id", "city", "title_zh", "title_en", "signed_on", "expires_on", "renewal_notice_days",
        "renewal_due_on", "reminded_on", "state", "file", "created_at", "updated_at"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"city", CityRefSchema()},
        {"title_zh", text},
        {"title_en", text},
        {"signed_on", date},
        {"expires_on", date_or_null},
        {"renewal_notice_days", {{"type", "integer"}}},
        {"renewal_due_on",
         {{"type", "string"},
          {"format", "date"},
          {"nullable", true},
          {"description", "the renewal's deadline: the staff are reminded that day"}}},
        {"reminded_on", date_or_null},
        {"state",
         {{"type", "string"},
          {"enum", {"open_ended", "in_force", "renewal_due", "expired"}},
          {"description", "today, in China"}}},
        {"file",
         {{"type", "object"},
          {"nullable", true},
          {"description", "the signed copy (GET …/file), none until uploaded"},
          {"required", {"filename", "size", "sha256", "uploaded_at"}},
          {"properties",
           {{"filename", text},
            {"size", {{"type", "integer"}}},
            {"sha256", text},
            {"uploaded_at", text}}}}},
        {"created_at", text},
        {"updated_at", text}}}};
}

Json NewAgreementBody() {
  const Json title = {{"type", "string"}, {"minLength", 1}, {"maxLength", 300}};
  return Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"city_id", "title_zh", "title_en", "signed_on"}},
      {"properties",
       {{"city_id", {{"type", "integer"}, {"minimum", 1}}},
        {"title_zh", title},
        {"title_en", title},
        {"signed_on", {{"type", "string"}, {"format", "date"}}},
        {"expires_on",
         {{"type", "string"},
          {"format", "date"},
          {"description", "left out when the agreement is open-ended"}}},
        {"renewal_notice_days",
         {{"type", "integer"},
          {"minimum", 1},
          {"maximum", 730},
          {"description", "how long before expiry the staff are reminded (default 180)"}}}}}};
}

// An edit's body: the new one's without the city (an agreement stays with its city).
Json EditAgreementBody() {
  Json body = NewAgreementBody();
  body["properties"].erase("city_id");
  body["required"] = {"title_zh", "title_en", "signed_on"};
  return body;
}

// The terms of a body: the expiry (none: open-ended), the notice, and the renewal's deadline.
struct Terms {
  std::optional<std::string> expires, due;
  int notice = kDefaultNoticeDays;
};

Terms TermsOf(const Json& b) {
  Terms t;
  t.notice = b.value("renewal_notice_days", kDefaultNoticeDays);
  if (b.contains("expires_on")) {
    t.expires = b["expires_on"].get<std::string>();
    t.due = calendar::Date::Parse(*t.expires)->AddDays(-t.notice).ToString();
  }
  return t;
}

Json OrNull(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json AgreementById(db::Session& s, long long id, calendar::Date today) {
  std::optional<Json> agreement;
  s.Query(std::string(kAgreementSelect) + kAgreementFrom + " WHERE a.id = :id", {{"id", id}},
          [&](const db::Row& r) { agreement = AgreementJson(r, today); });
  if (!agreement) throw ApiError::NotFound();
  return *agreement;
}

// The dates' own rules, beyond the schema's: signed no later than today, expiring after that.
void CheckDates(const Json& b, calendar::Date today) {
  std::vector<FieldError> errors;
  const std::string signed_on = b["signed_on"].get<std::string>();
  if (signed_on > today.ToString()) {
    errors.push_back({"signed_on", "network.agreement.signed_future",
                      i18n::T("network.agreement.signed_future")});
  }
  if (b.contains("expires_on") && b["expires_on"].get<std::string>() <= signed_on) {
    errors.push_back({"expires_on", "network.agreement.expires_before_signed",
                      i18n::T("network.agreement.expires_before_signed")});
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
}

}  // namespace

long long InsertAgreement(db::Session& tx, const Json& b) {
  const long long city = b["city_id"].get<long long>();
  RequireCity(tx, city);
  const Terms t = TermsOf(b);
  const std::string now = clock::NowIso();
  return tx.Insert(kAgreementInsert, {{"c", city},
                                      {"tz", b["title_zh"].get<std::string>()},
                                      {"te", b["title_en"].get<std::string>()},
                                      {"s", b["signed_on"].get<std::string>()},
                                      {"e", t.expires},
                                      {"n", t.notice},
                                      {"d", t.due},
                                      {"at", now},
                                      {"at2", now}});
}

void RegisterAgreementRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Component("NetworkAgreement", AgreementSchema());

  api.Post("/api/v1/network/agreements",
           http::Doc("createNetworkAgreement",
                     "Records an agreement signed with a partner city, for a term (its renewal "
                     "a deadline the staff are reminded of) or open-ended; its signed copy is "
                     "uploaded after (PUT …/file)")
               .Roles(kStaff)
               .Body(NewAgreementBody())
               .Returns(http::Ref("NetworkAgreement"), 201),
           [&db](const auth::Call& call) {
             const Json& b = call.body();
             const calendar::Date today = calendar::Date::TodayInChina();
             CheckDates(b, today);
             return db.Write([&](db::Session& tx) {
               const long long id = InsertAgreement(tx, b);
               audit::Append(tx,
                             audit::By(call.who(), "network.agreement.create", "network_agreement",
                                       std::to_string(id), {{"city_id", b["city_id"]}}));
               return auth::Reply(AgreementById(tx, id, today), 201);
             });
           });

  api.Get("/api/v1/network/agreements",
          http::Doc("listNetworkAgreements",
                    "The agreements, those expiring first first and the open-ended last, "
                    "filtered by partner city; ?due=true: those whose renewal has come due "
                    "and that have not yet expired")
              .Roles(kReaders)
              .Query({"city_id", "due", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("NetworkAgreement"))),
          [&db](const auth::Call& call) {
            const auto page = http::ParsePage(call.request());
            const calendar::Date today = calendar::Date::TodayInChina();
            std::string where;
            db::Params params;
            if (const auto city = CityIdQuery(call.request()))
              where += " WHERE a.city_id = " + db::Bind(params, "city", *city);
            if (const auto due = call.request().Query("due"); due && *due != "false") {
              if (*due != "true")
                throw ApiError::InvalidQuery(
                    "due", "enum", i18n::T("validation.enum", {{"values", "true, false"}}));
              where += (where.empty() ? " WHERE " : " AND ") + std::string("a.renewal_due_on <= ") +
                       db::Bind(params, "today", today.ToString()) +
                       " AND a.expires_on >= " + db::Bind(params, "today2", today.ToString());
            }
            return db.Read([&](db::Session& s) {
              return auth::Reply(
                  ListPage(s, kAgreementSelect, kAgreementFrom + where, kOrder, params, page,
                           [&](const db::Row& r) { return AgreementJson(r, today); }));
            });
          });

  api.Get("/api/v1/network/agreements/{id}",
          http::Doc("getNetworkAgreement", "An agreement with a partner city")
              .Roles(kReaders)
              .Returns(http::Ref("NetworkAgreement")),
          [&db](const auth::Call& call) {
            return db.Read([&](db::Session& s) {
              return auth::Reply(AgreementById(s, call.Id(), calendar::Date::TodayInChina()));
            });
          });

  api.Put("/api/v1/network/agreements/{id}",
          http::Doc("editNetworkAgreement",
                    "Corrects or renews an agreement: its titles, dates and notice, the "
                    "renewal's deadline with them (its reminder sent again when the deadline "
                    "moved); never its city or its signed copy")
              .Roles(kStaff)
              .Body(EditAgreementBody())
              .Returns(http::Ref("NetworkAgreement")),
          [&db](const auth::Call& call) {
            const Json& b = call.body();
            const calendar::Date today = calendar::Date::TodayInChina();
            CheckDates(b, today);
            const Terms t = TermsOf(b);
            return db.Write([&](db::Session& tx) {
              const long long id = call.Id();
              bool found = false;
              std::optional<std::string> was, reminded;  // the deadline before, its reminder
              tx.Query(kReminder, {{"id", id}}, [&](const db::Row& r) {
                found = true;
                was = db::OptText(r, 0);
                reminded = db::OptText(r, 1);
              });
              if (!found) throw ApiError::NotFound();
              if (was != t.due) reminded.reset();
              tx.Exec(kAgreementEdit, {{"tz", b["title_zh"].get<std::string>()},
                                       {"te", b["title_en"].get<std::string>()},
                                       {"s", b["signed_on"].get<std::string>()},
                                       {"e", t.expires},
                                       {"n", t.notice},
                                       {"d", t.due},
                                       {"r", reminded},
                                       {"at", clock::NowIso()},
                                       {"id", id}});
              audit::Append(
                  tx,
                  audit::By(call.who(), "network.agreement.update", "network_agreement",
                            std::to_string(id),
                            {{"renewal_due_on", {{"from", OrNull(was)}, {"to", OrNull(t.due)}}}}));
              return auth::Reply(AgreementById(tx, id, today));
            });
          });

  api.Put("/api/v1/network/agreements/{id}/file",
          http::Doc("uploadNetworkAgreementFile",
                    "The agreement's signed copy: a PDF (raw body, ≤ 10 MB, judged by its "
                    "content and its name), replacing any before it")
              .Roles(kStaff)
              .RawBody("application/pdf")
              .Query({"filename"})
              .Returns(http::Ref("NetworkAgreement"))
              .Errors({"413", "415"}),
          [&db](const auth::Call& call) {
            const StoredPdf pdf =
                PreparePdf(std::string(call.request().Query("filename").value_or("")),
                           call.request().body, "network.agreement.pdf_only");
            return db.Write([&](db::Session& tx) {
              const long long id = call.Id();
              if (tx.Int(kExists, {{"id", id}}).value_or(0) == 0) throw ApiError::NotFound();
              const std::string now = clock::NowIso();
              tx.Exec(kTakeFile, {{"f", pdf.name},
                                  {"s", pdf.size},
                                  {"h", pdf.sha256},
                                  {"b", pdf.base64},
                                  {"at", now},
                                  {"at2", now},
                                  {"id", id}});
              audit::Append(tx, audit::By(call.who(), "network.agreement.file", "network_agreement",
                                          std::to_string(id),
                                          {{"filename", pdf.name}, {"sha256", pdf.sha256}}));
              return auth::Reply(AgreementById(tx, id, calendar::Date::TodayInChina()));
            });
          });

  api.Get("/api/v1/network/agreements/{id}/file",
          http::Doc("downloadNetworkAgreementFile", "The agreement's signed copy (PDF)")
              .Roles(kReaders)
              .ReturnsFile(),
          [&db](const auth::Call& call) {
            std::string name, content;
            const auto found = db.Read([&](db::Session& s) {
              return s.Query(kAgreementFile, {{"id", call.Id()}}, [&](const db::Row& r) {
                name = db::OptText(r, 0).value_or("");
                content = db::OptText(r, 1).value_or("");
              });
            });
            if (found == 0 || name.empty()) throw ApiError::NotFound();
            return StoredFileResponse(name, "application/pdf", content,
                                      "agreement file " + std::to_string(call.Id()));
          });
}

void RemindRenewals(App& app) {
  const std::string today = calendar::Date::TodayInChina().ToString();
  app.db.Write([&](db::Session& tx) {
    struct Due {
      long long id, city;
      std::string title_zh, title_en, expires_on, city_zh, city_en;
    };
    std::vector<Due> due;
    tx.Query(kDue, {{"today", today}, {"today2", today}}, [&](const db::Row& r) {
      due.push_back({db::Int(r, 0), db::Int(r, 1), db::Text(r, 2), db::Text(r, 3), db::Text(r, 4),
                     db::Text(r, 5), db::Text(r, 6)});
    });
    if (due.empty()) return;
    std::vector<long long> staff;
    tx.Query(kStaffUsers, {}, [&](const db::Row& r) { staff.push_back(db::Int(r, 0)); });
    Json reminded = Json::array();
    for (const Due& a : due) {
      for (long long user : staff) {
        notify::Send(tx, notify::Message{user,
                                         "network.notify.renewal",
                                         {{"title", {{"zh", a.title_zh}, {"en", a.title_en}}},
                                          {"city", {{"zh", a.city_zh}, {"en", a.city_en}}},
                                          {"expires_on", a.expires_on}},
                                         "/network/cities/" + std::to_string(a.city)});
      }
      tx.Exec(kReminded, {{"today", today}, {"id", a.id}});
      reminded.push_back(a.id);
    }
    audit::Entry entry;
    entry.action = "network.agreement.reminded";
    entry.object_type = "network_agreement";
    entry.detail = {{"agreements", std::move(reminded)}, {"staff", staff.size()}};
    audit::Append(tx, entry);
  });
}

}  // namespace waishi::network
