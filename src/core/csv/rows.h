// An uploaded file's rows as the API answers for them: the error at a row and column, and the
// number a field holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/i18n/text.h"

namespace waishi::csv {

// The error at a row and column of an uploaded file (the header is row 1; column "" for the
// row, or the file, as a whole): field "csv", the message led by where it is ("Row 3, lat: "),
// and {"row","column"} for a client to point at the cell.
FieldError At(long long row, std::string_view column, std::string rule, const i18n::Text& what);

// The number that is the whole field, or none ("", "12a", "1e999" are none).
std::optional<double> Number(std::string_view text);

}  // namespace waishi::csv
