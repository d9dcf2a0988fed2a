// The travel module's pieces, for its own files (not for other modules).
#pragma once

#include "core/db/session.h"

#include "core/app.h"
#include "core/module.h"
#include "core/search/search.h"

namespace waishi::travel {

inline constexpr std::string_view kType = "outbound_travel";
inline constexpr std::string_view kPolicy = "outbound_travel";
inline constexpr std::string_view kDesk = "travel";

// green_channel.cpp: whether an enterprise reports directly to the office; the routes that
// show the recommendation and grant or revoke it; the flag added to organization objects.
bool IsGreen(db::Session& s, long long org_id);
void RegisterGreenChannel(App& app);

// custody.cpp: official passports booked out on approval and their return.
void BookOutPassports(const cases::EffectCall& e);
void RegisterCustody(App& app);

// dashboard.cpp: the leadership dashboard's figures.
void RegisterDashboard(App& app);

// travel.cpp: what a case is found by (the search hook; bench_data.cpp indexes with it too).
search::Document SearchDocument(const Json& data);

// demo.cpp, bench_data.cpp
void LoadDemo(App& app, DemoContext& ctx);
void LoadBenchData(App& app, long count);

}  // namespace waishi::travel
