#include "network/documents.h"

#include <optional>

#include "core/audit/audit.h"
#include "core/auth/endpoint.h"
#include "core/clock.h"
#include "core/db/row.h"
#include "network/cities.h"
#include "network/files.h"
#include "network/projects.h"

namespace waishi::network {
namespace {

constexpr const char* kDocumentSelect = R"(
  SELECT d.id, d.file_name, d.content_type, d.file_size, d.file_sha256, d.uploaded_at,
         u.display_name
  FROM network_project_documents d LEFT JOIN users u ON u.id = d.uploaded_by )";
constexpr const char* kDocumentInsert = R"(
  INSERT INTO network_project_documents (project_id, file_name, content_type, file_size,
                                         file_sha256, file_content, uploaded_by, uploaded_at)
  VALUES (:p, :f, :t, :s, :h, :b, :u, :at))";
constexpr const char* kDocumentFile = R"(
  SELECT file_name, content_type, file_content FROM network_project_documents
  WHERE id = :id AND project_id = :p)";

Json DocumentJson(const db::Row& r) {
  return Json{{"id", db::Int(r, 0)},
              {"filename", db::Text(r, 1)},
              {"content_type", db::Text(r, 2)},
              {"size", db::Int(r, 3)},
              {"sha256", db::Text(r, 4)},
              {"uploaded_at", db::Text(r, 5)},
              {"uploaded_by", db::AnyCol(r, 6)}};
}

Json DocumentSchema() {
  const Json text = {{"type", "string"}};
  return Json{{"type", "object"},
              {"required",
               {"id", "filename", "content_type", "size", "sha256", "uploaded_at", "uploaded_by"}},
              {"properties",
               {{"id", {{"type", "integer"}}},
                {"filename", text},
                {"content_type", text},
                {"size", {{"type", "integer"}}},
                {"sha256", text},
                {"uploaded_at", text},
                {"uploaded_by",
                 {{"type", "string"},
                  {"nullable", true},
                  {"description", "the user's name; none for the demo's"}}}}}};
}

void RequireProject(db::Session& s, long long id) {
  if (!ProjectExists(s, id)) throw ApiError::NotFound();
}

}  // namespace

Json InsertDocument(db::Session& tx, long long project, const StoredPdf& pdf, long long user_id) {
  const long long id =
      tx.Insert(kDocumentInsert, {{"p", project},
                                  {"f", pdf.name},
                                  {"t", std::string("application/pdf")},
                                  {"s", pdf.size},
                                  {"h", pdf.sha256},
                                  {"b", pdf.base64},
                                  {"u", user_id > 0 ? db::Value(user_id) : db::Value()},
                                  {"at", clock::NowIso()}});
  std::optional<Json> doc;
  tx.Query(std::string(kDocumentSelect) + "WHERE d.id = :id", {{"id", id}},
           [&](const db::Row& r) { doc = DocumentJson(r); });
  return *doc;
}

void RegisterDocumentRoutes(App& app) {
  db::Database& db = app.db;
  auth::Endpoints api(app, "network");
  api.Component("NetworkProjectDocument", DocumentSchema());

  api.Post("/api/v1/network/projects/{id}/documents",
           http::Doc("addNetworkProjectDocument",
                     "Links a document to a project: a PDF (raw body, ≤ 10 MB, judged by its "
                     "content and its name), added beside those already there")
               .Roles(kStaff)
               .RawBody("application/pdf")
               .Query({"filename"})
               .Returns(http::Ref("NetworkProjectDocument"), 201)
               .Errors({"413", "415"}),
           [&db](const auth::Call& call) {
             // Checked, hashed and encoded before the write lock.
             const StoredPdf pdf =
                 PreparePdf(std::string(call.request().Query("filename").value_or("")),
                            call.request().body, "network.document.pdf_only");
             return db.Write([&](db::Session& tx) {
               const long long project = call.Id();
               RequireProject(tx, project);
               Json doc = InsertDocument(tx, project, pdf, call.who().user_id);
               audit::Append(tx, audit::By(call.who(), "network.project.document",
                                           "network_project", std::to_string(project),
                                           {{"document_id", doc["id"]},
                                            {"filename", pdf.name},
                                            {"sha256", pdf.sha256}}));
               return auth::Reply(std::move(doc), 201);
             });
           });

  api.Get(
      "/api/v1/network/projects/{id}/documents",
      http::Doc("listNetworkProjectDocuments", "A project's documents, in the order added")
          .Roles(kReaders)
          .Returns(Json{
              {"type", "object"},
              {"required", {"items"}},
              {"properties",
               {{"items", {{"type", "array"}, {"items", http::Ref("NetworkProjectDocument")}}}}}}),
      [&db](const auth::Call& call) {
        return db.Read([&](db::Session& s) {
          const long long project = call.Id();
          RequireProject(s, project);
          Json items = Json::array();
          s.Query(std::string(kDocumentSelect) + "WHERE d.project_id = :p ORDER BY d.id",
                  {{"p", project}}, [&](const db::Row& r) { items.push_back(DocumentJson(r)); });
          return auth::Reply(Json{{"items", std::move(items)}});
        });
      });

  api.Get("/api/v1/network/projects/{id}/documents/{doc_id}",
          http::Doc("downloadNetworkProjectDocument", "A project's document, as it was uploaded")
              .Roles(kReaders)
              .ReturnsFile(),
          [&db](const auth::Call& call) {
            std::string name, type, content;
            const auto found = db.Read([&](db::Session& s) {
              return s.Query(kDocumentFile, {{"id", call.Id("doc_id")}, {"p", call.Id()}},
                             [&](const db::Row& r) {
                               name = db::Text(r, 0);
                               type = db::Text(r, 1);
                               content = db::Text(r, 2);
                             });
            });
            if (found == 0) throw ApiError::NotFound();
            return StoredFileResponse(name, type, content,
                                      "project document " + std::to_string(call.Id("doc_id")));
          });
}

}  // namespace waishi::network
