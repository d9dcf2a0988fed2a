// Named rules a case-type definition refers to.
//
// A rule is a pure function of the case data, the case type's policy and the calendar: it
// returns the violations it finds (none means passed). Whether a violation blocks or is a
// warning an officer may override is not the rule's business: the policy says so
// (policy["severity"][rule_id], default "blocking"). Rules are registered once at start-up
// by their module (before any request) and only read afterwards.
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
  const Json& facts;  // facts about the applicant and the case the engine supplies:
                      // {"org": {...}, "case": {"state", "submitted_at", ...}, "reported_at"}
};

using RuleFn = std::function<std::vector<Violation>(const RuleContext&)>;

struct RuleInfo {
  std::string id;
  i18n::Text label;  // what the rule checks, for the officer's rule panel
  RuleFn fn;
};

// Registers a rule; a second rule with the same id replaces the first (for tests).
void RegisterRule(std::string id, i18n::Text label, RuleFn fn);
// The rule, or nullptr.
const RuleInfo* FindRule(std::string_view id);

}  // namespace waishi::cases
