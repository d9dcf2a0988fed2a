#include "core/auth/accounts.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <string_view>
#include <utility>

#include "core/audit/audit.h"
#include "core/auth/auth.h"
#include "core/auth/password.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/validate/identifiers.h"

namespace waishi::accounts {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::array<std::string_view, 5> kOrgKinds = {"office", "district", "department",
                                                       "enterprise", "agency"};
constexpr std::array<std::string_view, 2> kLocales = {"zh-CN", "en-US"};
// The roles an enterprise administrator may grant, in their own organization only.
constexpr std::array<std::string_view, 2> kEnterpriseRoles = {"enterprise_user",
                                                              "enterprise_admin"};

constexpr std::size_t kMaxOrgName = 200;
constexpr std::size_t kMaxDisplayName = 100;
constexpr std::size_t kMaxEmail = 254;  // RFC 5321's limit on a path
constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 1024;  // bytes; Argon2 takes any length, a bound stops abuse
constexpr std::size_t kMinUsername = 3, kMaxUsername = 64;
constexpr std::size_t kUsccLength = 18;
constexpr int kMaxOrgDepth = 64;  // parent chains are a few levels deep; stop a corrupt loop

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

http::RouteDoc Doc(std::string summary, Json request_body = nullptr,
                   std::vector<std::string> query = {}) {
  http::RouteDoc doc;
  doc.tag = "accounts";
  doc.summary = std::move(summary);
  doc.request_body = std::move(request_body);
  doc.query = std::move(query);
  return doc;
}

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& values, std::string_view v) {
  return std::ranges::find(values, v) != values.end();
}

template <std::size_t N>
std::string Join(const std::array<std::string_view, N>& values) {
  std::string out;
  for (auto v : values) out.append(out.empty() ? "" : ", ").append(v);
  return out;
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(kSpace) - first + 1));
}

std::string AsciiUpper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// A LIKE pattern matching `q` anywhere, with q's own wildcards escaped (ESCAPE '\').
std::string ContainsPattern(std::string_view q) {
  std::string p = "%";
  for (char c : AsciiLower(std::string(q))) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  return p + "%";
}

std::optional<long long> ParseId(std::string_view s) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

