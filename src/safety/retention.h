// Retention (PIPL art. 19: personal data kept no longer than its purpose needs): a person of the
// register is removed, with their legs and roll-call answers, once every leg of theirs ended
// more than the policy's `retention_days` ago (default 90), unless an open incident's roll call
// holds them. The audit log records how many were removed, never who.
#pragma once

#include "core/app.h"
#include "core/calendar/working_days.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::safety {

// The module's policy ("safety"): its defaults and the validator of a proposed document.
Json DefaultPolicy();
std::vector<FieldError> ValidatePolicy(const Json& policy);

struct Removed {
  long long people = 0, legs = 0;
};

// Removes, in the caller's write transaction, everyone past the policy's time on `today`
// (China's date) and appends the audit entry of the run.
Removed RemoveExpired(db::Session& tx, calendar::Date today, int retention_days);

// Module::retention: one run now, with the stored policy.
void RunRetention(App& app);

}  // namespace waishi::safety
