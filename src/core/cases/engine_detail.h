// What the engine's files share among themselves (engine.cpp, subrecords.cpp); not for modules.
#pragma once

#include <string>

#include "core/cases/definition.h"
#include "core/cases/policy.h"
#include "core/cases/registry.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::cases {

// The case type's current policy ({} for a type without one).
Json PolicyOf(db::Session& s, const Policies& policies, const CaseType& type);

// The engine's facts about a case merged with its module's: its state and deadlines, the
// documents in each slot and the sub-records in each state, if the type declares them.
Json FactsOf(db::Session& s, const Registry& registry, const CaseType& type, const CaseRecord& c,
             const std::string& submitted_at, const Json& deadlines);

}  // namespace waishi::cases
