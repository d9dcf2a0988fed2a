// Who may see a case and take its transitions: the rules the definition declares (owner,
// private states, the parent organization's reviewers, the desk's staff), the same for every
// case type. Pure functions of the principal, the type and the case: thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/auth/principal.h"
#include "core/cases/definition.h"
#include "core/cases/registry.h"
#include "core/db/session.h"

namespace waishi::cases {

// Whether `who` has a role of the type's owner's side (and, for a type kept to its desk, works
// on the desk): who may create a case of it, given the organization's kind.
bool HasOwnerRole(const auth::Principal& who, const CaseType& type);

// The owner's side: the applicant (a user-owned type) or its organization's users with an
// owner role (an organization-owned type).
bool IsOwnerSide(const auth::Principal& who, const CaseType& type, const CaseRecord& c);

// Who sees a case: its owner's side always; once out of the private states, the reviewers
// of the organization above the owner's (if the type has parent-scope transitions), the
// staff of the type's desk, and the office's auditors. No administrator (auth::kAdminRoles)
// reads a case.
bool CanSee(const auth::Principal& who, const CaseType& type, const CaseRecord& c);
// Whether who takes part in the case and so may add to it (comments, attachments): its
// owner's side, or, out of the private states, the reviewer above the owner and the desk's
// staff. Those who read every case (the auditor) read them only.
bool TakesPart(const auth::Principal& who, const CaseType& type, const CaseRecord& c);

// Whether `who` may take transition `t` on the case: role and scope (rules are not run).
bool MayTake(const auth::Principal& who, const CaseType& type, const TransitionDef& t,
             const CaseRecord& c);

// The actions `who` may take on the case in its current state: what the UI offers.
std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseType& type,
                                        const CaseRecord& c);
// The same among other transitions out of another state (a sub-record's), scoped by the case.
std::vector<std::string> AllowedActions(const auth::Principal& who, const CaseType& type,
                                        const CaseRecord& c,
                                        const std::vector<TransitionDef>& transitions,
                                        std::string_view state);

// The SQL condition (on the cases table, alias c) selecting the
// cases `who` sees among `types`; "" when they see none. `type_column` is how the condition
// names c.type: a query led by another index (a search) passes "+c.type", which keeps
// SQLite from choosing the (type, state) index and sorting every case of the type.
// `by_type_and_state`, if given, is set to whether the condition names no column but c.type
// and c.state (desk staff and readers of everything), so that it also selects rows of the
// per-type-and-state counters (case_counts, alias c).
std::string VisibleCondition(const auth::Principal& who, const std::vector<const CaseType*>& types,
                             db::Params& binds, std::string_view type_column = "c.type",
                             bool* by_type_and_state = nullptr);

}  // namespace waishi::cases
