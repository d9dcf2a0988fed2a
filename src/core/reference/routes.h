// Reference data and small tools every client uses: the server's health and its OpenAPI
// document, the country list, the passport spelling of a Chinese name, and the holiday
// calendar the administrators maintain.
//
//   GET    /api/v1/health                  public: {"status","database","version"}; 503 if the
//                                          database does not answer
//   GET    /api/v1/openapi.json            public: the OpenAPI 3 document of every route
//   GET    /api/v1/countries               public: destinations (every ISO 3166-1 entry but CN)
//   GET    /api/v1/tools/passport-name     signed in: ?name=张昊 → {"passport_name":"ZHANG HAO"}
//   GET    /api/v1/holidays                signed in: ?year=2027 → the year's holidays and
//                                          adjusted working days
//   PUT    /api/v1/holidays/{date}         admin: insert or replace a day (audited)
//   DELETE /api/v1/holidays/{date}         admin: remove a day (audited)
//
// Register() must be called once per App; the handlers are thread-safe.
#pragma once

#include "core/app.h"

namespace waishi::reference {

void Register(App& app);

}  // namespace waishi::reference
