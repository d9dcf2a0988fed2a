// Changes to the access of an administrator's or the auditor's account that wait for a second
// administrator (separation of duties, core/auth/duties.h): their table
// (migrations/core/0006_account_changes.sql) and routes.
//
//   GET  /api/v1/account-changes?state=&page=&page_size=   admin, security_admin
//   POST /api/v1/account-changes/{id}/confirm              admin, security_admin: another
//   POST /api/v1/account-changes/{id}/reject               administrator than the proposer
//                                                          and the account's holder
//
// A change is pending → applied | rejected; deciding one that is no longer pending is 409
// "change_decided"; the proposer, or the holder of the account concerned, deciding it is 403
// "own_change". Proposals and decisions are audited; the change applied is audited as
// "user.update" by the confirming administrator, naming the change and its proposer.
#include <string>
#include <utility>

#include "core/audit/audit.h"
#include "core/auth/accounts_detail.h"
#include "core/auth/auth_detail.h"
#include "core/auth/duties.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/http/params.h"

namespace waishi::accounts::detail {
namespace {

constexpr std::string_view kStates[] = {"pending", "applied", "rejected"};

constexpr const char* kAccountActive = "SELECT active FROM users WHERE id = :id";
constexpr const char* kPendingOf =
    "SELECT COUNT(*) FROM account_changes WHERE user_id = :u AND state = 'pending'";
constexpr const char* kInsertChange = R"(
  INSERT INTO account_changes (user_id, changes, password_hash, state, proposed_by, proposed_at)
  VALUES (:u, :c, :h, 'pending', :by, :at) RETURNING id)";
constexpr const char* kChangeColumns = R"(
  SELECT c.id, c.user_id, u.username, u.display_name, c.changes, c.state,
         c.proposed_by, p.username, p.display_name, c.proposed_at,
         c.decided_by, d.username, d.display_name, c.decided_at, c.password_hash
  FROM account_changes c
  JOIN users u ON u.id = c.user_id
  JOIN users p ON p.id = c.proposed_by
  LEFT JOIN users d ON d.id = c.decided_by)";
constexpr const char* kStateFilter = " WHERE (:any_state = 1 OR c.state = :state)";
// Only a pending change is decided: the state in the WHERE makes the decision happen once.
constexpr const char* kDecide = R"(
  UPDATE account_changes SET state = :s, decided_by = :by, decided_at = :at, password_hash = NULL
  WHERE id = :id AND state = 'pending')";

struct StoredChange {
  long long id = 0;
  long long user_id = 0;
  std::string state;
  long long proposed_by = 0;
  Json json;             // as the API shows it
  AccountChange change;  // what applying it sets
};

Json Person(const db::Row& r, std::size_t id, std::size_t username, std::size_t name) {
  if (!db::OptInt(r, id)) return nullptr;
  return Json{{"id", db::Int(r, id)},
              {"username", db::Text(r, username)},
              {"display_name", db::Text(r, name)}};
}

StoredChange ChangeFromRow(const db::Row& r) {
  StoredChange c;
  c.id = db::Int(r, 0);
  c.user_id = db::Int(r, 1);
  c.state = db::Text(r, 5);
  c.proposed_by = db::Int(r, 6);
  const Json members = db::JsonCol(r, 4);
  c.change = AccountChange::FromJson(members, db::OptText(r, 14).value_or(""));
  c.json = Json{{"id", c.id},
                {"user", Person(r, 1, 2, 3)},
                {"changes", members},
                {"state", c.state},
                {"proposed_by", Person(r, 6, 7, 8)},
                {"proposed_at", db::Text(r, 9)},
                {"decided_by", Person(r, 10, 11, 12)},
                {"decided_at", db::OptText(r, 13) ? Json(db::Text(r, 13)) : Json(nullptr)}};
  return c;
}

std::optional<StoredChange> FindChange(db::Session& s, long long id) {
  static const std::string sql = std::string(kChangeColumns) + " WHERE c.id = :id";
  std::optional<StoredChange> found;
  s.Query(sql, {{"id", id}}, [&](const db::Row& r) { found = ChangeFromRow(r); });
  return found;
}

Json ChangeSchema() {
  const Json person = {{"type", "object"},
                       {"required", {"id", "username", "display_name"}},
                       {"properties",
                        {{"id", {{"type", "integer"}}},
                         {"username", {{"type", "string"}}},
                         {"display_name", {{"type", "string"}}}}}};
  Json nullable_person = person;
  nullable_person["nullable"] = true;
  return Json{
      {"type", "object"},
      {"required",
       {"id", "user", "changes", "state", "proposed_by", "proposed_at", "decided_by",
        "decided_at"}},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"user", person},
        {"changes",
         {{"type", "object"},
          {"description", "The members to set; a new password as \"password\": \"changed\""},
          {"properties",
           {{"display_name", {{"type", "string"}}},
            {"email", {{"type", "string"}}},
            {"locale", {{"type", "string"}}},
            {"active", {{"type", "boolean"}}},
            {"roles", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"password", {{"type", "string"}, {"enum", {"changed"}}}}}}}},
        {"state", {{"type", "string"}, {"enum", {"pending", "applied", "rejected"}}}},
        {"proposed_by", person},
        {"proposed_at", {{"type", "string"}, {"format", "date-time"}}},
        {"decided_by", nullable_person},
        {"decided_at", {{"type", "string"}, {"format", "date-time"}, {"nullable", true}}}}}};
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

