// User accounts: their repository and the administration routes (see accounts.h).
#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "core/audit/audit.h"
#include "core/auth/accounts.h"
#include "core/auth/accounts_detail.h"
#include "core/auth/auth.h"
#include "core/auth/auth_detail.h"
#include "core/auth/credentials.h"
#include "core/auth/duties.h"
#include "core/auth/endpoint.h"
#include "core/auth/password.h"
#include "core/auth/password_policy.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/http/params.h"

namespace waishi::accounts {
namespace {

using detail::ContainsPattern;
using detail::OrgExists;
using detail::ParseId;
using detail::Trim;

// The roles an enterprise administrator may grant, in their own organization only.
constexpr std::string_view kEnterpriseRoles[] = {"enterprise_user", "enterprise_admin"};

constexpr const char* kRolesOf = "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role";
constexpr const char* kUsernameTaken = "SELECT COUNT(*) FROM users WHERE username = :u";
constexpr const char* kDeleteRoles = "DELETE FROM user_roles WHERE user_id = :id";
constexpr const char* kInsertRole = "INSERT INTO user_roles (user_id, role) VALUES (:id, :r)";
constexpr const char* kInsertUser = R"(
  INSERT INTO users (username, password_hash, display_name, email, org_id, locale, active, demo,
                     must_change_password, created_at)
  VALUES (:u, :h, :d, :e, :o, :l, 1, :demo, :m, :at) RETURNING id)";
constexpr const char* kUpdateUser =
    "UPDATE users SET display_name = :d, email = :e, active = :a, locale = :l WHERE id = :id";

constexpr long long kMaxDisplayName = 100;
constexpr long long kMaxEmail = 254;  // RFC 5321's limit on a path

// ---------------------------------------------------------------------------------------------
// Request schemas: what the OpenAPI document shows is what the helper checks
// ---------------------------------------------------------------------------------------------

Json RolesSchema() {
  return Json{{"type", "array"},
              {"maxItems", std::size(auth::kRoles)},
              {"items",
               {{"type", "string"},
                {"enum", auth::RoleNames()},
                {"x-rule", "role"},
                {"x-message", "validation.role"}}}};
}

// POST (creating) takes username, org_id and roles and requires the essentials; PATCH takes
// "active" and changes the members it sends. The roles of an existing account change only
// through PUT /users/{id}/roles (the security administrator's).
Json UserBodySchema(bool creating) {
  Json props{
      {"display_name", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxDisplayName}}},
      {"email", {{"type", "string"}, {"maxLength", kMaxEmail}, {"format", "email"}}},
      {"password", auth::PasswordSchema()},
      {"locale", {{"type", "string"}, {"enum", {"zh-CN", "en-US"}}}}};
  Json schema{{"type", "object"}, {"additionalProperties", false}};
  if (creating) {
    props["username"] = {{"type", "string"},
                         {"pattern", "^[a-z0-9._-]{3,64}$"},
                         {"x-rule", "format.username"},
                         {"x-message", "validation.format.username"}};
    props["org_id"] = {
        {"type", "integer"},
        {"minimum", 1},
        {"description", "Required of an admin; an enterprise admin's own by default"}};
    props["roles"] = RolesSchema();
    props["roles"]["description"] =
        "The system administrator gives only the roles of people outside the office's staff; "
        "none: an account without a role until the security administrator gives it one";
    schema["required"] = {"username", "password", "display_name"};
  } else {
    props["active"] = {{"type", "boolean"}};
  }
  schema["properties"] = std::move(props);
  return schema;
}

Json AccountSchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "username", "display_name", "email", "org_id", "org_name_zh", "org_name_en",
                "roles", "locale", "active", "created_at"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"username", text},
                {"display_name", text},
                {"email", text},
                {"org_id", {{"type", "integer"}}},
                {"org_name_zh", text},
                {"org_name_en", text},
                {"roles",
                 {{"type", "array"}, {"items", {{"type", "string"}, {"enum", auth::RoleNames()}}}}},
                {"locale", {{"type", "string"}, {"enum", {"zh-CN", "en-US"}}}},
                {"active", {{"type", "boolean"}}},
                {"created_at", {{"type", "string"}, {"format", "date-time"}}}}}};
}

// The body's roles without duplicates, sorted.
std::vector<std::string> Roles(const Json& list) {
  std::set<std::string> roles;
  for (const auto& r : list) roles.insert(r.get<std::string>());
  return {roles.begin(), roles.end()};
}