bool IsValidUsername(std::string_view u) {
  if (u.size() < kMinUsername || u.size() > kMaxUsername) return false;
  return std::ranges::all_of(u, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

// Deliberately loose (the address is only used to write to the person): one '@' with text on
// both sides, a dot in the domain, no white space or control characters.
bool IsPlausibleEmail(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::ranges::none_of(e, [](unsigned char c) { return c <= ' ' || c == 0x7F; });
}

// Collects the validation errors of one request body, field by field.
class Checker {
 public:
  explicit Checker(const Json& body) : body_(body) {}

  bool Present(const char* field) const { return body_.contains(field) && !body_[field].is_null(); }

  // A trimmed text of min..max characters; nullopt (with an error when required) otherwise.
  std::optional<std::string> Text(const char* field, bool required, std::size_t min,
                                  std::size_t max) {
    if (!Present(field)) {
      if (required) Add(field, "required", i18n::T("validation.required"));
      return std::nullopt;
    }
    if (!body_[field].is_string()) {
      Add(field, "type", i18n::T("validation.type.text"));
      return std::nullopt;
    }
    std::string value = Trim(body_[field].get<std::string>());
    const std::size_t length = Utf8Length(value);
    if (value.empty() && required && min > 0) {
      Add(field, "required", i18n::T("validation.required"));
      return std::nullopt;
    }
    if (length < min) {
      Add(field, "min_length", i18n::T("validation.min_length", {{"min", std::to_string(min)}}));
      return std::nullopt;
    }
    if (length > max) {
      Add(field, "max_length", i18n::T("validation.max_length", {{"max", std::to_string(max)}}));
      return std::nullopt;
    }
    return value;
  }

  template <std::size_t N>
  std::optional<std::string> Enum(const char* field, bool required,
                                  const std::array<std::string_view, N>& values) {
    if (!Present(field)) {
      if (required) Add(field, "required", i18n::T("validation.required"));
      return std::nullopt;
    }
    if (!body_[field].is_string() || !OneOf(values, body_[field].get<std::string>())) {
      Add(field, "enum", i18n::T("validation.enum", {{"values", Join(values)}}));
      return std::nullopt;
    }
    return body_[field].get<std::string>();
  }

  // A positive integer id.
  std::optional<long long> Id(const char* field, bool required) {
    if (!Present(field)) {
      if (required) Add(field, "required", i18n::T("validation.required"));
      return std::nullopt;
    }
    if (!body_[field].is_number_integer() || body_[field].get<long long>() <= 0) {
      Add(field, "type", i18n::T("validation.type.integer"));
      return std::nullopt;
    }
    return body_[field].get<long long>();
  }

  std::optional<bool> Bool(const char* field) {
    if (!Present(field)) return std::nullopt;
    if (!body_[field].is_boolean()) {
      Add(field, "type", i18n::T("validation.type.boolean"));
      return std::nullopt;
    }
    return body_[field].get<bool>();
  }

  // A non-empty list of known roles, duplicates dropped, sorted.
  std::optional<std::vector<std::string>> Roles(const char* field, bool required) {
    if (!Present(field)) {
      if (required) Add(field, "required", i18n::T("validation.required"));
      return std::nullopt;
    }
    const Json& list = body_[field];
    if (!list.is_array()) {
      Add(field, "type", i18n::T("validation.type.list"));
      return std::nullopt;
    }
    if (list.empty()) {
      Add(field, "min_items", i18n::T("validation.min_items", {{"min", "1"}}));
      return std::nullopt;
    }
    std::set<std::string> roles;
    bool ok = true;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string() || !auth::IsRole(list[i].get<std::string>())) {
        Add(std::string(field) + "[" + std::to_string(i) + "]", "role", i18n::T("validation.role"));
        ok = false;
      } else {
        roles.insert(list[i].get<std::string>());
      }
    }
    if (!ok) return std::nullopt;
    return std::vector<std::string>(roles.begin(), roles.end());
  }

  void Add(std::string field, std::string rule, i18n::Text message) {
    errors_.push_back(FieldError{std::move(field), std::move(rule), std::move(message)});
  }
  void ThrowIfAny() {
    if (!errors_.empty()) throw ApiError::Unprocessable(std::move(errors_));
  }

 private:
  const Json& body_;
  std::vector<FieldError> errors_;
};

// ---------------------------------------------------------------------------------------------
// Organizations: SQL
// ---------------------------------------------------------------------------------------------

constexpr const char* kOrgColumns = "id, kind, name_zh, name_en, uscc, parent_id, created_at";

// Filters with a switch each, so the statement text never depends on the request.
constexpr const char* kOrgFilter =
    " FROM organizations WHERE (:any_kind = 1 OR kind = :kind)"
    " AND (:any_q = 1 OR LOWER(name_zh) LIKE :q1 ESCAPE '\\' OR LOWER(name_en) LIKE :q2 ESCAPE '\\'"
    " OR LOWER(uscc) LIKE :q3 ESCAPE '\\')";

Organization OrgFromRow(const soci::row& r) {
  Organization o;
  o.id = db::Int(r, 0);
  o.kind = db::Text(r, 1);
  o.name_zh = db::Text(r, 2);
  o.name_en = db::Text(r, 3);
  o.uscc = db::Text(r, 4);
  o.parent_id = db::Int(r, 5);
  o.created_at = db::Text(r, 6);
  return o;
}

bool OrgExists(soci::session& s, long long id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM organizations WHERE id = :id", soci::use(id), soci::into(n);
  return n > 0;
}

bool UsccTaken(soci::session& s, const std::string& uscc, long long except_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM organizations WHERE uscc = :u AND id <> :id", soci::use(uscc),
      soci::use(except_id), soci::into(n);
  return n > 0;
}

