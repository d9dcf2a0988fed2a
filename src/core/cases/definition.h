// Case types declared as data.
//
// A case type is a JSON definition (src/<module>/<type>.json, compiled into the binary):
// who owns a case of it (a user or an organization) and who on the owner's side may act;
// the desk of the office that handles it; its fields with their validation; its states; the
// transitions between them with the roles, the scope and the fields each may write; its named
// deadlines; the pattern of its case numbers. What needs code is referred to by name and
// registered by the module in the Registry (registry.h): rules, routes that pick a
// transition's target state, effects run after a transition, facts for the rules, and the
// summary and search text of a case. Parsed once at start-up; read-only afterwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/text.h"
#include "core/json.h"

namespace waishi::cases {

struct FieldDef {
  std::string name;
  // text | date | number | integer | boolean | enum | country | money | object | list
  std::string type;
  bool required = false;
  std::optional<long long> min_length, max_length, min_items, max_items;
  std::optional<double> min, max;
  std::string format;                // "" | resident_id | uscc | mrz_td3 (the web fills siblings)
  std::vector<std::string> options;  // enum values
  std::vector<std::string> currencies;  // money: the ISO 4217 codes accepted (empty: CNY)
  std::vector<FieldDef> fields;         // object members, or list item members
  bool transition_only = false;  // written only by the transitions that declare it (`writes`)
};

struct StateDef {
  std::string name;
  i18n::Text label;
  bool terminal = false;
  bool decision = false;  // entering it decides the case (sets decided_at)
};

// Who takes a transition, besides the role.
enum class Scope {
  kOwner,   // the owner's side: the applicant (user-owned) or its organization's users
  kParent,  // reviewers of the organization above the owner's (a district, a department)
  kDesk,    // office staff of the case type's desk
  kAny      // whoever sees the case
};

struct TransitionDef {
  std::string action;
  std::vector<std::string> from;
  std::vector<std::string> to;  // one, or several a route chooses from
  std::string route;            // named route function when `to` has several states
  Scope scope = Scope::kAny;
  std::vector<std::string> roles;
  std::vector<std::string> rules;
  std::vector<std::string> effects;
  bool comment_required = false;
  std::vector<std::string> writes;  // the data fields this transition may set, and only these
  i18n::Text label;

  bool Writes(std::string_view field) const;
};

// A named clock: set when it starts, running while the case is in one of `runs_in` (a case
// past its due date there is overdue), met when the case leaves those states.
struct DeadlineDef {
  enum class Unit { kWorkingDays, kDays, kMonths };
  std::string name;
  i18n::Text label;
  std::vector<std::string> runs_in;
  // The actions whose transition (re)starts it; empty: entering `runs_in` from outside.
  std::vector<std::string> start_on;
  long long length = 0;
  std::string length_policy;  // a policy key whose value, when present, replaces `length`
  Unit unit = Unit::kWorkingDays;
  std::string from_field;  // count from this date field of the data; "" = the day it starts
};

// A slot for attachments of one kind (a passport copy, the invitation letter): uploads name
// their kind; a transition listed in `required_for` refuses a case without one.
struct DocumentSlotDef {
  std::string kind;
  i18n::Text label;
  std::vector<std::string> required_for;  // actions
};

// A kind of sub-record: many per case (each document of a legalization case, each economy's
// pre-clearance of an ABTC case), each with its data and its own small state machine.
struct SubrecordDef {
  std::string kind;
  i18n::Text label;
  std::vector<FieldDef> fields;
  std::vector<StateDef> states;  // the first is where a new one starts
  std::vector<TransitionDef> transitions;
  // Who adds one, and in which states of the case.
  Scope add_scope = Scope::kOwner;
  std::vector<std::string> add_roles;
  std::vector<std::string> add_in_states;

  const StateDef* FindState(std::string_view name) const;
  const TransitionDef* FindTransition(std::string_view action, std::string_view state) const;
};

struct OwnerDef {
  enum class Kind { kUser, kOrganization };
  Kind kind = Kind::kOrganization;
  std::vector<std::string> org_kinds;  // organization-owned: the kinds that may own one
  std::vector<std::string> roles;      // who on the owner's side creates, sees and edits
  // States only the owner's side sees (a draft is nobody else's business).
  std::vector<std::string> private_states;
  // User-owned: the kinds of organization whose users share their colleagues' cases, e.g.
  // ["enterprise"]: an enterprise applying for its staff (a citizen's stay their own).
  std::vector<std::string> shared_within;
  // Organization-owned by the office: only the staff of the type's desk are its owner's side
  // (the office's own files, kept from its other desks).
  bool desk_only = false;
};

struct CaseType {
  std::string type;
  i18n::Text label;
  OwnerDef owner;
  std::string desk;
  std::string policy;
  // The case number: {year} (China's calendar year of creation) and {seq:N} (the type's
  // counter for that year, N digits), e.g. "甬外邀〔{year}〕{seq:4}号".
  std::string numbering;
  std::vector<FieldDef> fields;
  std::vector<StateDef> states;
  std::vector<std::string> editable_states;
  std::vector<TransitionDef> transitions;
  std::vector<DeadlineDef> deadlines;
  std::vector<DocumentSlotDef> documents;
  std::vector<SubrecordDef> subrecords;
  Json definition;  // the document as written, served to the UI

  // Derived at parsing: the roles of the desk-scope transitions (the desk's staff who work
  // the queue and may be assigned), and whether any transition is the parent's to take.
  std::vector<std::string> desk_roles;
  bool parent_reviews = false;

  const StateDef* FindState(std::string_view name) const;
  // The transition for `action` out of `state`, or nullptr.
  const TransitionDef* FindTransition(std::string_view action, std::string_view state) const;
  bool HasAction(std::string_view action) const;
  bool IsEditable(std::string_view state) const;
  bool IsPrivate(std::string_view state) const;
  // The deadline running in `state`, or nullptr.
  const DeadlineDef* RunningIn(std::string_view state) const;
  // Every rule any transition runs (the case's, then its sub-records'), in first-use order.
  std::vector<std::string> AllRules() const;
  const DocumentSlotDef* FindDocument(std::string_view kind) const;
  const SubrecordDef* FindSubrecord(std::string_view kind) const;
};

// The distinct actions of `transitions`, in order, joined by ", " (for an "enum" error).
std::string ActionNames(const std::vector<TransitionDef>& transitions);

// Parses a definition. Throws DefinitionError naming the type and the key for anything
// malformed in itself (unknown state, field type, scope, unit ...); references to what
// modules register (roles, desks, rules, routes, effects, policies) are checked by
// Registry::Validate once every module registered.
CaseType ParseCaseType(std::string_view json);

// A definition the server refuses to start with.
class DefinitionError : public std::runtime_error {
 public:
  DefinitionError(const std::string& type, const std::string& key, const std::string& what)
      : std::runtime_error("case type " + (type.empty() ? std::string("?") : type) + ", " + key +
                           ": " + what) {}
};

// A case number from the pattern, e.g. NumberFor("OT-{year}-{seq:6}", 2026, 42) →
// "OT-2026-000042". Throws DefinitionError for an unknown placeholder.
std::string NumberFor(std::string_view pattern, int year, long long seq);

}  // namespace waishi::cases
