// The visa agency (PRODUCT.md §2.1.5): citizens, for themselves or their family, and
// enterprises, for their staff, apply for a visa through the office; the office checks each
// application against the catalog's checklist for the destination and kind, takes the passports
// to the consulate in batches, records each result, and tells the applicant to collect.
#pragma once

#include "core/module.h"

namespace waishi::visa {

// The module: its migrations, the desk "visa", the case type visa_application with its rules
// and effects, the catalog of destinations and the batches with their routes, its demo.
waishi::Module Module();

}  // namespace waishi::visa