std::optional<std::string> TextMember(const Json& body, const char* name) {
  if (!body.contains(name)) return std::nullopt;
  return Trim(body[name].get<std::string>());
}

// ---------------------------------------------------------------------------------------------
// Users: SQL
// ---------------------------------------------------------------------------------------------

struct User {
  long long id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  long long org_id = 0;
  std::string org_name_zh;
  std::string org_name_en;
  std::string locale;
  bool active = true;
  std::string created_at;
  std::vector<std::string> roles;
};

constexpr const char* kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.email, u.org_id, o.name_zh, o.name_en, u.locale, "
    "u.active, "
    "u.created_at FROM users u JOIN organizations o ON o.id = u.org_id";

constexpr const char* kUserFilter =
    " WHERE (:any_org = 1 OR u.org_id = :org_id)"
    " AND (:any_role = 1 OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = "
    ":role))"
    " AND (:any_q = 1 OR LOWER(u.username) LIKE :q1 ESCAPE '\\' OR LOWER(u.display_name) LIKE :q2 "
    "ESCAPE '\\'"
    " OR LOWER(u.email) LIKE :q3 ESCAPE '\\')";

User UserFromRow(const db::Row& r) {
  User u;
  u.id = db::Int(r, 0);
  u.username = db::Text(r, 1);
  u.display_name = db::Text(r, 2);
  u.email = db::Text(r, 3);
  u.org_id = db::Int(r, 4);
  u.org_name_zh = db::Text(r, 5);
  u.org_name_en = db::Text(r, 6);
  u.locale = db::Text(r, 7);
  u.active = db::Bool(r, 8);
  u.created_at = db::Text(r, 9);
  return u;
}

std::vector<std::string> LoadRoles(db::Session& s, long long user_id) {
  std::vector<std::string> roles;
  s.Query(kRolesOf, {{"id", user_id}}, [&](const db::Row& r) { roles.push_back(db::Text(r, 0)); });
  return roles;
}

std::optional<User> FindUser(db::Session& s, long long id) {
  static const std::string sql = std::string(kUserColumns) + " WHERE u.id = :id";
  std::optional<User> user;
  s.Query(sql, {{"id", id}}, [&](const db::Row& r) { user = UserFromRow(r); });
  if (user) user->roles = LoadRoles(s, id);
  return user;
}

// The user JSON: never the password hash.
Json UserJson(const User& u) {
  return Json{{"id", u.id},
              {"username", u.username},
              {"display_name", u.display_name},
              {"email", u.email},
              {"org_id", u.org_id},
              {"org_name_zh", u.org_name_zh},
              {"org_name_en", u.org_name_en},
              {"roles", u.roles},
              {"locale", u.locale},
              {"active", u.active},
              {"created_at", u.created_at}};
}

bool UsernameTaken(db::Session& s, const std::string& username) {
  return s.Int(kUsernameTaken, {{"u", username}}).value_or(0) > 0;
}

void ReplaceRoles(db::Session& s, long long user_id, const std::vector<std::string>& roles) {
  s.Exec(kDeleteRoles, {{"id", user_id}});
  for (const auto& role : roles) s.Exec(kInsertRole, {{"id", user_id}, {"r", role}});
}

long long InsertUser(db::Session& s, const NewUser& u, const std::string& password_hash) {
  const long long id = s.Int(kInsertUser, {{"u", u.username},
                                           {"h", password_hash},
                                           {"d", u.display_name},
                                           {"e", u.email},
                                           {"o", u.org_id},
                                           {"l", u.locale},
                                           {"demo", u.demo},
                                           {"m", u.must_change_password ? 1 : 0},
                                           {"at", clock::NowIso()}})
                           .value_or(0);
  ReplaceRoles(s, id, u.roles);
  return id;
}

