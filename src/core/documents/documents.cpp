// Official documents: issuing (render → sign → store → audit), revoking, the number series,
// the download and the public verification.
#include "core/documents/documents.h"
#include "core/http/params.h"

#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "core/app.h"
#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/auth/password.h"
#include "core/calendar/working_days.h"
#include "core/cases/store.h"
#include "core/clock.h"
#include "core/documents/signer.h"
#include "core/error.h"
#include "core/files/base64.h"
#include "core/throttle/throttle.h"
#include "core/validate/schema.h"

namespace waishi::documents {

i18n::Text DateText(std::string_view iso) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const auto d = calendar::Date::Parse(iso);
  if (!d) return {std::string(iso), std::string(iso)};
  auto text = [&](std::string month) {
    return i18n::T("documents.date", {{"year", std::to_string(d->year())},
                                      {"month", std::move(month)},
                                      {"day", std::to_string(d->day())}});
  };
  return {text(std::to_string(d->month())).zh, text(kMonths[d->month() - 1]).en};
}
namespace {

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

constexpr const char* kNumberTaken = R"(
  SELECT COUNT(*) FROM documents WHERE kind = :k AND number = :n)";

constexpr const char* kInsertDocument = R"(
  INSERT INTO documents (case_id, kind, number, issued_on, template_version, sha256, size,
                         content, register_fields, created_by, created_at)
  VALUES (:c, :k, :n, :d, :t, :h, :s, :b, :r, :u, :a) RETURNING id)";

constexpr const char* kSelectForRevoke = R"(
  SELECT case_id, kind, number, revoked_at FROM documents WHERE id = :id)";

// Only the revocation's columns: a document's content and register never change.
constexpr const char* kRevoke = R"(
  UPDATE documents SET revoked_at = :a, revoked_by = :u, revoke_reason = :r
  WHERE id = :id AND revoked_at IS NULL)";

constexpr const char* kSelectOfCase = R"(
  SELECT id, case_id, kind, number, issued_on, sha256, revoked_at
  FROM documents WHERE case_id = :c ORDER BY id)";

constexpr const char* kSelectContent = R"(
  SELECT case_id, kind, number, content FROM documents WHERE id = :id)";

constexpr const char* kNextNumber = R"(
  INSERT INTO document_series (series, year, last) VALUES (:s, :y, 1)
  ON CONFLICT (series, year) DO UPDATE SET last = document_series.last + 1
  RETURNING last)";

// The verification: by kind, number AND date together, so that a number alone (they are
// sequential, easy to guess) finds nothing.
constexpr const char* kVerify = R"(
  SELECT issued_on, revoked_at, register_fields FROM documents
  WHERE kind = :k AND number = :n AND issued_on = :d)";

constexpr std::string_view kVerifyScope = "verify";
constexpr std::size_t kMaxNumberLength = 100;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

std::string FromBase64(const std::string& b64, long long id) {
  auto bytes = files::FromBase64(b64);
  if (!bytes) throw std::runtime_error("document " + std::to_string(id) + " is corrupt");
  return std::move(*bytes);
}

// The date in China (UTC+8) of a stored UTC instant ("2026-12-02T17:30:00.000Z" → 2026-12-03).
std::string ChinaDateOf(const std::string& iso) {
  const auto day = calendar::Date::Parse(iso.substr(0, 10));
  if (!day || iso.size() < 13) return iso.substr(0, 10);
  const int hour = std::stoi(iso.substr(11, 2));
  return (hour >= 16 ? day->AddDays(1) : *day).ToString();
}

Json IssuedSchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required", {"id", "kind", "number", "issued_on", "sha256", "revoked"}},
              {"additionalProperties", false},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"kind", text},
                {"number", text},
                {"issued_on", {{"type", "string"}, {"format", "date"}}},
                {"sha256", text},
                {"revoked", {{"type", "boolean"}}}}}};
}

