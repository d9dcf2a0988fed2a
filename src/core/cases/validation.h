// Checks case data against its type's field definitions: shape, types, lengths, enums,
// dates, countries, required fields. Semantic checks (a resident ID's check digit, the
// travel limits) are rules (rule.h), not this. Pure functions: thread-safe.
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

// `stage`: fields of this data_stage may be present ("" allows none of the staged fields).
std::vector<FieldError> ValidateData(const CaseType& type, const Json& data,
                                     Completeness completeness, std::string_view stage);

}  // namespace waishi::cases
