#include "core/http/dispatch.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/log.h"

namespace waishi::http {
namespace {

std::string ContentTypeFor(const std::filesystem::path& p) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

void AddCommonHeaders(Response& r, const Request& req, bool api) {
  r.headers.emplace_back("X-Request-Id", req.request_id);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // The web UI: Element Plus sets inline styles, hence 'unsafe-inline' for styles only;
  // scripts and everything else come from this server alone (the office's network may be
  // closed). An API answer is data, never a page: nothing may load from it or frame it (the
  // policy OWASP's REST security cheat sheet gives for APIs).
  r.headers.emplace_back(
      "Content-Security-Policy",
      api ? "default-src 'none'; frame-ancestors 'none'"
          : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  // A handler may set its own caching (a download's "private, no-store"); otherwise an API
  // answer is never stored.
  const bool cache_set = std::any_of(r.headers.begin(), r.headers.end(),
                                     [](const auto& h) { return h.first == "Cache-Control"; });
  if (api && !cache_set) r.headers.emplace_back("Cache-Control", "no-store");
}

Response ErrorResponse(const ApiError& e) {
  Response r = Response::Json(e.status(), e.ToJson());
  if (e.retry_after() > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
  return r;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  if (dir.empty() || !fs::exists(fs::path(dir) / "index.html")) return;
  // Files only, never a symbolic link (it could point anywhere) nor anything whose path has
  // a part starting with "." (.env, .git/…): the build's output is all that is served.
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::directory_entry& entry = *it;
    const bool hidden = entry.path().filename().string().starts_with(".");
    if (entry.is_directory() && (hidden || entry.is_symlink())) {
      it.disable_recursion_pending();
      continue;
    }
    if (hidden || entry.is_symlink() || !entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string rel = "/" + fs::relative(entry.path(), dir).generic_string();
    Response r{200, ContentTypeFor(entry.path()), bytes.str(), {}};
    // Vite puts content-hashed names under /assets/: cacheable for ever.
    r.headers.emplace_back("Cache-Control", rel.starts_with("/assets/")
                                                ? "public, max-age=31536000, immutable"
                                                : "no-cache");
    files_.emplace(std::move(rel), std::move(r));
  }
}

const Response* StaticFiles::Find(std::string_view path) const {
  if (auto it = files_.find(path); it != files_.end()) return &it->second;
  // A path with an extension is a missing file; anything else is a route of the app.
  auto last = path.substr(path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) return nullptr;
  auto index = files_.find(std::string_view("/index.html"));
  return index == files_.end() ? nullptr : &index->second;
}

bool Routed(const Request& request, const StaticFiles& static_files) {
  return request.path.starts_with("/api/") || static_files.empty();
}

Response Dispatch(const Router& router, Request& request, const StaticFiles& static_files,
                  std::size_t max_body_bytes, bool body_too_large) {
  Router::Match match;
  if (Routed(request, static_files)) match = router.Find(request.method, request.path);
  return Dispatch(std::move(match), request, static_files, max_body_bytes, body_too_large);
}

Response Dispatch(Router::Match match, Request& request, const StaticFiles& static_files,
                  std::size_t max_body_bytes, bool body_too_large) {
  const bool api = request.path.starts_with("/api/");
  Response response;
  try {
    if (body_too_large || request.body.size() > max_body_bytes) {
      throw ApiError(413, "payload_too_large",
                     i18n::T("error.payload_too_large",
                             {{"max", std::to_string(max_body_bytes / (1024 * 1024))}}));
    }
    if (Routed(request, static_files)) {
      if (match.route == nullptr) {
        if (match.path_known)
          throw ApiError(405, "method_not_allowed", i18n::T("error.method_not_allowed"));
        throw ApiError::NotFound();
      }
      request.params = std::move(match.params);
      request.route = match.route;
      response = match.route->handler(request);
    } else if (request.method != Method::kGet) {
      throw ApiError(405, "method_not_allowed", i18n::T("error.method_not_allowed"));
    } else if (const Response* file = static_files.Find(request.path)) {
      response = *file;
    } else {
      throw ApiError::NotFound();
    }
  } catch (const ApiError& e) {
    response = ErrorResponse(e);
  } catch (const Json::exception& e) {
    // A handler that indexes a well-formed but unexpected body: the client's fault.
    response = ErrorResponse(ApiError(400, "bad_request", i18n::T("error.bad_request")));
    log::Warn("request " + request.request_id + ": JSON error: " + e.what());
  } catch (const std::exception& e) {
    log::Error("request " + request.request_id + " " + request.path + ": " + e.what());
    response = ErrorResponse(ApiError(500, "internal", i18n::T("error.internal")));
  }
  AddCommonHeaders(response, request, api);
  return response;
}

}  // namespace waishi::http
