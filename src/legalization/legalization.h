// Apostille and consular legalization (PRODUCT.md §2.1.2, §2.1.7): citizens and enterprises
// bring public documents for use abroad; for a destination where the Apostille Convention is
// in force with China the office issues an apostille, for any other the office authenticates
// the document and the destination's embassy or consulate legalizes it. Each document of an
// application moves on its own (a sub-record with its own states).
#pragma once

#include "core/module.h"

namespace waishi::legalization {

// The module: its migrations, the desk "legalization", the case type legalization with its
// rules and effects, the destinations' Convention table with its routes, its demo.
waishi::Module Module();

}  // namespace waishi::legalization
