// The agreements with partner cities: each signed on a day, for a term or open-ended, its signed
// copy kept as a PDF; and its renewal, a named deadline the office's staff are reminded of
// `renewal_notice_days` before it expires.
#pragma once

#include "core/app.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::network {

void RegisterAgreementRoutes(App& app);

// Adds an agreement (its body as POST /api/v1/network/agreements takes it, checked); its id.
long long InsertAgreement(db::Session& tx, const Json& body);

// The daily job's part: the staff (officers and approvers) told, in their inbox and by e-mail,
// of each agreement whose renewal has come due, once.
void RemindRenewals(App& app);

}  // namespace waishi::network