// Whether `ancestor` is `id` or above it in the parent chain starting at `id`.
bool IsSelfOrAncestorOf(soci::session& s, long long id, long long descendant) {
  long long current = descendant;
  for (int depth = 0; current != 0 && depth < kMaxOrgDepth; ++depth) {
    if (current == id) return true;
    long long parent = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT parent_id FROM organizations WHERE id = :id", soci::use(current),
        soci::into(parent, ind);
    current = ind == soci::i_ok ? parent : 0;
  }
  return current != 0;  // a chain too long to be real is refused too
}

void UpdateOrganization(soci::session& s, const Organization& o) {
  soci::indicator uscc_ind = o.uscc.empty() ? soci::i_null : soci::i_ok;
  soci::indicator parent_ind = o.parent_id == 0 ? soci::i_null : soci::i_ok;
  s << "UPDATE organizations SET kind = :k, name_zh = :zh, name_en = :en, uscc = :u, parent_id = "
       ":p "
       "WHERE id = :id",
      soci::use(o.kind), soci::use(o.name_zh), soci::use(o.name_en), soci::use(o.uscc, uscc_ind),
      soci::use(o.parent_id, parent_ind), soci::use(o.id);
}

// ---------------------------------------------------------------------------------------------
// Organizations: validation
// ---------------------------------------------------------------------------------------------

const std::initializer_list<std::string_view> kOrgFields = {"kind", "name_zh", "name_en", "uscc",
                                                            "parent_id"};

// Applies the body's fields to `org` (all of them when creating, those present when patching)
// and checks what needs no database (422 listing every error).
void ApplyOrgBody(const Json& body, Organization& org, bool creating) {
  http::RejectUnknownFields(body, kOrgFields);
  Checker c(body);
  if (auto kind = c.Enum("kind", creating, kOrgKinds)) org.kind = *kind;
  if (auto zh = c.Text("name_zh", creating, 1, kMaxOrgName)) org.name_zh = *zh;
  if (auto en = c.Text("name_en", creating, 1, kMaxOrgName)) org.name_en = *en;
  if (body.contains("uscc")) {
    if (body["uscc"].is_null()) {
      org.uscc.clear();
    } else if (!body["uscc"].is_string()) {
      c.Add("uscc", "type", i18n::T("validation.type.text"));
    } else {
      // GB 32100 codes are upper case; accept what people type.
      org.uscc = AsciiUpper(Trim(body["uscc"].get<std::string>()));
      if (!org.uscc.empty() && validate::CheckUscc(org.uscc) == validate::UsccCheck::kBadFormat) {
        c.Add("uscc", "format.uscc", i18n::T("validation.format.uscc_syntax"));
      }
    }
  }
  if (body.contains("parent_id") && body["parent_id"].is_null()) {
    org.parent_id = 0;
  } else if (auto parent = c.Id("parent_id", false)) {
    org.parent_id = *parent;
  }
  // An enterprise is identified by its code (PRODUCT.md section 1).
  if (org.kind == "enterprise" && org.uscc.empty())
    c.Add("uscc", "required", i18n::T("validation.required"));
  c.ThrowIfAny();
}

// The checks against the other rows; run inside the write transaction.
void CheckOrgReferences(soci::session& s, const Organization& org) {
  std::vector<FieldError> errors;
  if (org.parent_id != 0) {
    if (!OrgExists(s, org.parent_id)) {
      errors.push_back(FieldError{"parent_id", "exists", i18n::T("validation.org")});
    } else if (org.id != 0 && IsSelfOrAncestorOf(s, org.id, org.parent_id)) {
      errors.push_back(FieldError{"parent_id", "cycle", i18n::T("validation.org_parent")});
    }
  }
  if (!org.uscc.empty() && UsccTaken(s, org.uscc, org.id)) {
    errors.push_back(FieldError{"uscc", "unique", i18n::T("validation.uscc_taken")});
  }
  if (!errors.empty()) throw ApiError::Unprocessable(std::move(errors));
}

