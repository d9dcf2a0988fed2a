// Named rules a case-type definition refers to.
//
// A rule is a pure function of the case data, the case type's policy and the calendar: it
// returns the violations it finds (none means passed). Whether a violation blocks or is a
// warning an officer may override is not the rule's business: the policy says so
// (policy["severity"][rule_id], default "blocking"). Modules register their rules
// in the Registry (registry.h) at start-up.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/i18n/text.h"
#include "core/json.h"

namespace waishi::cases {

struct Violation {
  std::string
      field;  // JSON path of the field concerned, e.g. "itinerary" or "members[1].id_number"
  i18n::Text message;
};

struct RuleContext {
  const Json& data;    // the case's data, already schema-validated (types are right)
  const Json& policy;  // the case type's current policy document
  const calendar::WorkingCalendar& calendar;
  calendar::Date today;
  // What the engine knows about the case ({"case": {"id", "state", "submitted_at",
  // "deadlines"}, "owner": {"org_id", "user_id"}}) merged with the facts the case type's
  // module supplies (TypeHooks::facts) from history or reference data.
  const Json& facts;
};

using RuleFn = std::function<std::vector<Violation>(const RuleContext&)>;

struct RuleInfo {
  std::string id;
  i18n::Text label;  // what the rule checks, for the officer's rule panel
  RuleFn fn;
};

}  // namespace waishi::cases
