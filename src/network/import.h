// The registry imported from the office's spreadsheet: a CSV text (the web sends an xlsx sheet,
// its columns mapped to ours, as the same text) checked row by row against itself and the
// registry, then taken whole or not at all — through the API, previewed first and the cities
// already there merged on confirmation, and through `waishi import partner-cities`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/app.h"
#include "core/db/session.h"

namespace waishi::network {

// POST /api/v1/network/cities/import
void RegisterImportRoute(App& app);

// waishi import partner-cities --db URL [--merge] FILE.csv: the API's import of the file, its
// cities already in the registry refused, or with --merge merged as the API's merge does.
int ImportCommand(App& app, const std::vector<std::string>& args);

// The demo's cities (demo_cities.csv) added in `tx` as the CLI adds a file: every row checked,
// duplicates of the registry refused; throws ApiError (422, 409) naming the bad rows. Answers the
// number added.
long long ImportDemoCities(db::Session& tx, std::string_view csv);

}  // namespace waishi::network
