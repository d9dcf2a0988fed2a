// Overseas safety (海外安全与你同行, PRODUCT.md §2.2): the register of the city's people abroad
// with their itineraries, and the crisis query that finds who is inside an incident's area
// during its window.
#pragma once

#include "core/module.h"

namespace waishi::safety {

// The module: its migrations (the register and its spatial index), the consular desk, its
// routes, `waishi import itineraries`, its demo.
waishi::Module Module();

}  // namespace waishi::safety
