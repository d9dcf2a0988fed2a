// Official temporary outbound travel (因公临时出国(境)审批): the case type, its rules and
// policy, the green channel (直报), the custody of official passports, the dashboard
// figures, and the demo and benchmark data.
#pragma once

#include "core/module.h"

namespace waishi::travel {

// The module: its migrations (src/travel/migrations/), the desk "travel", the case type
// outbound_travel with its rules, routes, effects and hooks, its own API, its demo.
waishi::Module Module();

}  // namespace waishi::travel
