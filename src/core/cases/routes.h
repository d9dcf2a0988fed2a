// The case engine's HTTP API: /api/v1/case-types, /api/v1/cases…, /api/v1/attachments/{id},
// /api/v1/policies/{name}. Handlers parse, authenticate and call Engine.
#pragma once

#include "core/app.h"

namespace waishi::cases {

void Register(App& app);

}  // namespace waishi::cases
