// A list that goes with a batch of papers (a dispatch list to an embassy or a consulate): the
// same rows as a printed PDF (GET <path>.pdf) and as a workbook (GET <path>.xlsx, ?lang= for
// its headers), each download audited as a read of the record.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/app.h"
#include "core/auth/endpoint.h"
#include "core/documents/documents.h"
#include "core/export/columns.h"

namespace waishi::exports {

struct PrintedList {
  std::string path;       // "/api/v1/visa/batches/{id}/dispatch": ".pdf" and ".xlsx" added
  std::string operation;  // "getVisaBatchDispatch": "Pdf" and "Xlsx" added
  std::string what;       // "The batch's dispatch list", for the routes' summaries
  std::vector<std::string> roles;
  std::string audit_action, audit_object;  // e.g. "visa.batch.dispatch", "visa_batch"
  std::string file_prefix;                 // "dispatch-": the file is <prefix><number>.<format>
  // The record of call.Id(), with its "number" and its rows under "items"; throws the caller's
  // refusal (403, 404).
  std::function<Json(const auth::Call&)> load;
  std::function<documents::Content(const Json& record)> print;
  std::function<std::vector<Column>()> columns;  // each row is numbered in "no"
};

void AddPrintedList(App& app, auth::Endpoints& api, PrintedList list);

}  // namespace waishi::exports
