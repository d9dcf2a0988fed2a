// Reading case data defensively, for rules and hooks: a draft may lack any field or hold the
// wrong type where the definition's checks haven't run yet, so every accessor answers
// "absent" rather than throwing. Pure functions: thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/working_days.h"
#include "core/json.h"

namespace waishi::cases {

// The member `key` of an object, or nullptr when it is absent, null, or `object` isn't one.
const Json* Member(const Json& object, std::string_view key);
std::optional<std::string> StringAt(const Json& object, std::string_view key);
// A "YYYY-MM-DD" member that is a real date.
std::optional<calendar::Date> DateAt(const Json& object, std::string_view key);
// A member that is an array.
const Json* ListAt(const Json& object, std::string_view key);
// The path of a list item's member, as error fields name it: "members[1].id_number".
std::string ItemPath(std::string_view list, std::size_t index, std::string_view member);

}  // namespace waishi::cases