// The organization with its warnings: a USCC whose check character fails is kept, flagged.
Json OrgWithWarnings(const Organization& org) {
  Json j = OrganizationJson(org);
  Json warnings = Json::array();
  if (!org.uscc.empty() && validate::CheckUscc(org.uscc) != validate::UsccCheck::kValid) {
    warnings.push_back(FieldError{
        "uscc", "format.uscc", i18n::T("validation.format.uscc"),
        Json{{"severity",
              "warning"}}}.ToJson());
  }
  j["warnings"] = std::move(warnings);
  return j;
}

Json OrgDiff(const Organization& before, const Organization& after) {
  Json changes = Json::object();
  const auto field = [&](const char* name, const Json& a, const Json& b) {
    if (a != b) changes[name] = {{"from", a}, {"to", b}};
  };
  field("kind", before.kind, after.kind);
  field("name_zh", before.name_zh, after.name_zh);
  field("name_en", before.name_en, after.name_en);
  field("uscc", before.uscc, after.uscc);
  field("parent_id", before.parent_id, after.parent_id);
  return changes;
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

User UserFromRow(const soci::row& r) {
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

std::vector<std::string> LoadRoles(soci::session& s, long long user_id) {
  std::vector<std::string> roles;
  soci::rowset<std::string> rows =
      (s.prepare << "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role",
       soci::use(user_id));
  for (const auto& r : rows) roles.push_back(r);
  return roles;
}

std::optional<User> FindUser(soci::session& s, long long id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string(kUserColumns) + " WHERE u.id = :id", soci::use(id));
  std::optional<User> user;
  for (const auto& r : rows) user = UserFromRow(r);
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

bool UsernameTaken(soci::session& s, const std::string& username) {
  int n = 0;
  s << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(username), soci::into(n);
  return n > 0;
}

void ReplaceRoles(soci::session& s, long long user_id, const std::vector<std::string>& roles) {
  s << "DELETE FROM user_roles WHERE user_id = :id", soci::use(user_id);
  for (const auto& role : roles) {
    s << "INSERT INTO user_roles (user_id, role) VALUES (:id, :r)", soci::use(user_id),
        soci::use(role);
  }
}

long long InsertUser(soci::session& s, const NewUser& u, const std::string& password_hash) {
  const std::string now = clock::NowIso();
  const int demo = u.demo ? 1 : 0;
  long long id = 0;
  s << "INSERT INTO users (username, password_hash, display_name, email, org_id, locale, active, "
       "demo, created_at) "
       "VALUES (:u, :h, :d, :e, :o, :l, 1, :demo, :at) RETURNING id",
      soci::use(u.username), soci::use(password_hash), soci::use(u.display_name),
      soci::use(u.email), soci::use(u.org_id), soci::use(u.locale), soci::use(demo), soci::use(now),
      soci::into(id);
  ReplaceRoles(s, id, u.roles);
  return id;
}

// Sessions end when an account is deactivated or its password changes.
void RevokeSessions(soci::session& s, long long user_id) {
  const std::string now = clock::NowIso();
  s << "UPDATE sessions SET revoked_at = :n WHERE user_id = :id AND revoked_at IS NULL",
      soci::use(now), soci::use(user_id);
}

// The password rule; the hash is computed outside the write transaction (it is slow).
void CheckPassword(Checker& c, const Json& body, bool required) {
  if (!c.Present("password")) {
    if (required) c.Add("password", "required", i18n::T("validation.required"));
    return;
  }
  if (!body["password"].is_string()) {
    c.Add("password", "type", i18n::T("validation.type.text"));
    return;
  }
  const auto& password = body["password"].get_ref<const std::string&>();
  if (Utf8Length(password) < kMinPassword) {
    c.Add("password", "min_length", i18n::T("validation.password"));
  } else if (password.size() > kMaxPassword) {
    c.Add("password", "max_length",
          i18n::T("validation.max_length", {{"max", std::to_string(kMaxPassword)}}));
  }
}

std::optional<std::string> CheckEmail(Checker& c) {
  auto email = c.Text("email", false, 0, kMaxEmail);
  if (email && !email->empty() && !IsPlausibleEmail(*email)) {
    c.Add("email", "format.email", i18n::T("validation.format.email"));
    return std::nullopt;
  }
  return email;
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

const std::initializer_list<std::string_view> kOfficeRoles = {"officer", "approver", "reviewer",
                                                              "auditor", "admin"};

const Json kOrgSchema{
    {"type", "object"},
    {"properties",
     {{"kind",
       {{"type", "string"},
        {"enum", {"office", "district", "department", "enterprise", "agency"}}}},
      {"name_zh", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxOrgName}}},
      {"name_en", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxOrgName}}},
      {"uscc", {{"type", {"string", "null"}}, {"pattern", "^[0-9A-HJ-NPQRTUWXY]{18}$"}}},
      {"parent_id", {{"type", {"integer", "null"}}}}}}};

