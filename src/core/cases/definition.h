// Case types declared as data.
//
// A case type is a JSON definition (src/<module>/<type>.json, compiled into the binary):
// its fields with their validation, its states, the transitions between them with the
// roles and scope allowed, the SLA in working days and the named rules each transition
// runs. What needs code is referred to by name and registered by the module: rules
// (rule.h), routes that pick a transition's target state, effects run after a transition,
// and the summary and search text of a case. Registration happens at start-up; afterwards
// everything here is read-only and thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/auth/principal.h"
#include "core/i18n/text.h"
#include "core/json.h"

namespace waishi::cases {

struct FieldDef {
  std::string name;
  std::string type;  // text | date | number | integer | boolean | enum | country | object | list
  bool required = false;
  std::optional<long long> min_length, max_length, min_items, max_items;
  std::optional<double> min, max;
  std::string format;                // "" | resident_id | uscc
  std::vector<std::string> options;  // enum values
  std::vector<FieldDef> fields;      // object members, or list item members
  std::string stage;                 // "" or a transition's data_stage that alone sets it
};

struct StateDef {
  std::string name;
  i18n::Text label;
  bool terminal = false;
  bool decision = false;  // entering it decides the case (sets decided_at)
  std::string clock;      // "" | "sla" (due_date runs) | "report" (report_due_date runs)
};

struct TransitionDef {
  std::string action;
  std::vector<std::string> from;
  std::vector<std::string> to;  // one, or several a route chooses from
  std::string route;            // named route function when `to` has several states
  // Who, besides the role: applicant (the case's organization), district (reviewer of the
  // applicant's district), office (the office's staff), any (whoever sees the case).
  std::string scope;
  std::vector<std::string> roles;
  std::vector<std::string> rules;
  std::vector<std::string> effects;
  bool comment_required = false;
  std::string data_stage;  // fields of this stage may be sent with the transition
  i18n::Text label;
};

struct CaseType {
  std::string type;
  std::string number_prefix;
  i18n::Text label;
  std::vector<std::string> applicant_org_kinds;
  std::vector<std::string> create_roles;
  int sla_working_days = 0;
  std::string policy;
  std::vector<FieldDef> fields;
  std::vector<StateDef> states;
  std::vector<std::string> editable_states;
  std::vector<TransitionDef> transitions;
  Json definition;  // the document as written, served to the UI

  const StateDef* FindState(std::string_view name) const;
  // The transition for `action` out of `state`, or nullptr.
  const TransitionDef* FindTransition(std::string_view action, std::string_view state) const;
  bool HasAction(std::string_view action) const;
  bool IsEditable(std::string_view state) const;
  // Every rule any transition runs, in first-use order.
  std::vector<std::string> AllRules() const;
};

// Everything a route, an effect or a hook may want to know about a case.
struct CaseRecord {
  long long id = 0;
  std::string number;
  std::string type;
  std::string state;
  long long org_id = 0;
  long long org_parent_id = 0;
  bool org_direct_report = false;
  long long applicant_id = 0;
  Json data;
};

// Picks the target state of a transition among its `to` states.
using RouteFn = std::function<std::string(const CaseRecord&, const TransitionDef&)>;
// Runs in the transition's write transaction, after the state changed.
using EffectFn = std::function<void(soci::session&, const CaseRecord&, const auth::Principal&,
                                    const Json& policy)>;

struct TypeHooks {
  // Denormalized columns for lists: {"purpose", "countries", "departure_date", ...}.
  std::function<Json(const Json& data)> summary;
  // The text q= searches (already lower-cased by the engine).
  std::function<std::string(const Json& data)> search_text;
};

// Parses and registers a definition; throws std::invalid_argument on a malformed one.
const CaseType& RegisterCaseType(std::string_view json, TypeHooks hooks);
const CaseType* FindCaseType(std::string_view type);
const TypeHooks& HooksOf(std::string_view type);
std::vector<const CaseType*> AllCaseTypes();

void RegisterRoute(std::string name, RouteFn fn);
const RouteFn* FindRoute(std::string_view name);
void RegisterEffect(std::string name, EffectFn fn);
const EffectFn* FindEffect(std::string_view name);

}  // namespace waishi::cases