// The password policy (core/auth/password_policy.h) for the account `username`: 422 naming
// the rule it breaks.
void RequirePolicy(const std::string& password, const std::string& username) {
  if (auto broken = auth::CheckPasswordPolicy(password, username)) {
    throw ApiError::Unprocessable({std::move(*broken)});
  }
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

http::Response ListUsers(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  const http::Request& req = call.request();
  const auto page = http::ParsePage(req);
  long long org_id = 0;
  if (auto o = req.Query("org_id"); o && !o->empty()) {
    auto parsed = ParseId(*o);
    if (!parsed) throw ApiError::InvalidQuery("org_id", "type", i18n::T("validation.type.integer"));
    org_id = *parsed;
  }
  // An enterprise administrator sees their own organization's users, whatever they ask for.
  const bool scoped = !who.HasAny({"admin", "security_admin", "auditor"});
  if (scoped) {
    if (org_id != 0 && org_id != who.org_id) {
      return auth::Reply(http::PageJson(Json::array(), 0, page));
    }
    org_id = who.org_id;
  }
  const std::string role(req.Query("role").value_or(""));
  if (!role.empty() && !auth::IsRole(role))
    throw ApiError::InvalidQuery("role", "role", i18n::T("validation.role"));
  const std::string q = Trim(req.Query("q").value_or(""));
  const int any_org = org_id == 0 ? 1 : 0, any_role = role.empty() ? 1 : 0,
            any_q = q.empty() ? 1 : 0;
  const std::string pattern = ContainsPattern(q);
  const long long limit = page.size, offset = page.Offset();

  auto [users, total] = db.Read([&](db::Session& s) {
    db::Params params{{"any_org", any_org}, {"org_id", org_id}, {"any_role", any_role},
                      {"role", role},       {"any_q", any_q},   {"q1", pattern},
                      {"q2", pattern},      {"q3", pattern}};
    const long long n =
        s.Int(std::string("SELECT COUNT(*) FROM users u") + kUserFilter, params).value_or(0);
    params.push_back({"lim", limit});
    params.push_back({"off", offset});
    std::vector<User> list;
    s.Query(std::string(kUserColumns) + kUserFilter + " ORDER BY u.id LIMIT :lim OFFSET :off",
            params, [&](const db::Row& r) { list.push_back(UserFromRow(r)); });
    for (auto& u : list) u.roles = LoadRoles(s, u.id);
    return std::pair{std::move(list), n};
  });

  // Reading people's names and addresses is a read of personal data: one audit entry per list.
  Json ids = Json::array();
  Json items = Json::array();
  for (const auto& u : users) {
    ids.push_back(u.id);
    items.push_back(UserJson(u));
  }
  db.Write([&](db::Session& s) {
    audit::Append(s, audit::By(who, "user.read", "user", "",
                               {{"query",
                                 {{"org_id", org_id == 0 ? Json(nullptr) : Json(org_id)},
                                  {"role", role},
                                  {"q", q},
                                  {"page", page.number}}},
                                {"ids", ids}}));
  });
  return auth::Reply(http::PageJson(std::move(items), total, page));
}

http::Response CreateUserRoute(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  const Json& body = call.body();
  const bool admin = who.Has("admin");
  NewUser user;
  user.username = body["username"];
  user.display_name = *TextMember(body, "display_name");
  user.email = TextMember(body, "email").value_or("");
  user.org_id = body.value("org_id", 0LL);
  if (body.contains("roles")) user.roles = Roles(body["roles"]);
  user.locale = body.value("locale", std::string("zh-CN"));
  // An administrator names the organization; an enterprise administrator's users belong to
  // their organization.
  if (admin && user.org_id == 0)
    throw ApiError::Unprocessable(
        {FieldError{"org_id", "required", i18n::T("validation.required")}});
  // The office's roles are the security administrator's to give (separation of duties).
  if (admin && !std::ranges::all_of(user.roles, auth::SystemAdminGrants))
    throw ApiError::Forbidden();
  if (!admin) {
    if (user.org_id == 0) user.org_id = who.org_id;
    if (!std::ranges::all_of(user.roles, [](const std::string& r) {
          return std::ranges::find(kEnterpriseRoles, r) != std::end(kEnterpriseRoles);
        })) {
      throw ApiError::Forbidden();
    }
    // Another organization looks like one that does not exist.
    if (user.org_id != who.org_id) {
      throw ApiError::Unprocessable({FieldError{"org_id", "exists", i18n::T("validation.org")}});
    }
  }

  // The administrator chose the password: its owner changes it at the first sign-in.
  user.must_change_password = true;
  RequirePolicy(body["password"].get<std::string>(), user.username);
  const std::string hash = auth::HashPassword(body["password"].get<std::string>());
  auto created = db.Write([&](db::Session& s) {
    std::vector<FieldError> errors;
    if (UsernameTaken(s, user.username)) {
      errors.push_back(FieldError{"username", "unique", i18n::T("validation.username_taken")});
    }
    if (!OrgExists(s, user.org_id))
      errors.push_back(FieldError{"org_id", "exists", i18n::T("validation.org")});
    if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
    const long long id = InsertUser(s, user, hash);
    audit::Append(
        s,
        audit::By(who, "user.create", "user", std::to_string(id),
                  {{"username", user.username}, {"org_id", user.org_id}, {"roles", user.roles}}));
    return *FindUser(s, id);
  });
  return auth::Reply(UserJson(created), 201);
}

// PATCH /users/{id}: the system administrator changes an account (not its roles).
http::Response UpdateUserRoute(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  const long long id = call.Id();
  const Json& body = call.body();
  // An administrator cannot lock themselves out.
  if (id == who.user_id && body.contains("active") && !body["active"].get<bool>()) {
    throw ApiError::Unprocessable(
        {FieldError{"active", "self", i18n::T("validation.self_lockout")}});
  }
  Json members = body;
  members.erase("password");
  for (const char* name : {"display_name", "email"}) {
    if (auto text = TextMember(body, name)) members[name] = *text;
  }
  // A reset: the policy and the history of the account's last passwords hold for it too,
  // and its owner must change it at the next sign-in.
  const bool new_password = body.contains("password");
  std::string hash;
  if (new_password) {
    const std::string password = body["password"];
    auto [username, recent] = db.Read([&](db::Session& s) {
      auto target = FindUser(s, id);
      if (!target) throw ApiError::NotFound();
      return std::pair{target->username, auth::RecentPasswordHashes(s, id)};
    });
    RequirePolicy(password, username);
    if (auth::MatchesAny(recent, password))
      throw ApiError::Unprocessable({auth::PasswordReused("password")});
    hash = auth::HashPassword(password);
  }

  const auto change = detail::AccountChange::FromJson(members, hash);
  auto [status, reply] =
      db.Write([&](db::Session& s) { return detail::ChangeAccount(s, who, id, change); });
  // An applied reset or deactivation ends the sessions now, not when the cache next looks (a
  // pending one waits for its confirmation, which does the same).
  if (status == 200) auth::detail::ForgetCachedUser(id);
  return auth::Reply(reply, status);
}

// PUT /users/{id}/roles: the security administrator gives an account its roles.
http::Response SetRolesRoute(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  const long long id = call.Id();
  detail::AccountChange change;
  change.roles = Roles(call.body()["roles"]);
  if (id == who.user_id) {
    throw ApiError::Unprocessable({FieldError{"roles", "self", i18n::T("validation.self_roles")}});
  }
  if (auto broken = auth::DutiesViolation(*change.roles)) {
    throw ApiError::Unprocessable({*broken});
  }
  auto [status, reply] =
      db.Write([&](db::Session& s) { return detail::ChangeAccount(s, who, id, change); });
  return auth::Reply(reply, status);
}

}  // namespace

