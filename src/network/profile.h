// GET /api/v1/network/cities/{id}/profile.pdf: a partner city on one page for a meeting.
#pragma once

#include "core/app.h"

namespace waishi::network {

void RegisterProfileRoute(App& app);

}  // namespace waishi::network
