// The documents linked to a cooperation project (feasibility studies, contracts, reports): PDF
// files added one by one, listed, and downloaded as they were uploaded.
#pragma once

#include <string>

#include "core/app.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::network {

void RegisterDocumentRoutes(App& app);

// Adds a document to the project (checked as the API checks an upload, by `user_id`, 0 for
// none); its {"id","filename","content_type","size","sha256","uploaded_at","uploaded_by"}.
Json InsertDocument(db::Session& tx, long long project, const std::string& name,
                    const std::string& bytes, long long user_id);

}  // namespace waishi::network
