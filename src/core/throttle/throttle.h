// Throttling of public endpoints by client address: a client that fails more than a limit
// within a window is refused for a while (429 with Retry-After). Counted in the database, so
// that several server instances on one PostgreSQL share the count.
//
// The client address is http::Request::remote_ip: the peer, or behind a trusted reverse
// proxy (--trusted-proxy) the address that proxy forwarded.
#pragma once

#include <string_view>

#include "core/db/database.h"

namespace waishi::throttle {

struct Limit {
  int max_failures = 10;  // more than this many failures within `window_s` …
  int window_s = 3600;
  int block_s = 86400;  // … refuses the client for this long
};

// Throws ApiError 429 "throttled" (with its Retry-After) when `client` is refused in `scope`.
void Check(db::Database& db, std::string_view scope, std::string_view client, const Limit& limit);

// Records a failure of `client` in `scope` (its own short write).
void Fail(db::Database& db, std::string_view scope, std::string_view client, const Limit& limit);

}  // namespace waishi::throttle
