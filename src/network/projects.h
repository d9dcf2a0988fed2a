// Cooperation projects with partner cities: fourteen fields, three directions.
#pragma once

#include <string>
#include <vector>

#include "core/app.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::network {

// The fields of cooperation (PRODUCT.md §2.3), in the order the figures list them.
inline const std::vector<std::string> kFields = {
    "trade",     "investment",         "tourism",   "politics", "energy",
    "science",   "environment",        "sports",    "culture",  "health",
    "transport", "urban_construction", "education", "talent"};
inline const std::vector<std::string> kDirections = {"inbound", "outbound", "joint"};
inline const std::vector<std::string> kProjectStatuses = {"planned", "ongoing", "completed",
                                                          "cancelled"};
// The currencies an amount may be in (ISO 4217): ours, and those of the partner cities.
inline const std::vector<std::string> kCurrencies = {"CNY", "USD", "EUR", "GBP", "JPY",
                                                     "ZAR", "AUD", "NZD", "CAD", "KRW"};

// The routes of the projects.
void RegisterProjectRoutes(App& app);

// Adds a project (its body as POST /api/v1/network/projects takes it, checked), with its
// milestones if any; its id.
long long InsertProject(db::Session& tx, const Json& body);

// Whether the project is there.
bool ProjectExists(db::Session& s, long long id);

// {"projects": n, "projects_by_field": [{"field","projects","inbound","outbound","joint"}]}: every
// field, those without a project too.
Json ProjectFigures(db::Session& s);
Json ProjectFiguresSchema();

}  // namespace waishi::network
