// Consular protection and assistance (领事保护与协助, PRODUCT.md §2.1.6): a citizen abroad in
// difficulty — from the duty hotline, online, a partner department, a visit, or a "need help"
// answered in a safety roll call — becomes a case of the consular desk: a priority, the person
// and where they are, handed to the mission abroad or the department that can help, closed
// with its outcome. The office owns these cases; only the desk's staff see them.
#pragma once

#include "core/module.h"

namespace waishi::consular {

// The case type a module opens a request for assistance as (the safety module's roll call).
inline constexpr const char* kCaseType = "consular_assistance";

// The module: the desk "consular", the case type consular_assistance with its hooks, its demo.
waishi::Module Module();

}  // namespace waishi::consular
