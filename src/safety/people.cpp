// The register searched (issue 11's "search a person, their legs on a map"): the consular
// desk and the auditor find a person abroad by a part of their name, phone, e-mail or group,
// and read where they are and when. Every search is a read of personal data, audited (what
// was asked and how many were shown, not who).
//
// The search walks the register from its newest person and stops at the page's end: a name
// many people share is answered from the first rows, a rare one reads the table once (tens of
// milliseconds per hundred thousand people).
#include <charconv>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/geo/places.h"
#include "core/i18n/utf8.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

constexpr const char* kPersonColumns =
    "SELECT p.id, p.name, p.phone, p.email, p.source, p.group_ref, p.created_at "
    "FROM safety_people p ";
// The text with its ASCII letters lower-cased, as the pattern is (geo::detail::ContainsPattern):
// SQLite's LOWER does that alone; PostgreSQL's lowers every letter (É as well), so there the
// 26 letters are translated.
std::string LowerAsciiSql(db::Dialect dialect, const std::string& expr) {
  if (dialect == db::Dialect::kSqlite) return "LOWER(" + expr + ")";
  return "TRANSLATE(" + expr + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
}

std::string Matching(db::Dialect dialect) {
  return "WHERE " + LowerAsciiSql(dialect, "p.name") + " LIKE :a ESCAPE '\\' OR p.phone LIKE :b " +
         "ESCAPE '\\' OR " + LowerAsciiSql(dialect, "p.email") + " LIKE :c ESCAPE '\\' OR " +
         LowerAsciiSql(dialect, "COALESCE(p.group_ref, '')") + " LIKE :d ESCAPE '\\' ";
}
constexpr const char* kNewestFirst = "ORDER BY p.id DESC LIMIT :lim";

constexpr int kMaxQuery = 100;  // characters
constexpr int kMaxLimit = 100;

Json PersonSchema() {
  const Json text = {{"type", "string"}};
  return Json{
      {"type", "object"},
      {"required", {"id", "name", "phone", "email", "source", "group", "created_at", "legs"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"name", text},
        {"phone", text},
        {"email", text},
        {"source",
         {{"type", "string"},
          {"enum", {"trip", "agency", "voluntary", "import"}},
          {"description",
           "where the register learnt of them: an approved trip, an agency's group list, "
           "the person's own registration, a bulk import"}}},
        {"group", {{"type", "string"}, {"nullable", true}}},
        {"created_at", text},
        {"legs", LegsSchema()}}}};
}

}  // namespace

void RegisterPeopleRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "safety");
  api.Get(
      "/api/v1/safety/people",
      http::Doc("searchRegister",
                "People of the register whose name, phone, e-mail or group contains q (ASCII "
                "letters in any case), newest first, with their legs; without q the newest "
                "(the read is audited)")
          .Roles({"officer", "approver", "auditor"})
          .Query({"q", "limit"})
          .Returns({{"type", "object"},
                    {"required", {"items", "more"}},
                    {"properties",
                     {{"items", {{"type", "array"}, {"items", PersonSchema()}}},
                      {"more",
                       {{"type", "boolean"},
                        {"description", "more people match than the limit shows"}}}}}}),
      [&db](const auth::Call& call) {
        const auto& who = call.who();
        if (!who.WorksDesk(kDesk) && !who.ReadsEverything()) throw ApiError::Forbidden();
        const std::string q(call.request().Query("q").value_or(""));
        if (i18n::CodePoints(q) > kMaxQuery) {
          throw ApiError::InvalidQuery(
              "q", "max_length",
              i18n::T("validation.max_length", {{"max", std::to_string(kMaxQuery)}}));
        }
        int limit = 20;
        if (const auto text = call.request().Query("limit")) {
          const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
          if (ec != std::errc() || end != text->data() + text->size() || limit < 1 ||
              limit > kMaxLimit) {
            throw ApiError::InvalidQuery(
                "limit", "range",
                i18n::T("validation.range", {{"min", "1"}, {"max", std::to_string(kMaxLimit)}}));
          }
        }
        Json answer = db.Read([&](db::Session& s) {
          Json items = Json::array();
          std::vector<long long> ids;
          const auto add = [&](const db::Row& r) {
            ids.push_back(db::Int(r, 0));
            items.push_back({{"id", db::Int(r, 0)},
                             {"name", db::Text(r, 1)},
                             {"phone", db::Text(r, 2)},
                             {"email", db::Text(r, 3)},
                             {"source", db::Text(r, 4)},
                             {"group", db::AnyCol(r, 5)},
                             {"created_at", db::Text(r, 6)},
                             {"legs", Json::array()}});
          };
          if (q.empty()) {
            s.Query(std::string(kPersonColumns) + kNewestFirst, {{"lim", limit + 1}}, add);
          } else {
            const std::string pattern = geo::detail::ContainsPattern(q);
            s.Query(std::string(kPersonColumns) + Matching(s.dialect()) + kNewestFirst,
                    {{"a", pattern},
                     {"b", pattern},
                     {"c", pattern},
                     {"d", pattern},
                     {"lim", limit + 1}},
                    add);
          }
          const bool more = items.size() > static_cast<std::size_t>(limit);
          if (more) {
            items.erase(items.end() - 1);
            ids.pop_back();
          }

          for (std::size_t i = 0; i < ids.size(); ++i) items[i]["legs"] = LegsJson(s, ids[i]);
          return Json{{"items", std::move(items)}, {"more", more}};
        });
        audit::AppendDetached(db, audit::By(who, "safety.register.search", "safety_register", "",
                                            {{"q", q}, {"people", answer["items"].size()}}));
        return auth::Reply(std::move(answer));
      });
}

}  // namespace waishi::safety
