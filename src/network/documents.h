// The documents linked to a cooperation project (feasibility studies, contracts, reports): PDF
// files added one by one, listed, and downloaded as they were uploaded.
#pragma once

#include <string>

#include "core/app.h"
#include "core/db/session.h"
#include "core/json.h"
#include "network/files.h"

namespace waishi::network {

void RegisterDocumentRoutes(App& app);

// Adds a document (PreparePdf's) to the project, by `user_id` (0 for none); its
// {"id","filename","content_type","size","sha256","uploaded_at","uploaded_by"}.
Json InsertDocument(db::Session& tx, long long project, const StoredPdf& pdf, long long user_id);

}  // namespace waishi::network
