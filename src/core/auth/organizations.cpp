// Organizations: their repository and the administration routes (see accounts.h).
#include <algorithm>
#include <string_view>

#include "core/audit/audit.h"
#include "core/auth/accounts.h"
#include "core/auth/accounts_detail.h"
#include "core/auth/auth.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/http/params.h"
#include "core/validate/identifiers.h"

namespace waishi::accounts {
namespace {

using detail::ContainsPattern;
using detail::OrgExists;
using detail::Trim;

constexpr long long kMaxOrgName = 200;
constexpr int kMaxOrgDepth = 64;  // parent chains are a few levels deep; stop a corrupt loop

// ---------------------------------------------------------------------------------------------
// Request schemas: what the OpenAPI document shows is what the helper checks
// ---------------------------------------------------------------------------------------------

Json OrgKinds() { return Json{"office", "district", "department", "enterprise", "agency"}; }

// POST (creating) requires kind and both names; PATCH changes the members it sends.
Json OrgBodySchema(bool creating) {
  const Json name = {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxOrgName}};
  Json schema{{"type", "object"},
              {"additionalProperties", false},
              {"properties",
               {{"kind", {{"type", "string"}, {"enum", OrgKinds()}}},
                {"name_zh", name},
                {"name_en", name},
                // GB 32100: 18 digits or capital letters without I, O, Z, S, V. Lower case and
                // surrounding spaces are accepted as typed and normalized before storing.
                {"uscc",
                 {{"type", "string"},
                  {"nullable", true},
                  {"pattern", "^\\s*([0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18})?\\s*$"},
                  {"x-rule", "format.uscc"},
                  {"x-message", "validation.format.uscc_syntax"},
                  {"description", "Unified Social Credit Code; required for an enterprise"}}},
                {"parent_id", {{"type", "integer"}, {"minimum", 1}, {"nullable", true}}}}}};
  if (creating) schema["required"] = {"kind", "name_zh", "name_en"};
  return schema;
}

Json OrganizationSchema() {
  const Json text = {{"type", "string"}};
  return Json{
      {"type", "object"},
      {"required",
       {"id", "kind", "name_zh", "name_en", "uscc", "uscc_check", "parent_id", "created_at"}},
      {"additionalProperties", true},
      {"description", "Modules may add members of their own"},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"kind", {{"type", "string"}, {"enum", OrgKinds()}}},
        {"name_zh", text},
        {"name_en", text},
        {"uscc", {{"type", "string"}, {"nullable", true}}},
        {"uscc_check", {{"type", "string"}, {"enum", {"valid", "invalid", "none"}}}},
        {"parent_id", {{"type", "integer"}, {"nullable", true}}},
        {"created_at", {{"type", "string"}, {"format", "date-time"}}}}}};
}

// An organization as changed, with "warnings" (a USCC whose check character fails).
Json OrganizationChangedSchema() {
  return Json{{"allOf",
               {http::Ref("Organization"),
                {{"type", "object"},
                 {"required", {"warnings"}},
                 {"properties",
                  {{"warnings", {{"type", "array"}, {"items", http::Ref("ErrorDetail")}}}}}}}}};
}

std::string AsciiUpper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Organizations: SQL
// ---------------------------------------------------------------------------------------------

constexpr const char* kUsccTaken =
    "SELECT COUNT(*) FROM organizations WHERE uscc = :u AND id <> :id";
constexpr const char* kParentOf = "SELECT parent_id FROM organizations WHERE id = :id";
constexpr const char* kUpdateOrg = R"(
  UPDATE organizations SET kind = :k, name_zh = :zh, name_en = :en, uscc = :u, parent_id = :p
  WHERE id = :id)";
constexpr const char* kInsertOrg = R"(
  INSERT INTO organizations (kind, name_zh, name_en, uscc, parent_id, created_at)
  VALUES (:k, :zh, :en, :u, :p, :at) RETURNING id)";
constexpr const char* kOrgColumns = "id, kind, name_zh, name_en, uscc, parent_id, created_at";

// Filters with a switch each, so the statement text never depends on the request.
constexpr const char* kOrgFilter =
    " FROM organizations WHERE (:any_kind = 1 OR kind = :kind)"
    " AND (:any_q = 1 OR LOWER(name_zh) LIKE :q1 ESCAPE '\\' OR LOWER(name_en) LIKE :q2 ESCAPE '\\'"
    " OR LOWER(uscc) LIKE :q3 ESCAPE '\\')";

