// The platform itself as a module: sign-in, accounts and organizations, the audit log,
// reference data, the case engine's API; its tables (migrations/core/) and its demo (the
// office, districts, enterprises and a user for every role, demo.cpp).
#pragma once

#include <vector>

#include "core/module.h"

namespace waishi::platform {

Module Core();

// `waishi demo`: refuses a database with real users, then loads the core's demo and each
// module's on top, and prints the demo accounts. Returns the process exit code.
int LoadDemo(App& app, const std::vector<Module>& modules);

}  // namespace waishi::platform