long long CreateUser(db::Session& s, const NewUser& user) {
  return InsertUser(s, user, auth::HashPassword(user.password));
}

namespace detail {

Json AccountChange::ToJson() const {
  Json out = Json::object();
  if (display_name) out["display_name"] = *display_name;
  if (email) out["email"] = *email;
  if (locale) out["locale"] = *locale;
  if (active) out["active"] = *active;
  if (roles) out["roles"] = *roles;
  if (!password_hash.empty()) out["password"] = "changed";
  return out;
}

AccountChange AccountChange::FromJson(const Json& members, std::string password_hash) {
  AccountChange c;
  if (members.contains("display_name")) c.display_name = members["display_name"];
  if (members.contains("email")) c.email = members["email"];
  if (members.contains("locale")) c.locale = members["locale"];
  if (members.contains("active")) c.active = members["active"].get<bool>();
  if (members.contains("roles")) c.roles = Roles(members["roles"]);
  c.password_hash = std::move(password_hash);
  return c;
}

std::vector<std::string> AccountRoles(db::Session& s, long long user_id) {
  return LoadRoles(s, user_id);
}

bool TouchesAccess(const std::vector<std::string>& roles, bool active,
                   const AccountChange& change) {
  return (change.roles && *change.roles != roles) || (change.active && *change.active != active) ||
         !change.password_hash.empty();
}

Json ApplyAccountChange(db::Session& s, const auth::Principal& who, long long id,
                        const AccountChange& change, const Json& context) {
  auto before = FindUser(s, id);
  if (!before) throw ApiError::NotFound();
  User after = *before;
  Json changes = Json::object();
  const auto note = [&changes](const char* field, const Json& from, const Json& to) {
    if (from != to) changes[field] = {{"from", from}, {"to", to}};
  };
  if (change.display_name) after.display_name = *change.display_name;
  if (change.email) after.email = *change.email;
  if (change.active) after.active = *change.active;
  if (change.locale) after.locale = *change.locale;
  if (change.roles) after.roles = *change.roles;
  note("display_name", before->display_name, after.display_name);
  note("email", before->email, after.email);
  note("active", before->active, after.active);
  note("locale", before->locale, after.locale);
  note("roles", before->roles, after.roles);
  s.Exec(kUpdateUser, {{"d", after.display_name},
                       {"e", after.email},
                       {"a", after.active},
                       {"l", after.locale},
                       {"id", id}});
  if (after.roles != before->roles) ReplaceRoles(s, id, after.roles);
  const bool new_password = !change.password_hash.empty();
  if (new_password) {
    // The history of the account's passwords, and its owner changes it at the next sign-in.
    auth::ReplacePassword(s, id, change.password_hash, true);
    changes["password"] = "changed";  // never the value
  }
  if (new_password || (before->active && !after.active)) auth::RevokeSessions(s, id);
  if (!changes.empty()) {
    changes.update(context);
    audit::Append(s, audit::By(who, "user.update", "user", std::to_string(id), changes));
  }
  return UserJson(after);
}

// The columns of GET /api/v1/users/export.
exports::List UsersExport() {
  using exports::Col;
  using exports::Kind;
  exports::Column org = Col("organization", "/org_name_zh", "export.col.organization");
  org.pointer_en = "/org_name_en";
  return exports::List{
      .name = "users",
      .title_key = "export.title.users",
      .personal_data = true,
      .columns = {Col("id", "/id", "export.col.id", Kind::kInteger),
                  Col("username", "/username", "export.col.username"),
                  Col("display_name", "/display_name", "export.col.display_name"),
                  Col("email", "/email", "export.col.email"), org,
                  exports::EnumCol("roles", "/roles", "export.col.roles", "export.role."),
                  exports::EnumCol("locale", "/locale", "export.col.locale", "export.locale."),
                  Col("active", "/active", "export.col.active", Kind::kBoolean),
                  Col("created_at", "/created_at", "export.col.created_at", Kind::kDateTime)},
      .more_columns = {}};
}

void RegisterUsers(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "accounts");
  api.Component("Account", AccountSchema());

