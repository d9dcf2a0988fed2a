// The custody of official passports: the office holds them; approving a trip books the
// members' passports out, due back passport_due_days (policy) after the return; an officer
// records each return. Overdue returns are listed for follow-up.
#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/calendar/working_days.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/validate/identifiers.h"
#include "travel/parts.h"

namespace waishi::travel {
namespace {

constexpr const char* kBookOut = R"(
  INSERT INTO passport_custody (case_id, member_name, id_number, issued_at, due_date)
  VALUES (:c, :n, :i, :at, :d))";

constexpr const char* kFindCustody = "SELECT id, returned_at FROM passport_custody WHERE id = :id";

constexpr const char* kReturn =
    "UPDATE passport_custody SET returned_at = :n, returned_to = :u WHERE id = :id";

// Office staff of the travel desk, and the office's readers of everything.
bool SeesCustody(const auth::Principal& who) {
  return who.org_kind == "office" && (who.OnDesk(kDesk) || who.ReadsEverything());
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

// The columns of GET /api/v1/passport-custody/export: the rows as the caller sees them (ID
// numbers whole only for the desk's officers, as in the list).
exports::List CustodyExport() {
  using exports::Col;
  using exports::Kind;
  return exports::List{
      .name = "passport_custody",
      .title_key = "travel.export.custody",
      .personal_data = true,
      .columns = {Col("case_number", "/case_number", "travel.export.case_number"),
                  Col("member_name", "/member_name", "travel.export.member_name"),
                  Col("id_number", "/id_number", "travel.export.id_number"),
                  Col("issued_at", "/issued_at", "travel.export.issued_at", Kind::kDateTime),
                  Col("due_date", "/due_date", "travel.export.due_date", Kind::kDate),
                  Col("returned_at", "/returned_at", "travel.export.returned_at", Kind::kDateTime),
                  Col("overdue", "/overdue", "travel.export.overdue", Kind::kBoolean)},
      .more_columns = {}};
}

}  // namespace

void BookOutPassports(const cases::EffectCall& e) {
  db::Session& s = e.tx;
  const cases::CaseRecord& c = e.c;
  const Json& policy = e.policy;
  const auto ret = calendar::Date::Parse(c.data.value("return_date", ""));
  if (!ret) return;
  const std::string due = ret->AddDays(policy.value("passport_due_days", 7)).ToString();
  const std::string now = clock::NowIso();
  for (const auto& m : c.data.value("members", Json::array())) {
    const std::string name = m.value("name", ""), id_number = m.value("id_number", "");
    s.Exec(kBookOut, {{"c", c.id}, {"n", name}, {"i", id_number}, {"at", now}, {"d", due}});
  }
  audit::Append(
      s, audit::By(e.who, "passport.issue", "case", std::to_string(c.id), {{"due_date", due}}));
}

void RegisterCustody(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "travel");
  // --- office
  api.Get(
      "/api/v1/passport-custody",
      Doc("listPassportCustody",
          "Official passports booked out for trips; ?overdue=true lists late returns")
          .Query({"overdue", "case_id", "page", "page_size"})
          .Returns(http::PageOf(CustodySchema()))
          .Export(CustodyExport()),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        if (!SeesCustody(who)) throw ApiError::Forbidden();
        // The desk's officers hand the passports back and need the numbers whole (a read
        // of personal data, audited); everyone else who may look sees them masked.
        const bool whole = who.OnDesk(kDesk) && who.Has("officer");
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
        db::Params binds;
        std::string where = " WHERE 1 = 1";
        if (overdue)
          where += " AND p.returned_at IS NULL AND p.due_date < " + db::Bind(binds, "today", today);
        if (case_id) where += " AND p.case_id = " + db::Bind(binds, "cid", case_id);
        Json ids = Json::array();
        Json answer = db.Read([&](db::Session& s) {
          const long long total =
              s.Int("SELECT COUNT(*) FROM passport_custody p" + where, binds).value_or(0);
          Json items = Json::array();
          s.Query(
              "SELECT p.id, p.case_id, c.number, p.member_name, p.id_number, p.issued_at, "
              "p.due_date, p.returned_at "
              "FROM passport_custody p JOIN cases c ON c.id = p.case_id" +
                  where + " ORDER BY p.due_date, p.id LIMIT " + std::to_string(page.size) +
                  " OFFSET " + std::to_string(page.Offset()),
              binds, [&](const db::Row& row) {
                const std::string due = db::Text(row, 6);
                const auto returned = db::OptText(row, 7);
                const std::string number = db::Text(row, 4);
                ids.push_back(db::Int(row, 0));
                items.push_back({{"id", db::Int(row, 0)},
                                 {"case_id", db::Int(row, 1)},
                                 {"case_number", db::Text(row, 2)},
                                 {"member_name", db::Text(row, 3)},
                                 {"id_number", whole ? number : validate::MaskIdentifier(number)},
                                 {"issued_at", db::Text(row, 5)},
                                 {"due_date", due},
                                 {"returned_at", returned ? Json(*returned) : Json(nullptr)},
                                 {"overdue", !returned && due < today}});
              });
          return http::PageJson(std::move(items), total, page);
        });
        if (whole && !ids.empty()) {
          audit::AppendDetached(
              db, audit::By(who, "passport_custody.read", "passport_custody", "", {{"ids", ids}}));
        }
        return auth::Reply(answer);
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
        if (who.org_kind != "office" || !who.Has("officer") || !who.OnDesk(kDesk))
          throw ApiError::Forbidden();
        const long long id = call.Id();
        return auth::Reply(db.Write([&](db::Session& s) {
          bool returned = false;
          const auto found = s.Query(kFindCustody, {{"id", id}}, [&](const db::Row& r) {
            returned = db::OptText(r, 1).has_value();
          });
          if (found == 0) throw ApiError::NotFound();
          if (returned) {
            throw ApiError::Conflict("already_returned",
                                     i18n::T("travel.custody.already_returned"));
          }
          const std::string now = clock::NowIso();
          s.Exec(kReturn, {{"n", now}, {"u", who.user_id}, {"id", id}});
          audit::Append(s,
                        audit::By(who, "passport.return", "passport_custody", std::to_string(id)));
          return Json{{"id", id}, {"returned_at", now}};
        }));
      });
}

}  // namespace waishi::travel
