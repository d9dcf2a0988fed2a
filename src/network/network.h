// The sister-city network (国际友城, PRODUCT.md §2.3): the registry of partner cities, its
// import from the office's spreadsheets, and the figures of the network.
#pragma once

#include "core/module.h"

namespace waishi::network {

waishi::Module Module();

}  // namespace waishi::network
