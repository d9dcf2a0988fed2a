// The contacts in partner cities: name, office, organization, e-mail, phone and the language to
// write to them in. Personal data: every read is audited, and a contact is removed when they
// leave office.
#pragma once

#include "core/app.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::network {

void RegisterContactRoutes(App& app);

// Adds a contact (its body as POST /api/v1/network/contacts takes it, checked); its id.
long long InsertContact(db::Session& tx, const Json& body);

// The city's first three contacts, as its one-page profile lists them:
// [{"name","role","organization","email","phone"}].
Json ContactsOf(db::Session& s, long long city_id);

}  // namespace waishi::network