Json VerificationSchema() {
  return Json{{"type", "object"},
              {"required",
               {"kind", "kind_label", "number", "issued_on", "revoked", "revoked_on", "register"}},
              {"additionalProperties", false},
              {"properties",
               {{"kind", {{"type", "string"}}},
                {"kind_label", http::Ref("Bilingual")},
                {"number", {{"type", "string"}}},
                {"issued_on", {{"type", "string"}, {"format", "date"}}},
                {"revoked", {{"type", "boolean"}}},
                {"revoked_on", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
                {"register",
                 {{"type", "object"},
                  {"additionalProperties", true},
                  {"description", "The register's fields the issuing module chose to show"}}}}}};
}

// The policy "verification": the throttle of the public verification.
Json VerificationPolicyDefaults() {
  return Json{{"max_failures", 10}, {"window_s", 3600}, {"block_s", 86400}};
}

std::vector<FieldError> ValidateVerificationPolicy(const Json& policy) {
  auto range = [](int min, int max) {
    return Json{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
  };
  static const Json kSchema = {{"type", "object"},
                               {"additionalProperties", false},
                               {"required", {"max_failures", "window_s", "block_s"}},
                               {"properties",
                                {{"max_failures", range(1, 10000)},
                                 {"window_s", range(60, 7 * 86400)},
                                 {"block_s", range(60, 30 * 86400)}}}};
  return validate::CheckSchema(kSchema, policy);
}

throttle::Limit VerificationLimit(App& app) {
  const Json p = app.db.Read([&](db::Session& s) { return app.policies.Load(s, "verification"); });
  throttle::Limit limit;
  limit.max_failures = p.value("max_failures", limit.max_failures);
  limit.window_s = p.value("window_s", limit.window_s);
  limit.block_s = p.value("block_s", limit.block_s);
  return limit;
}

Json Verify(App& app, const http::Request& req) {
  const std::string kind = req.Param("kind");
  const auto number = req.Query("number");
  const auto date = req.Query("date");
  if (!number || number->empty())
    throw ApiError::InvalidQuery("number", "required", i18n::T("validation.required"));
  if (number->size() > kMaxNumberLength) {
    throw ApiError::InvalidQuery(
        "number", "max_length",
        i18n::T("validation.max_length", {{"max", std::to_string(kMaxNumberLength)}}));
  }
  if (!date || date->empty())
    throw ApiError::InvalidQuery("date", "required", i18n::T("validation.required"));
  // Exactly YYYY-MM-DD of a real date: 2026-02-30 is malformed.
  if (!calendar::Date::Parse(*date))
    throw ApiError::InvalidQuery("date", "format", i18n::T("validation.type.date"));
  const auto declared = app.document_kinds.find(kind);
  if (declared == app.document_kinds.end()) throw ApiError::NotFound();
  std::optional<Json> found;
  app.db.Read([&](db::Session& s) {
    s.Query(kVerify, {{"k", kind}, {"n", *number}, {"d", *date}}, [&](const db::Row& r) {
      const auto revoked_at = db::OptText(r, 1);
      found = Json{{"kind", kind},
                   {"kind_label", declared->second.ToJson()},
                   {"number", *number},
                   {"issued_on", db::Text(r, 0)},
                   {"revoked", revoked_at.has_value()},
                   {"revoked_on", revoked_at ? Json(ChinaDateOf(*revoked_at)) : Json(nullptr)},
                   {"register", Json::parse(db::Text(r, 2))}};
    });
  });
  // The same answer whether the number exists with another date or not at all.
  if (!found) throw ApiError::NotFound();
  return *found;
}

}  // namespace

// ---------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------

Json Issued::ToJson() const {
  return Json{{"id", id},         {"kind", kind},      {"number", number}, {"issued_on", issued_on},
              {"sha256", sha256}, {"revoked", revoked}};
}

void AddKind(App& app, std::string kind, i18n::Text label) {
  if (kind.empty()) throw std::logic_error("documents::AddKind: an empty kind");
  if (!app.document_kinds.emplace(kind, std::move(label)).second)
    throw std::logic_error("documents::AddKind: the kind " + kind + " is declared twice");
}

Issued Issue(db::Session& tx, const IssueRequest& request, const auth::Principal& by) {
  const Signer* signer = SignerInUse();
  if (!signer) throw std::logic_error("documents::Issue: no signing key installed (UseSigner)");
  if (request.kind.empty() || request.number.empty() || request.case_id <= 0 ||
      !calendar::Date::Parse(request.issued_on) || !request.register_fields.is_object()) {
    throw std::invalid_argument(
        "documents::Issue: kind, number, case_id, issued_on (YYYY-MM-DD) and an object of "
        "register fields are needed");
  }
  if (tx.Int(kNumberTaken, {{"k", request.kind}, {"n", request.number}}).value_or(0) > 0)
    throw ApiError::Conflict("duplicate", i18n::T("error.duplicate"));

  const i18n::Text reason = i18n::T("documents.sign_reason", {{"number", request.number}});
  const std::string pdf = signer->Sign(Render(request.content), reason.zh + " / " + reason.en);

  Issued out;
  out.case_id = request.case_id;
  out.kind = request.kind;
  out.number = request.number;
  out.issued_on = request.issued_on;
  out.sha256 = auth::Sha256Hex(pdf);
  out.id = tx.Int(kInsertDocument, {{"c", request.case_id},
                                    {"k", request.kind},
                                    {"n", request.number},
                                    {"d", request.issued_on},
                                    {"t", request.template_version},
                                    {"h", out.sha256},
                                    {"s", static_cast<long long>(pdf.size())},
                                    {"b", files::ToBase64(pdf)},
                                    {"r", request.register_fields.dump()},
                                    {"u", by.user_id},
                                    {"a", clock::NowIso()}})
               .value_or(0);
  // What was issued, for which case, and its fingerprint: no personal data.
  audit::Append(tx, audit::By(by, "document.issue", "document", std::to_string(out.id),
                              {{"case_id", out.case_id},
                               {"kind", out.kind},
                               {"number", out.number},
                               {"sha256", out.sha256}}));
  return out;
}

void Revoke(db::Session& tx, long long document_id, const std::string& reason,
            const auth::Principal& by) {
  if (reason.empty()) {
    throw ApiError::Unprocessable(
        {FieldError{"reason", "required", i18n::T("validation.required")}});
  }
  long long case_id = 0;
  std::string kind, number;
  std::optional<std::string> revoked_at;
  const auto found = tx.Query(kSelectForRevoke, {{"id", document_id}}, [&](const db::Row& r) {
    case_id = db::Int(r, 0);
    kind = db::Text(r, 1);
    number = db::Text(r, 2);
    revoked_at = db::OptText(r, 3);
  });
  if (found == 0) throw ApiError::NotFound();
  if (revoked_at ||
      tx.Exec(kRevoke,
              {{"a", clock::NowIso()}, {"u", by.user_id}, {"r", reason}, {"id", document_id}}) ==
          0) {
    throw ApiError::Conflict("already_revoked", i18n::T("error.document_revoked"));
  }
  audit::Append(tx, audit::By(by, "document.revoke", "document", std::to_string(document_id),
                              {{"case_id", case_id}, {"kind", kind}, {"number", number}}));
}

std::vector<Issued> OfCase(db::Session& s, long long case_id) {
  std::vector<Issued> out;
  s.Query(kSelectOfCase, {{"c", case_id}}, [&](const db::Row& r) {
    Issued d;
    d.id = db::Int(r, 0);
    d.case_id = db::Int(r, 1);
    d.kind = db::Text(r, 2);
    d.number = db::Text(r, 3);
    d.issued_on = db::Text(r, 4);
    d.sha256 = db::Text(r, 5);
    d.revoked = db::OptText(r, 6).has_value();
    out.push_back(std::move(d));
  });
  return out;
}

Json OfCaseJson(db::Session& s, long long case_id) {
  Json out = Json::array();
  for (const Issued& d : OfCase(s, case_id)) out.push_back(d.ToJson());
  return out;
}

long long NextNumber(db::Session& tx, std::string_view series, int year) {
  return tx.Int(kNextNumber, {{"s", series}, {"y", year}}).value_or(0);
}

std::optional<Stored> Find(db::Session& s, long long document_id) {
  std::optional<Stored> out;
  s.Query(kSelectContent, {{"id", document_id}}, [&](const db::Row& r) {
    out = Stored{db::Int(r, 0), db::Text(r, 1), db::Text(r, 2),
                 FromBase64(db::Text(r, 3), document_id)};
  });
  return out;
}

// ---------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------

void Register(App& app) {
  using http::Doc;
  app.policies.Add({"verification", VerificationPolicyDefaults(), ValidateVerificationPolicy});
  auth::Endpoints api(app, "documents");
  api.Component("Document", IssuedSchema());
  api.Component("Verification", VerificationSchema());

  // --- whoever may read the case
  http::RouteDoc download =
      Doc("downloadDocument", "Download an issued document, a signed PDF (the read is audited)")
          .ReturnsFile();
  download.response_content_type = "application/pdf";
  api.Get("/api/v1/documents/{id}", std::move(download), [&app](const auth::Call& c) {
    const long long id = c.Id();
    const auth::Principal& who = c.who();
    const Stored doc = app.db.Read([&](db::Session& s) {
      auto found = Find(s, id);
      if (!found) throw ApiError::NotFound();
      // The case engine's own check, as for attachments: 404 for whoever may not see the case.
      cases::store::RequireVisible(s, app.cases, who, found->case_id, cases::store::Data::kText);
      return std::move(*found);
    });
    audit::AppendDetached(app.db, audit::By(who, "document.read", "document", std::to_string(id),
                                            {{"case_id", doc.case_id}}));
    http::Response resp{200, "application/pdf", doc.pdf, {}};
    resp.headers.emplace_back(
        "Content-Disposition",
        http::AttachmentDisposition(doc.kind + "-" + std::to_string(id) + ".pdf",
                                    doc.kind + "-" + doc.number + ".pdf"));
    resp.headers.emplace_back("Cache-Control", "private, no-store");
    return resp;
  });

  // --- public
  api.Get("/api/v1/verify/{kind}",
          Doc("verifyDocument",
              "Verify an issued document by its number and issue date (throttled per address)")
              .Public()
              .Query({"number", "date"})
              .Returns(http::Ref("Verification")),
          [&app](const auth::Call& c) {
            const http::Request& req = c.request();
            const throttle::Limit limit = VerificationLimit(app);
            throttle::Check(app.db, kVerifyScope, req.remote_ip, limit);
            try {
              return auth::Reply(Verify(app, req));
            } catch (const ApiError& e) {
              // Guessing numbers or dates: each miss counts against the address.
              if (e.status() == 400 || e.status() == 404)
                throttle::Fail(app.db, kVerifyScope, req.remote_ip, limit);
              throw;
            }
          });
}

}  // namespace waishi::documents
