// The Excel export of a list: GET <list>/export, registered by auth::Endpoints for every
// list route whose doc declares exports::List columns (core/export/columns.h).
//
// Run() calls the list's own handler page after page — the same filters, the same caller,
// hence the same visibility and the same refusals (403, 404, 400 on a bad filter, before
// anything is written) — and writes each page's items as rows of a workbook in
// constant memory. Over the row cap (App::export_max_rows, 100,000 by default) it answers
// 422 "export_too_large" naming the cap and the total, and writes nothing. Every export is
// audited: action "export", the list's name as object type, the filters and the row count
// (and whether the rows hold personal data: such an export is a read of personal data).
// Stateless: thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/app.h"
#include "core/export/columns.h"
#include "core/export/xlsx.h"
#include "core/http/http.h"

namespace waishi::auth {
class Call;
}

namespace waishi::exports {

// The media type of an .xlsx workbook (ECMA-376 Part 2; IANA registration).
inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// Rows fetched per call of the list's handler (at most; see PageRows in export.cpp).
inline constexpr long long kPageSize = 5000;

// The caller's language: ?lang= (zh, zh-CN, en, en-US; anything else is 400
// "invalid_query"), else the first language of Accept-Language (RFC 9110, 12.5.4) that is
// Chinese or English, else the user's own preference (`locale`), else Chinese.
Lang PickLanguage(const http::Request& req, std::string_view user_locale);

using PageHandler = std::function<http::Response(const auth::Call&)>;

// Answers GET <list>/export for `call`, calling `list` for each page.
http::Response Run(const App& app, const List& list, const auth::Call& call,
                   const PageHandler& handler);

// The doc of the export route of a list route whose doc is `list_doc`.
http::RouteDoc ExportDoc(const http::RouteDoc& list_doc);

}  // namespace waishi::exports