Json UserSchema(bool creating) {
  Json props{{"display_name", {{"type", "string"}, {"maxLength", kMaxDisplayName}}},
             {"email", {{"type", "string"}, {"maxLength", kMaxEmail}}},
             {"password", {{"type", "string"}, {"minLength", kMinPassword}}},
             {"roles", {{"type", "array"}, {"items", {{"type", "string"}}}, {"minItems", 1}}},
             {"locale", {{"type", "string"}, {"enum", {"zh-CN", "en-US"}}}}};
  Json schema{{"type", "object"}};
  if (creating) {
    props["username"] = {{"type", "string"}, {"pattern", "^[a-z0-9._-]{3,64}$"}};
    props["org_id"] = {{"type", "integer"}};
    schema["required"] = {"username", "password", "display_name", "roles"};
  } else {
    props["active"] = {{"type", "boolean"}};
  }
  schema["properties"] = std::move(props);
  return schema;
}

// The modules' members added to organization objects (e.g. a flag a module keeps).
void Decorate(const App& app, soci::session& s, Json& orgs) {
  for (const auto& decorate : app.organization_decorators) decorate(s, orgs);
}

Response ListOrganizations(const App& app, const Request& req) {
  db::Database& db = app.db;
  auto who = auth::Authenticate(db, req);
  auth::RequireAnyRole(who, kOfficeRoles);
  const auto page = http::ParsePage(req);
  const std::string kind(req.Query("kind").value_or(""));
  if (!kind.empty() && !OneOf(kOrgKinds, kind)) {
    throw ApiError::InvalidQuery("kind", "enum",
                                 i18n::T("validation.enum", {{"values", Join(kOrgKinds)}}));
  }
  const std::string q = Trim(req.Query("q").value_or(""));
  const int any_kind = kind.empty() ? 1 : 0, any_q = q.empty() ? 1 : 0;
  const std::string pattern = ContainsPattern(q);
  const long long limit = page.size, offset = page.Offset();
  return db.Read([&](soci::session& s) {
    long long total = 0;
    s << std::string("SELECT COUNT(*)") + kOrgFilter, soci::use(any_kind), soci::use(kind),
        soci::use(any_q), soci::use(pattern), soci::use(pattern), soci::use(pattern),
        soci::into(total);
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + kOrgColumns + kOrgFilter +
                          " ORDER BY id LIMIT :lim OFFSET :off",
         soci::use(any_kind), soci::use(kind), soci::use(any_q), soci::use(pattern),
         soci::use(pattern), soci::use(pattern), soci::use(limit), soci::use(offset));
    Json items = Json::array();
    for (const auto& r : rows) items.push_back(OrganizationJson(OrgFromRow(r)));
    Decorate(app, s, items);
    return Response::Json(200, http::PageJson(std::move(items), total, page));
  });
}

Response GetOrganization(const App& app, const Request& req) {
  db::Database& db = app.db;
  auto who = auth::Authenticate(db, req);
  const long long id = http::IdParam(req);
  // Office staff see every organization; anyone else only their own (404, not 403, so that
  // ids cannot be probed).
  if (!who.HasAny(kOfficeRoles) && who.org_id != id) throw ApiError::NotFound();
  return Response::Json(200, db.Read([&](soci::session& s) {
    auto org = FindOrganization(s, id);
    if (!org) throw ApiError::NotFound();
    Json one = Json::array({OrganizationJson(*org)});
    Decorate(app, s, one);
    return one[0];
  }));
}

