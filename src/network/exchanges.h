// Exchanges with partner cities (delegations in and out, training programmes), and the review of
// the cities whose relation has gone quiet.
#pragma once

#include <string>
#include <vector>

#include "core/app.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::network {

inline const std::vector<std::string> kExchangeKinds = {"delegation_in", "delegation_out",
                                                        "training"};
// The module's policy: {"dormant_after_years": 3}, a city active with no project started and no
// exchange for that many years is a candidate for review.
inline constexpr std::string_view kPolicy = "network";

void RegisterExchangeRoutes(App& app);

// Adds an exchange (its body as POST /api/v1/network/exchanges takes it, checked); its id.
long long InsertExchange(db::Session& tx, const Json& body);

// {"exchanges": n, "exchanges_by_year": [{"year","delegation_in","delegation_out","training"}],
//  "dormant_candidates": n}, and its schema.
Json ExchangeFigures(db::Session& s, const App& app);
Json ExchangeFiguresSchema();

}  // namespace waishi::network