  // --- admin, security admin, auditor; an enterprise admin for their organization
  api.Get("/api/v1/users",
          Doc("listUsers", "User accounts (an enterprise admin: their organization's)")
              .Roles({"admin", "security_admin", "auditor", "enterprise_admin"})
              .Query({"org_id", "role", "q", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("Account")))
              .Export(UsersExport()),
          [&db](const auth::Call& c) { return ListUsers(db, c); });
  api.Post("/api/v1/users",
           Doc("createUser", "Create a user (an enterprise admin: in their organization)")
               .Roles({"admin", "enterprise_admin"})
               .Body(UserBodySchema(true))
               .Returns(http::Ref("Account"), 201),
           [&db](const auth::Call& c) { return CreateUserRoute(db, c); });
  api.Patch("/api/v1/users/{id}",
            Doc("updateUser",
                "Change a user (not their roles); a change to an administrator's activation or "
                "password waits for another administrator (202, the pending change)")
                .Roles({"admin"})
                .Body(UserBodySchema(false))
                .Returns(http::Ref("Account"))
                .Accepted(http::Ref("AccountChange")),
            [&db](const auth::Call& c) { return UpdateUserRoute(db, c); });

  // --- security administrator
  api.Put("/api/v1/users/{id}/roles",
          Doc("setUserRoles",
              "Give a user their roles; a change that concerns an administrator's role waits for "
              "another administrator (202, the pending change)")
              .Roles({"security_admin"})
              .Body({{"type", "object"},
                     {"additionalProperties", false},
                     {"required", {"roles"}},
                     {"properties", {{"roles", RolesSchema()}}}})
              .Returns(http::Ref("Account"))
              .Accepted(http::Ref("AccountChange")),
          [&db](const auth::Call& c) { return SetRolesRoute(db, c); });
}

}  // namespace detail
}  // namespace waishi::accounts
