// From a parsed request to a response, without any network code: routing, the JSON error
// boundary, the static web UI with its history-mode fallback, and the headers every
// response carries. restinio_server.cpp calls Dispatch(); tests can too.
#pragma once

#include <map>
#include <string>

#include "core/http/http.h"

namespace waishi::http {

// The built web UI, read into memory once at start-up.
class StaticFiles {
 public:
  // Loads every file under `dir`; an empty dir or a missing index.html leaves it empty.
  explicit StaticFiles(const std::string& dir);
  bool empty() const { return files_.empty(); }
  // The file at `path`, or index.html for a route of the single-page app; nullptr if none.
  const Response* Find(std::string_view path) const;

 private:
  std::map<std::string, Response, std::less<>> files_;
};

Response Dispatch(const Router& router, Request& request, const StaticFiles& static_files,
                  std::size_t max_body_bytes, bool body_too_large);
// The same with the route already looked up (Routed), as the server does to choose the pool.
Response Dispatch(Router::Match match, Request& request, const StaticFiles& static_files,
                  std::size_t max_body_bytes, bool body_too_large);
// Whether Dispatch looks the request up in the router (an API path, or no web UI to serve).
bool Routed(const Request& request, const StaticFiles& static_files);

}  // namespace waishi::http