Organization OrgFromRow(const db::Row& r) {
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

bool UsccTaken(db::Session& s, const std::string& uscc, long long except_id) {
  return s.Int(kUsccTaken, {{"u", uscc}, {"id", except_id}}).value_or(0) > 0;
}

// Whether `ancestor` is `id` or above it in the parent chain starting at `id`.
bool IsSelfOrAncestorOf(db::Session& s, long long id, long long descendant) {
  long long current = descendant;
  for (int depth = 0; current != 0 && depth < kMaxOrgDepth; ++depth) {
    if (current == id) return true;
    current = s.Int(kParentOf, {{"id", current}}).value_or(0);
  }
  return current != 0;  // a chain too long to be real is refused too
}

void UpdateOrganization(db::Session& s, const Organization& o) {
  s.Exec(kUpdateOrg, {{"k", o.kind},
                      {"zh", o.name_zh},
                      {"en", o.name_en},
                      {"u", db::OrNull(o.uscc)},
                      {"p", db::OrNull(o.parent_id)},
                      {"id", o.id}});
}

// ---------------------------------------------------------------------------------------------
// Organizations: applying a body
// ---------------------------------------------------------------------------------------------

// Applies the (schema-checked) body's members to `org`, then the rule no schema states: an
// enterprise is identified by its code (PRODUCT.md section 1).
void ApplyOrgBody(const Json& body, Organization& org) {
  if (body.contains("kind")) org.kind = body["kind"];
  if (body.contains("name_zh")) org.name_zh = Trim(body["name_zh"].get<std::string>());
  if (body.contains("name_en")) org.name_en = Trim(body["name_en"].get<std::string>());
  if (body.contains("uscc")) {
    // GB 32100 codes are upper case; accept what people type.
    org.uscc = body["uscc"].is_null() ? "" : AsciiUpper(Trim(body["uscc"].get<std::string>()));
  }
  if (body.contains("parent_id"))
    org.parent_id = body["parent_id"].is_null() ? 0 : body["parent_id"].get<long long>();
  if (org.kind == "enterprise" && org.uscc.empty())
    throw ApiError::Unprocessable({FieldError{"uscc", "required", i18n::T("validation.required")}});
}

// The checks against the other rows; run inside the write transaction.
void CheckOrgReferences(db::Session& s, const Organization& org) {
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
// Handlers
// ---------------------------------------------------------------------------------------------

// The modules' members added to organization objects (e.g. a flag a module keeps).
void Decorate(const App& app, db::Session& s, Json& orgs) {
  for (const auto& decorate : app.organization_decorators) decorate(s, orgs);
}

http::Response ListOrganizations(const App& app, const auth::Call& call) {
  db::Database& db = app.db;
  const http::Request& req = call.request();
  const auto page = http::ParsePage(req);
  const std::string kind(req.Query("kind").value_or(""));
  const Json kinds = OrgKinds();
  if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    std::string values;
    for (const auto& k : kinds) values += (values.empty() ? "" : ", ") + k.get<std::string>();
    throw ApiError::InvalidQuery("kind", "enum", i18n::T("validation.enum", {{"values", values}}));
  }
  const std::string q = Trim(req.Query("q").value_or(""));
  const int any_kind = kind.empty() ? 1 : 0, any_q = q.empty() ? 1 : 0;
  const std::string pattern = ContainsPattern(q);
  const long long limit = page.size, offset = page.Offset();
  return db.Read([&](db::Session& s) {
    db::Params params{{"any_kind", any_kind}, {"kind", kind},  {"any_q", any_q},
                      {"q1", pattern},        {"q2", pattern}, {"q3", pattern}};
    const long long total = s.Int(std::string("SELECT COUNT(*)") + kOrgFilter, params).value_or(0);
    params.push_back({"lim", limit});
    params.push_back({"off", offset});
    Json items = Json::array();
    s.Query(
        std::string("SELECT ") + kOrgColumns + kOrgFilter + " ORDER BY id LIMIT :lim OFFSET :off",
        params, [&](const db::Row& r) { items.push_back(OrganizationJson(OrgFromRow(r))); });
    Decorate(app, s, items);
    return auth::Reply(http::PageJson(std::move(items), total, page));
  });
}

http::Response GetOrganization(const App& app, const auth::Call& call) {
  db::Database& db = app.db;
  const auto& who = call.who();
  const long long id = call.Id();
  // Office staff see every organization; anyone else only their own (404, not 403, so that
  // ids cannot be probed).
  if (!who.HasAny(detail::kOfficeRoles) && who.org_id != id) throw ApiError::NotFound();
  return auth::Reply(db.Read([&](db::Session& s) {
    auto org = FindOrganization(s, id);
    if (!org) throw ApiError::NotFound();
    Json one = Json::array({OrganizationJson(*org)});
    Decorate(app, s, one);
    return one[0];
  }));
}

http::Response CreateOrganizationRoute(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  Organization org;
  ApplyOrgBody(call.body(), org);
  org = db.Write([&](db::Session& s) {
    CheckOrgReferences(s, org);
    const long long id = CreateOrganization(
        s, NewOrganization{org.kind, org.name_zh, org.name_en, org.uscc, org.parent_id});
    Organization created = *FindOrganization(s, id);
    audit::Append(s, audit::By(who, "organization.create", "organization", std::to_string(id),
                               OrganizationJson(created)));
    return created;
  });
  return auth::Reply(OrgWithWarnings(org), 201);
}

http::Response UpdateOrganizationRoute(db::Database& db, const auth::Call& call) {
  const auto& who = call.who();
  const long long id = call.Id();
  auto updated = db.Write([&](db::Session& s) {
    auto before = FindOrganization(s, id);
    if (!before) throw ApiError::NotFound();
    Organization org = *before;
    ApplyOrgBody(call.body(), org);
    CheckOrgReferences(s, org);
    UpdateOrganization(s, org);
    const Json changes = OrgDiff(*before, org);
    if (!changes.empty()) {
      audit::Append(
          s, audit::By(who, "organization.update", "organization", std::to_string(id), changes));
    }
    return org;
  });
  return auth::Reply(OrgWithWarnings(updated));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

long long CreateOrganization(db::Session& s, const NewOrganization& org) {
  const std::string now = clock::NowIso();
  return s
      .Int(kInsertOrg, {{"k", org.kind},
                        {"zh", org.name_zh},
                        {"en", org.name_en},
                        {"u", db::OrNull(org.uscc)},
                        {"p", db::OrNull(org.parent_id)},
                        {"at", now}})
      .value_or(0);
}

std::optional<Organization> FindOrganization(db::Session& s, long long id) {
  static const std::string sql =
      std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE id = :id";
  std::optional<Organization> org;
  s.Query(sql, {{"id", id}}, [&](const db::Row& r) { org = OrgFromRow(r); });
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

// The columns of GET /api/v1/organizations/export: legal entities, no personal data.
exports::List OrganizationsExport() {
  using exports::Col;
  using exports::Kind;
  return exports::List{
      .name = "organizations",
      .title_key = "export.title.organizations",
      .personal_data = false,
      .columns = {Col("id", "/id", "export.col.id", Kind::kInteger),
                  Col("name_zh", "/name_zh", "export.col.name_zh"),
                  Col("name_en", "/name_en", "export.col.name_en"),
                  exports::EnumCol("kind", "/kind", "export.col.org_kind", "export.org_kind."),
                  Col("uscc", "/uscc", "export.col.uscc"),
                  Col("parent_id", "/parent_id", "export.col.parent_id", Kind::kInteger),
                  Col("created_at", "/created_at", "export.col.created_at", Kind::kDateTime)},
      .more_columns = {}};
}

namespace detail {

void RegisterOrganizations(App& app) {
  using http::Doc;
  db::Database& db = app.db;
  auth::Endpoints api(app, "accounts");
  api.Component("Organization", OrganizationSchema());
  api.Component("OrganizationChanged", OrganizationChangedSchema());
  const std::vector<std::string> office(kOfficeRoles.begin(), kOfficeRoles.end());

  // --- office
  api.Get("/api/v1/organizations",
          Doc("listOrganizations", "Organizations (office roles)")
              .Roles(office)
              .Query({"kind", "q", "page", "page_size"})
              .Returns(http::PageOf(http::Ref("Organization")))
              .Export(OrganizationsExport()),
          [&app](const auth::Call& c) { return ListOrganizations(app, c); });
  api.Get("/api/v1/organizations/{id}",
          Doc("getOrganization", "One organization (office roles, or one's own)")
              .Returns(http::Ref("Organization")),
          [&app](const auth::Call& c) { return GetOrganization(app, c); });

  // --- admin
  api.Post("/api/v1/organizations",
           Doc("createOrganization", "Create an organization")
               .Roles({"admin"})
               .Body(OrgBodySchema(true))
               .Returns(http::Ref("OrganizationChanged"), 201),
           [&db](const auth::Call& c) { return CreateOrganizationRoute(db, c); });
  api.Patch("/api/v1/organizations/{id}",
            Doc("updateOrganization", "Change an organization")
                .Roles({"admin"})
                .Body(OrgBodySchema(false))
                .Returns(http::Ref("OrganizationChanged")),
            [&db](const auth::Call& c) { return UpdateOrganizationRoute(db, c); });
}

}  // namespace detail
}  // namespace waishi::accounts
