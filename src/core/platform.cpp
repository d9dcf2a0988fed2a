#include "core/platform.h"

#include "core/audit/audit.h"
#include "core/auth/accounts.h"
#include "core/auth/auth.h"
#include "core/cases/routes.h"
#include "core/documents/documents.h"
#include "core/geo/places.h"
#include "core/notify/notify.h"
#include "core/reference/routes.h"

namespace waishi::platform {

Module Core() {
  Module m;
  m.name = "core";
  m.migrations = "migrations/core/";
  m.setup = [](App& app) {
    auth::Register(app);
    accounts::Register(app);
    audit::Register(app);
    reference::Register(app);
    cases::Register(app);
    notify::Register(app);
    documents::Register(app);
    geo::Register(app);
  };
  m.commands.push_back(geo::LoadCommand());
  return m;
}

}  // namespace waishi::platform
