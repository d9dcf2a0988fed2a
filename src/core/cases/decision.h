// A transition decided without touching the database: given the case as stored, the
// request, the policy, the calendar and the facts, either the refusal (an ApiError) or
// everything the transition will write — the target state, the data with the fields the
// transition declares, the officer's overrides, the deadlines it starts and meets. The
// engine applies a Decision in a write transaction (engine.h); a module may decide and
// apply many cases in one of its own (a batch). Pure: thread-safe, unit-tested by table.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/principal.h"
#include "core/calendar/working_days.h"
#include "core/cases/definition.h"
#include "core/cases/registry.h"
#include "core/json.h"

namespace waishi::cases {

struct TransitionRequest {
  std::string action;
  std::string comment;
  Json override_reasons = Json::object();  // rule id → reason
  Json data = nullptr;                     // fields the transition writes
};

// A deadline as stored on the case.
struct DeadlineState {
  std::string due_date;  // YYYY-MM-DD
  bool met = false;
};

struct DecisionInput {
  const Registry& registry;  // rules and routes
  const CaseType& type;
  const CaseRecord& record;  // the case as stored
  const auth::Principal& who;
  const Json& policy;
  const calendar::WorkingCalendar& calendar;
  calendar::Date today;  // in China
  const Json& facts;
  const std::map<std::string, DeadlineState>& deadlines;
};

struct DeadlineChange {
  enum class Kind { kStart, kMet };
  std::string name;
  Kind kind = Kind::kStart;
  std::string due_date;  // kStart: the new due date
  bool late = false;     // kMet: met after its due date
};

struct Decision {
  const TransitionDef* transition = nullptr;
  std::string from, target;
  Json data;                        // the case data after the transition
  Json overrides = Json::object();  // rule → the officer's reason
  Json warnings = Json::array();    // warning rules that failed, recorded
  std::vector<DeadlineChange> deadlines;
  std::optional<std::string> due_date;  // of the deadline running in `target`, if any
  bool submits = false;                 // leaves an editable state
  bool decides = false;                 // enters a decision state
};

// The result of one rule on some data.
struct Check {
  std::string rule;
  i18n::Text label;
  std::string severity;  // blocking | warning
  std::vector<Violation> violations;
};

// Decides the transition `request` asks for. Throws ApiError: 422 `validation_failed` (field
// action, rule enum) for an action the type doesn't have; 409 `invalid_state` when it is
// not possible from the current state; 403 `forbidden_action` when `who` may not take it;
// 422 `rules_failed` for a missing comment, fields it may not write, incomplete data,
// blocking rules, or warnings an office decision did not override with a reason.
Decision Decide(const DecisionInput& in, const TransitionRequest& request);

// "“approve” is not possible in the state “Draft”", the state named by its label in each
// language (`state` itself when the definition has no such state).
i18n::Text InvalidStateText(const StateDef* def, std::string_view state, std::string_view action);

// Runs the named rules; a name no module registered is a logic error (Registry::Validate
// refuses such a definition at start-up).
std::vector<Check> RunRules(const Registry& registry, const std::vector<std::string>& rule_ids,
                            const Json& data, const Json& policy,
                            const calendar::WorkingCalendar& calendar, calendar::Date today,
                            const Json& facts);
Json ChecksJson(const std::vector<Check>& checks);

// The due date of `deadline` started on `today` for a case with `data`.
calendar::Date DueDate(const DeadlineDef& deadline, const Json& data, const Json& policy,
                       const calendar::WorkingCalendar& calendar, calendar::Date today);

}  // namespace waishi::cases
