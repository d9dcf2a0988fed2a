// The audit key every unit test seals with (installed before the first test runs, by
// audit_key_test.cpp): tests that append to the audit log need one, as the server does.
#pragma once

#include "core/audit/key.h"

namespace waishi::audit::testing {

const Key& AuditKey();

}  // namespace waishi::audit::testing
