// Attachments of a case: PDF, JPEG and PNG files, judged by their content, stored with the
// database (base64 text, portable) so that a backup is complete.

#include "core/audit/audit.h"
#include "core/auth/password.h"
#include "core/cases/engine.h"
#include "core/cases/store.h"
#include "core/cases/visibility.h"
#include "core/clock.h"
#include "core/db/session.h"
#include "core/error.h"
#include "core/files/base64.h"

namespace waishi::cases {
namespace {

constexpr std::size_t kMaxUploadBytes = 10 * 1024 * 1024;

constexpr const char* kSelectAttachments = R"(
  SELECT a.id, a.filename, a.content_type, a.size, a.sha256, a.uploaded_at, u.display_name,
         a.kind
  FROM attachments a JOIN users u ON u.id = a.uploaded_by
  WHERE a.case_id = :id ORDER BY a.id)";

constexpr const char* kInsertAttachment = R"(
  INSERT INTO attachments (case_id, kind, filename, content_type, size, sha256, content,
                           uploaded_by, uploaded_at)
  VALUES (:c, :k, :f, :t, :s, :h, :b, :u, :a) RETURNING id)";

constexpr const char* kSelectAttachment =
    "SELECT case_id, filename, content_type, content FROM attachments WHERE id = :id";

}  // namespace

std::string SniffContentType(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF &&
      static_cast<unsigned char>(b[1]) == 0xD8 && static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  return "";
}

Json Engine::Attachments(const auth::Principal& who, long long id) {
  return db_.Read([&](db::Session& s) {
    store::RequireVisible(s, registry_, who, id, store::Data::kText);
    Json items = Json::array();
    s.Query(kSelectAttachments, {{"id", id}}, [&](const db::Row& r) {
      items.push_back({{"id", db::Int(r, 0)},
                       {"filename", db::Text(r, 1)},
                       {"content_type", db::Text(r, 2)},
                       {"size", db::Int(r, 3)},
                       {"sha256", db::Text(r, 4)},
                       {"uploaded_at", db::Text(r, 5)},
                       {"uploaded_by", db::Text(r, 6)},
                       {"kind", db::Text(r, 7)}});
    });
    return Json{{"items", items}};
  });
}

Json Engine::Attach(const auth::Principal& who, long long id, const Upload& up) {
  if (up.bytes.size() > kMaxUploadBytes) {
    throw ApiError(413, "payload_too_large", i18n::T("error.payload_too_large", {{"max", "10"}}));
  }
  std::string name = up.filename;
  if (name.empty() || name.size() > 255 || name.find_first_of("/\\\0", 0, 3) != std::string::npos) {
    throw ApiError::Unprocessable(
        {FieldError{"filename", "required", i18n::T("validation.required")}});
  }
  // Judged by the content, and the name must agree: a PNG called .pdf is refused too.
  const std::string type = SniffContentType(up.bytes);
  std::string ext =
      name.substr(name.rfind('.') == std::string::npos ? name.size() : name.rfind('.'));
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const bool name_agrees = (type == "application/pdf" && ext == ".pdf") ||
                           (type == "image/jpeg" && (ext == ".jpg" || ext == ".jpeg")) ||
                           (type == "image/png" && ext == ".png");
  if (type.empty() || !name_agrees) {
    throw ApiError(415, "unsupported_file", i18n::T("error.unsupported_file"),
                   {FieldError{"file", "content_type", i18n::T("error.unsupported_file")}});
  }
  const std::string b64 = files::ToBase64(up.bytes);
  const std::string sha = auth::Sha256Hex(up.bytes);
  const long long size = static_cast<long long>(up.bytes.size());
  return db_.Write([&](db::Session& s) {
    const auto [row, case_type] = store::RequireVisible(s, registry_, who, id);
    if (!TakesPart(who, *case_type, row.rec)) throw ApiError::Forbidden();
    // A closed case (completed, withdrawn, rejected) is a record: nothing is added to it.
    if (const StateDef* st = case_type->FindState(row.rec.state); st && st->terminal)
      throw ApiError::Conflict("case_closed", i18n::T("error.case_closed"));
    // A document slot the case type declares, or none.
    if (!up.kind.empty() && !registry_.FindType(row.rec.type)->FindDocument(up.kind)) {
      std::string kinds;
      for (const auto& d : registry_.FindType(row.rec.type)->documents)
        kinds += (kinds.empty() ? "" : ", ") + d.kind;
      throw ApiError::Unprocessable(
          {FieldError{"kind", "enum", i18n::T("validation.enum", {{"values", kinds}})}});
    }
    const std::string now = clock::NowIso();
    long long att = 0;
    att = s.Int(kInsertAttachment, {{"c", id},
                                    {"k", up.kind},
                                    {"f", name},
                                    {"t", type},
                                    {"s", size},
                                    {"h", sha},
                                    {"b", b64},
                                    {"u", who.user_id},
                                    {"a", now}})
              .value_or(0);
    store::AddEvent(s, id, who.user_id, "attachment", "", row.rec.state, row.rec.state, "",
                    {{"attachment_id", att}, {"filename", name}});
    audit::Append(
        s, audit::By(who, "case.attach", "case", std::to_string(id), {{"attachment_id", att}}));
    return Json{{"id", att},
                {"filename", name},
                {"content_type", type},
                {"size", size},
                {"sha256", sha},
                {"uploaded_at", now},
                {"uploaded_by", who.display_name},
                {"kind", up.kind}};
  });
}

Engine::File Engine::Download(const auth::Principal& who, long long attachment_id) {
  File f;
  long long case_id = 0;
  db_.Read([&](db::Session& s) {
    std::string b64;
    const auto found = s.Query(kSelectAttachment, {{"id", attachment_id}}, [&](const db::Row& r) {
      case_id = db::Int(r, 0);
      f.filename = db::Text(r, 1);
      f.content_type = db::Text(r, 2);
      b64 = db::Text(r, 3);
    });
    if (found == 0) throw ApiError::NotFound();
    store::RequireVisible(s, registry_, who, case_id, store::Data::kText);
    auto bytes = files::FromBase64(b64);
    if (!bytes)
      throw std::runtime_error("attachment " + std::to_string(attachment_id) + " is corrupt");
    f.bytes = std::move(*bytes);
  });
  audit::AppendDetached(db_, audit::By(who, "attachment.read", "case", std::to_string(case_id),
                                       {{"attachment_id", attachment_id}}));
  return f;
}

}  // namespace waishi::cases