Response CreateOrganizationRoute(db::Database& db, const Request& req) {
  auto who = auth::Authenticate(db, req);
  auth::RequireAnyRole(who, {"admin"});
  const Json body = http::JsonBody(req);
  Organization org;
  ApplyOrgBody(body, org, true);
  org = db.Write([&](soci::session& s) {
    CheckOrgReferences(s, org);
    const long long id = CreateOrganization(
        s, NewOrganization{org.kind, org.name_zh, org.name_en, org.uscc, org.parent_id});
    Organization created = *FindOrganization(s, id);
    audit::Append(s, audit::By(who, "organization.create", "organization", std::to_string(id),
                               OrganizationJson(created)));
    return created;
  });
  return Response::Json(201, OrgWithWarnings(org));
}

Response UpdateOrganizationRoute(db::Database& db, const Request& req) {
  auto who = auth::Authenticate(db, req);
  auth::RequireAnyRole(who, {"admin"});
  const long long id = http::IdParam(req);
  const Json body = http::JsonBody(req);
  auto updated = db.Write([&](soci::session& s) {
    auto before = FindOrganization(s, id);
    if (!before) throw ApiError::NotFound();
    Organization org = *before;
    ApplyOrgBody(body, org, false);
    CheckOrgReferences(s, org);
    UpdateOrganization(s, org);
    const Json changes = OrgDiff(*before, org);
    if (!changes.empty()) {
      audit::Append(
          s, audit::By(who, "organization.update", "organization", std::to_string(id), changes));
    }
    return org;
  });
  return Response::Json(200, OrgWithWarnings(updated));
}

