// What modules register with the case engine: case types and the named code their
// definitions refer to (rules, routes, effects), the hooks of each type (summary, search
// text, facts, decorations), the office's desks and extra list filters.
//
// One Registry lives in the App. Modules fill it at start-up, then Validate() checks every
// definition against what was registered and the server refuses to start on any error.
// Afterwards it is only read: thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/db/session.h"

#include "core/auth/principal.h"
#include "core/cases/definition.h"
#include "core/cases/rule.h"
#include "core/db/database.h"
#include "core/i18n/text.h"
#include "core/json.h"
#include "core/search/search.h"

namespace waishi::cases {

// Everything a route, an effect or a hook may want to know about a case.
struct CaseRecord {
  long long id = 0;
  std::string number;
  std::string type;
  std::string state;
  long long org_id = 0;         // the owner's organization (a citizen's is the citizens' one)
  long long org_parent_id = 0;  // the organization above it (0 if none)
  long long applicant_id = 0;   // the user who created it
  Json data;
};

// Picks the target state of a transition among its `to` states.
using RouteFn =
    std::function<std::string(const CaseRecord&, const TransitionDef&, const Json& facts)>;
// What an effect is given. It runs in the transition's write transaction, after the state
// changed and the history event was written.
struct EffectCall {
  db::Session& tx;
  const CaseRecord& c;  // as the transition left it: the new state and data
  const auth::Principal& who;
  const Json& policy;          // the case type's current policy
  const std::string& comment;  // the transition's comment ("" if none)
  // A sub-record's transition: the sub-record as it left it ({"id", "kind", "state", "data"});
  // null for the case's own transitions.
  const Json* subrecord = nullptr;
};
using EffectFn = std::function<void(const EffectCall&)>;

// The kind cases are indexed under in the search index (search::Index).
inline constexpr std::string_view kSearchKind = "case";

struct TypeHooks {
  // Denormalized columns for lists: {"purpose", "destinations", "departure_date", ...}. The
  // array "destinations" (ISO 3166 codes) answers the core's ?country= filter for every type.
  std::function<Json(const Json& data)> summary;
  // What q= finds the case by (the engine adds the number, owner and applicant).
  std::function<search::Document(const Json& data)> search;
  // Facts the module knows about the case (from its own tables or reference data), merged
  // into the facts its rules and routes see.
  std::function<Json(db::Session&, const CaseRecord&)> facts;
  // Adds the module's own members to case objects (an array of the engine's case JSON,
  // each with "id" and "org"{"id"}): one call per page, so it can read its tables once.
  std::function<void(db::Session&, Json& cases)> decorate;
};

// A list filter a module adds to GET /cases (?name=value): the SQL condition on the cases
// table (alias c) for a non-empty value, with every value bound through `binds`. A malformed
// value throws ApiError::InvalidQuery naming the parameter.
struct ListFilterDef {
  std::string name;
  std::function<std::string(const std::string& value, db::Params& binds, db::Dialect dialect)>
      condition;
};

// A condition true when the JSON array summary.<key> of a case (alias c) contains the
// string bound as `bind` — json_each on SQLite, jsonb on PostgreSQL — for a list filter.
std::string SummaryArrayContains(db::Dialect dialect, const std::string& key,
                                 const std::string& bind);

struct DeskDef {
  std::string name;
  i18n::Text label;
};

class Registry {
 public:
  // With the core's own list filter: ?country=DE, the cases whose summary's "destinations"
  // holds DE, whatever their type.
  Registry();
  // Parses and adds a definition; throws DefinitionError on a malformed one.
  const CaseType& AddType(std::string_view json, TypeHooks hooks = {});
  void AddRule(std::string id, i18n::Text label, RuleFn fn);
  // A module's rules "<module>.<name>", each labelled from the catalogue key
  // "<module>.rule.<name>.label".
  using NamedRule = std::pair<std::string_view, RuleFn>;
  void AddRules(std::string_view module, std::span<const NamedRule> rules);
  void AddRoute(std::string name, RouteFn fn);
  void AddEffect(std::string name, EffectFn fn);
  void AddDesk(DeskDef desk);
  void AddListFilter(ListFilterDef filter);

  // Checks every definition's references: roles (auth::kRoles), desk, rules, routes,
  // effects, and the policy (`policy_exists`). Throws DefinitionError naming the first bad
  // definition and key.
  void Validate(const std::function<bool(std::string_view)>& policy_exists) const;

  const CaseType* FindType(std::string_view type) const;
  const TypeHooks& HooksOf(std::string_view type) const;
  std::vector<const CaseType*> Types() const;
  const RuleInfo* FindRule(std::string_view id) const;
  const RouteFn* FindRoute(std::string_view name) const;
  const EffectFn* FindEffect(std::string_view name) const;
  const DeskDef* FindDesk(std::string_view name) const;
  const std::vector<DeskDef>& Desks() const { return desks_; }
  const std::vector<ListFilterDef>& ListFilters() const { return filters_; }

 private:
  template <class T>
  using Map = std::map<std::string, T, std::less<>>;
  struct TypeEntry {
    std::unique_ptr<CaseType> type;
    TypeHooks hooks;
  };
  Map<TypeEntry> types_;
  Map<RuleInfo> rules_;
  Map<RouteFn> routes_;
  Map<EffectFn> effects_;
  std::vector<DeskDef> desks_;
  std::vector<ListFilterDef> filters_;
};

}  // namespace waishi::cases
