// Counter appointments (便民服务窗口, PRODUCT.md §2.1): applicants book a slot at one of the
// office's service counters for a working day of the calendar; the desk's staff see the day's
// list and check each person in, who gets a queue number.
#pragma once

#include "core/module.h"

namespace waishi::counter {

// The module: its migrations (the counters, their slots' load, the bookings), its routes, its
// demo.
waishi::Module Module();

}  // namespace waishi::counter
