// Invitations of foreigners to China (外国人来华邀请函, PRODUCT.md §2.1.4): an enterprise asks
// the office for a letter inviting foreign visitors; the office reviews it and issues a
// numbered, signed PDF that the visitors show at a Chinese consulate, which verifies it at
// the public e-register (GET /api/v1/verify/invitation).
#pragma once

#include "core/module.h"

namespace waishi::invitation {

// The module: its migrations, the desk "invitation", the case type invitation_letter with its
// rules, effects (issuing and revoking the letter) and hooks, its document kind, its demo.
waishi::Module Module();

}  // namespace waishi::invitation
