// Official temporary outbound travel (因公临时出国(境)审批): the case type, its rules and
// policy, the green channel (直报), the custody of official passports, the dashboard
// figures, and the demo and benchmark data.
#pragma once

#include "core/app.h"

namespace waishi::travel {

// Registers the case type, rules, policy, effects and the module's routes.
void Register(App& app);

// Loads the demo data into an empty (migrated) database; prints the demo accounts.
// Returns the process exit code.
int LoadDemo(App& app);

// Adds `cases` synthetic cases (and their organizations and users) for the benchmark.
int LoadBenchData(App& app, long cases);

}  // namespace waishi::travel
