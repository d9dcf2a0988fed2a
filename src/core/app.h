// The running platform as modules see it: the database, the router and the registries
// modules fill at start-up (case types and their named code, policies). main() builds one
// App, runs every module's setup (module.h), validates the registries, then serves; from
// then on everything here is only read.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/cases/policy.h"
#include "core/cases/registry.h"
#include "core/db/database.h"
#include "core/http/http.h"
#include "core/i18n/text.h"

namespace waishi {

struct App {
  db::Database& db;
  http::Router& router;
  cases::Registry cases;
  cases::Policies policies;
  // Each adds a module's members to organization objects (an array, each with "id"); run
  // once per page.
  std::vector<std::function<void(db::Session&, Json& organizations)>> organization_decorators;
  // The address the public reaches the web UI at (links in e-mails, QR codes on documents),
  // without a trailing slash: --public-url, default http://localhost:8080.
  std::string public_url = "http://localhost:8080";
  // Where the audit chain's checkpoints are copied (audit/anchor.h), checked by verify.
  std::optional<std::filesystem::path> audit_anchor;
  // The kinds of official document the modules issue (documents::AddKind): the {kind} of the
  // public verification, GET /api/v1/verify/{kind}, with its label. Any other kind is 404.
  std::map<std::string, i18n::Text, std::less<>> document_kinds;
  // The most rows a list's Excel export writes (core/export/export.h); more is a 422.
  long long export_max_rows = 100000;
};

}  // namespace waishi