Response ListUsers(db::Database& db, const Request& req) {
  auto who = auth::Authenticate(db, req);
  auth::RequireAnyRole(who, {"admin", "auditor", "enterprise_admin"});
  const auto page = http::ParsePage(req);
  long long org_id = 0;
  if (auto o = req.Query("org_id"); o && !o->empty()) {
    auto parsed = ParseId(*o);
    if (!parsed) throw ApiError::InvalidQuery("org_id", "type", i18n::T("validation.type.integer"));
    org_id = *parsed;
  }
  // An enterprise administrator sees their own organization's users, whatever they ask for.
  const bool scoped = !who.HasAny({"admin", "auditor"});
  if (scoped) {
    if (org_id != 0 && org_id != who.org_id) {
      return Response::Json(200, http::PageJson(Json::array(), 0, page));
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

  auto [users, total] = db.Read([&](soci::session& s) {
    long long n = 0;
    s << std::string("SELECT COUNT(*) FROM users u") + kUserFilter, soci::use(any_org),
        soci::use(org_id), soci::use(any_role), soci::use(role), soci::use(any_q),
        soci::use(pattern), soci::use(pattern), soci::use(pattern), soci::into(n);
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kUserColumns) + kUserFilter +
                          " ORDER BY u.id LIMIT :lim OFFSET :off",
         soci::use(any_org), soci::use(org_id), soci::use(any_role), soci::use(role),
         soci::use(any_q), soci::use(pattern), soci::use(pattern), soci::use(pattern),
         soci::use(limit), soci::use(offset));
    std::vector<User> list;
    for (const auto& r : rows) list.push_back(UserFromRow(r));
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
  db.Write([&](soci::session& s) {
    audit::Append(s, audit::By(who, "user.read", "user", "",
                               {{"query",
                                 {{"org_id", org_id == 0 ? Json(nullptr) : Json(org_id)},
                                  {"role", role},
                                  {"q", q},
                                  {"page", page.number}}},
                                {"ids", ids}}));
  });
  return Response::Json(200, http::PageJson(std::move(items), total, page));
}

Response CreateUserRoute(db::Database& db, const Request& req) {
  auto who = auth::Authenticate(db, req);
  auth::RequireAnyRole(who, {"admin", "enterprise_admin"});
  const bool admin = who.Has("admin");
  const Json body = http::JsonBody(req);
  http::RejectUnknownFields(
      body, {"username", "password", "display_name", "email", "org_id", "roles", "locale"});

  Checker c(body);
  NewUser user;
  if (c.Present("username") && !body["username"].is_string()) {
    c.Add("username", "type", i18n::T("validation.type.text"));
  } else if (!c.Present("username")) {
    c.Add("username", "required", i18n::T("validation.required"));
  } else {
    user.username = body["username"].get<std::string>();
    if (!IsValidUsername(user.username))
      c.Add("username", "format.username", i18n::T("validation.format.username"));
  }
  CheckPassword(c, body, true);
  if (auto name = c.Text("display_name", true, 1, kMaxDisplayName)) user.display_name = *name;
  if (auto email = CheckEmail(c)) user.email = *email;
  // An enterprise administrator's users belong to their organization.
  if (auto org = c.Id("org_id", admin)) user.org_id = *org;
  if (!admin && user.org_id == 0) user.org_id = who.org_id;
  if (auto roles = c.Roles("roles", true)) user.roles = *roles;
  if (auto locale = c.Enum("locale", false, kLocales)) user.locale = *locale;
  c.ThrowIfAny();
  if (!admin) {
    if (!std::ranges::all_of(user.roles,
                             [](const std::string& r) { return OneOf(kEnterpriseRoles, r); })) {
      throw ApiError::Forbidden();
    }
    // Another organization looks like one that does not exist.
    if (user.org_id != who.org_id) {
      throw ApiError::Unprocessable({FieldError{"org_id", "exists", i18n::T("validation.org")}});
    }
  }

  const std::string hash = auth::HashPassword(body["password"].get<std::string>());
  auto created = db.Write([&](soci::session& s) {
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
  return Response::Json(201, UserJson(created));
}

Response UpdateUserRoute(db::Database& db, const Request& req) {
  auto who = auth::Authenticate(db, req);
  auth::RequireAnyRole(who, {"admin"});
  const long long id = http::IdParam(req);
  const Json body = http::JsonBody(req);
  http::RejectUnknownFields(body,
                            {"display_name", "email", "roles", "active", "password", "locale"});

  Checker c(body);
  auto display_name = c.Text("display_name", false, 1, kMaxDisplayName);
  auto email = CheckEmail(c);
  auto roles = c.Roles("roles", false);
  auto active = c.Bool("active");
  auto locale = c.Enum("locale", false, kLocales);
  CheckPassword(c, body, false);
  c.ThrowIfAny();
  // An administrator cannot lock themselves out.
  if (id == who.user_id &&
      (active == false || (roles && std::ranges::find(*roles, "admin") == roles->end()))) {
    throw ApiError::Unprocessable({FieldError{active == false ? "active" : "roles", "self",
                                              i18n::T("validation.self_lockout")}});
  }
  const bool new_password = c.Present("password");
  const std::string hash =
      new_password ? auth::HashPassword(body["password"].get<std::string>()) : "";

  auto updated = db.Write([&](soci::session& s) {
    auto before = FindUser(s, id);
    if (!before) throw ApiError::NotFound();
    User after = *before;
    Json changes = Json::object();
    const auto note = [&changes](const char* field, const Json& from, const Json& to) {
      if (from != to) changes[field] = {{"from", from}, {"to", to}};
    };
    if (display_name) after.display_name = *display_name;
    if (email) after.email = *email;
    if (active) after.active = *active;
    if (locale) after.locale = *locale;
    if (roles) after.roles = *roles;
    note("display_name", before->display_name, after.display_name);
    note("email", before->email, after.email);
    note("active", before->active, after.active);
    note("locale", before->locale, after.locale);
    note("roles", before->roles, after.roles);
    const int active_flag = after.active ? 1 : 0;
    s << "UPDATE users SET display_name = :d, email = :e, active = :a, locale = :l WHERE id = :id",
        soci::use(after.display_name), soci::use(after.email), soci::use(active_flag),
        soci::use(after.locale), soci::use(id);
    if (roles && after.roles != before->roles) ReplaceRoles(s, id, after.roles);
    if (new_password) {
      s << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(id);
      changes["password"] = "changed";  // never the value
    }
    if (new_password || (before->active && !after.active)) RevokeSessions(s, id);
    if (!changes.empty())
      audit::Append(s, audit::By(who, "user.update", "user", std::to_string(id), changes));
    return after;
  });
  return Response::Json(200, UserJson(updated));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

long long CreateOrganization(soci::session& s, const NewOrganization& org) {
  const std::string now = clock::NowIso();
  soci::indicator uscc_ind = org.uscc.empty() ? soci::i_null : soci::i_ok;
  soci::indicator parent_ind = org.parent_id == 0 ? soci::i_null : soci::i_ok;
  long long id = 0;
  s << "INSERT INTO organizations (kind, name_zh, name_en, uscc, parent_id, created_at) "
       "VALUES (:k, :zh, :en, :u, :p, :at) RETURNING id",
      soci::use(org.kind), soci::use(org.name_zh), soci::use(org.name_en),
      soci::use(org.uscc, uscc_ind), soci::use(org.parent_id, parent_ind), soci::use(now),
      soci::into(id);
  return id;
}

long long CreateUser(soci::session& s, const NewUser& user) {
  return InsertUser(s, user, auth::HashPassword(user.password));
}

std::optional<Organization> FindOrganization(soci::session& s, long long id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE id = :id",
       soci::use(id));
  std::optional<Organization> org;
  for (const auto& r : rows) org = OrgFromRow(r);
  return org;
}

Json OrganizationJson(const Organization& org) {
  std::string check = "none";
  if (!org.uscc.empty())
    check = validate::CheckUscc(org.uscc) == validate::UsccCheck::kValid ? "valid" : "invalid";
  return Json{{"id", org.id},
              {"kind", org.kind},
              {"name_zh", org.name_zh},
              {"name_en", org.name_en},
              {"uscc", org.uscc.empty() ? Json(nullptr) : Json(org.uscc)},
              {"uscc_check", check},
              {"parent_id", org.parent_id == 0 ? Json(nullptr) : Json(org.parent_id)},
              {"created_at", org.created_at}};
}

void Register(App& app) {
  db::Database& db = app.db;
  http::Router& r = app.router;
  const auto bind = [&db](Response (*handler)(db::Database&, const Request&)) {
    return [&db, handler](const Request& req) { return handler(db, req); };
  };

  // --- office: organizations ---
  r.Add(Method::kGet, "/api/v1/organizations",
        Doc("Organizations (office roles)", nullptr, {"kind", "q", "page", "page_size"}),
        [&app](const Request& req) { return ListOrganizations(app, req); });
  r.Add(Method::kGet, "/api/v1/organizations/{id}",
        Doc("One organization (office roles, or one's own)"),
        [&app](const Request& req) { return GetOrganization(app, req); });
  r.Add(Method::kPost, "/api/v1/organizations", Doc("Create an organization (admin)", kOrgSchema),
        bind(CreateOrganizationRoute));
  r.Add(Method::kPatch, "/api/v1/organizations/{id}",
        Doc("Change an organization (admin)", kOrgSchema), bind(UpdateOrganizationRoute));

  // --- administrators: users ---
  r.Add(Method::kGet, "/api/v1/users",
        Doc("User accounts (admin, auditor; an enterprise admin: their organization's)", nullptr,
            {"org_id", "role", "q", "page", "page_size"}),
        bind(ListUsers));
  r.Add(Method::kPost, "/api/v1/users",
        Doc("Create a user (admin; an enterprise admin in their organization)", UserSchema(true)),
        bind(CreateUserRoute));
  r.Add(Method::kPatch, "/api/v1/users/{id}", Doc("Change a user (admin)", UserSchema(false)),
        bind(UpdateUserRoute));
}

}  // namespace waishi::accounts
