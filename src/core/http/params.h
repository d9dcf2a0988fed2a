// Small helpers handlers share: the JSON body, ids in paths, paging.
#pragma once

#include <string>
#include <string_view>

#include "core/http/http.h"
#include "core/json.h"

namespace waishi::http {

// Deeper nesting is refused before parsing (the parser and every copy of the value recurse).
constexpr int kMaxJsonDepth = 64;

// The body parsed as a JSON object: 415 "unsupported_media_type" for a body that is not
// declared application/json, 400 "json_too_deep" beyond kMaxJsonDepth, 400 "malformed_json"
// (including invalid UTF-8) / "body_not_object" otherwise.
Json JsonBody(const Request& req);

// Whether a body of this schema may be left out (then it reads as {}): an object whose members
// are all optional. The OpenAPI document says so (requestBody.required false).
bool BodyMayBeOmitted(const Json& schema);

// A positive integer path parameter; 404 for anything else (so /cases/abc is "not found").
long long IdParam(const Request& req, std::string_view name = "id");

struct Page {
  long long number = 1;
  long long size = 20;
  // Request::below_id. A handler ordered by id descending may answer the page as the first
  // `size` items with id < below_id (keyset paging: no OFFSET rows to skip) — the same page.
  long long below_id = 0;
  long long Offset() const { return (number - 1) * size; }
};
// ?page=&page_size= (page_size 1..req.max_page_size, 100 from the network; default 20); 400
// "invalid_query" naming the field.
Page ParsePage(const Request& req);
Json PageJson(Json items, long long total, const Page& page);

// Every byte of `text` but ASCII letters, digits and those in `plain` as %XX (RFC 3986 §2.1).
// The default keeps RFC 3986's unreserved characters, for a query value or a path segment.
std::string PercentEncode(std::string_view text, std::string_view plain = "-._~");

// Content-Disposition of a download (RFC 6266): the ASCII `fallback` name for old clients
// (a byte that is not printable ASCII, '"' or '\\' becomes '_') and the UTF-8 name as
// `filename*` in the RFC 8187 encoding.
std::string AttachmentDisposition(std::string_view fallback, std::string_view utf8_name);

}  // namespace waishi::http
