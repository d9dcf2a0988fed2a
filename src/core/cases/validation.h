// Checks case data against its type's field definitions: shape, types, lengths, enums,
// dates, countries, required fields. Semantic checks (a resident ID's check digit, a
// module's limits) are rules (rule.h), not this. Pure functions: thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/cases/definition.h"
#include "core/error.h"

namespace waishi::cases {

enum class Completeness {
  kDraft,    // what is present must be well-formed; nothing is required yet
  kComplete  // also every required field present, lists within min_items
};

// At most ApiError::kMaxDetails errors are listed, then one ("more") counting the rest.
// `writing`: the transition writing the data, whose `writes` fields may be present (and
// are required if so declared); nullptr for the owner's edits, where no field a transition
// writes may be present.
std::vector<FieldError> ValidateData(const CaseType& type, const Json& data,
                                     Completeness completeness, const TransitionDef* writing);
// The same against a list of fields (a sub-record's).
std::vector<FieldError> ValidateFields(const std::vector<FieldDef>& fields, const Json& data,
                                       Completeness completeness);

}  // namespace waishi::cases
