// What every module registers itself with: the database and the router.
// main() builds one App, calls each module's Register(app), then serves.
#pragma once

#include "core/db/database.h"
#include "core/http/http.h"

namespace waishi {

struct App {
  db::Database& db;
  http::Router& router;
};

}  // namespace waishi