http::Response ListChanges(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  const http::Request& req = call.request();
  const auto page = http::ParsePage(req);
  const std::string state(req.Query("state").value_or(""));
  if (!state.empty() && std::ranges::find(kStates, state) == std::end(kStates))
    throw ApiError::InvalidQuery(
        "state", "enum", i18n::T("validation.enum", {{"values", "pending, applied, rejected"}}));
  const long long limit = page.size, offset = page.Offset();
  auto [items, total] = db.Read([&](db::Session& s) {
    db::Params params{{"any_state", state.empty() ? 1 : 0}, {"state", state}};
    const long long n =
        s.Int(std::string("SELECT COUNT(*) FROM account_changes c") + kStateFilter, params)
            .value_or(0);
    params.push_back({"lim", limit});
    params.push_back({"off", offset});
    Json list = Json::array();
    s.Query(
        std::string(kChangeColumns) + kStateFilter + " ORDER BY c.id DESC LIMIT :lim OFFSET :off",
        params, [&](const db::Row& r) { list.push_back(ChangeFromRow(r).json); });
    return std::pair{std::move(list), n};
  });
  // The list names people: a read of personal data, like the list of users.
  Json ids = Json::array();
  for (const auto& c : items) ids.push_back(c["id"]);
  db.Write([&](db::Session& s) {
    audit::Append(s,
                  audit::By(who, "account_change.read", "account_change", "",
                            {{"query", {{"state", state}, {"page", page.number}}}, {"ids", ids}}));
  });
  return auth::Reply(http::PageJson(std::move(items), total, page));
}

// Confirms (applies) or rejects a pending change: another administrator than its proposer and
// than the holder of the account it concerns.
http::Response Decide(db::Database& db, const auth::Call& call, bool confirm) {
  const auto& who = call.who();
  const long long id = call.Id();
  long long account = 0;
  auto decided = db.Write([&](db::Session& s) {
    auto found = FindChange(s, id);
    if (!found) throw ApiError::NotFound();
    if (found->state != "pending") {
      throw ApiError::Conflict("change_decided", i18n::T("error.change_decided"));
    }
    if (found->proposed_by == who.user_id || found->user_id == who.user_id) {
      throw ApiError(403, "own_change", i18n::T("error.own_change"));
    }
    account = found->user_id;
    const std::string state = confirm ? "applied" : "rejected";
    s.Exec(kDecide, {{"s", state}, {"by", who.user_id}, {"at", clock::NowIso()}, {"id", id}});
    if (confirm) {
      ApplyAccountChange(s, who, found->user_id, found->change,
                         {{"account_change", id}, {"proposed_by", found->proposed_by}});
    }
    audit::Append(s, audit::By(who, confirm ? "account_change.confirm" : "account_change.reject",
                               "account_change", std::to_string(id),
                               {{"user_id", found->user_id},
                                {"proposed_by", found->proposed_by},
                                {"changes", found->json["changes"]}}));
    return FindChange(s, id)->json;
  });
  // An applied reset or deactivation ends the sessions now, not when the cache next looks.
  if (confirm) auth::detail::ForgetCachedUser(account);
  return auth::Reply(decided);
}

}  // namespace

std::pair<int, Json> ChangeAccount(db::Session& s, const auth::Principal& who, long long id,
                                   const AccountChange& change) {
  const auto active = s.Int(kAccountActive, {{"id", id}});
  if (!active) throw ApiError::NotFound();
  const auto roles = AccountRoles(s, id);
  const auto after = change.roles.value_or(roles);
  if (!auth::NeedsSecondAdministrator(roles, after, TouchesAccess(roles, *active != 0, change))) {
    return {200, ApplyAccountChange(s, who, id, change)};
  }
  if (s.Int(kPendingOf, {{"u", id}}).value_or(0) > 0) {
    throw ApiError::Conflict("change_pending", i18n::T("error.change_pending"));
  }
  const Json members = change.ToJson();
  const long long change_id = s.Int(kInsertChange, {{"u", id},
                                                    {"c", members.dump()},
                                                    {"h", db::OrNull(change.password_hash)},
                                                    {"by", who.user_id},
                                                    {"at", clock::NowIso()}})
                                  .value_or(0);
  audit::Append(s, audit::By(who, "account_change.propose", "account_change",
                             std::to_string(change_id), {{"user_id", id}, {"changes", members}}));
  return {202, FindChange(s, change_id)->json};
}

void RegisterAccountChanges(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "accounts");
  api.Component("AccountChange", ChangeSchema());

  // --- the system and the security administrators
  api.Get("/api/v1/account-changes",
          Doc("listAccountChanges", "Changes to administrators' accounts, newest first")
              .Roles({"admin", "security_admin"})
              .Query({"state", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("AccountChange"))),
          [&db](const auth::Call& c) { return ListChanges(db, c); });
  api.Post("/api/v1/account-changes/{id}/confirm",
           Doc("confirmAccountChange", "Apply a pending change (another administrator)")
               .Roles({"admin", "security_admin"})
               .Returns(http::Ref("AccountChange")),
           [&db](const auth::Call& c) { return Decide(db, c, true); });
  api.Post("/api/v1/account-changes/{id}/reject",
           Doc("rejectAccountChange", "Reject a pending change (another administrator)")
               .Roles({"admin", "security_admin"})
               .Returns(http::Ref("AccountChange")),
           [&db](const auth::Call& c) { return Decide(db, c, false); });
}

}  // namespace waishi::accounts::detail
