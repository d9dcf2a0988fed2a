// Reading columns out of a soci::row whatever type each engine reports for them: SQLite
// says "integer" for an INTEGER column where PostgreSQL says "long long" for BIGINT, and
// soci::row::get<T> insists on the exact type. NULL reads as 0 / "" unless asked.
#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

#include "core/json.h"

namespace waishi::db {

long long Int(const soci::row& r, std::size_t i);
std::optional<long long> OptInt(const soci::row& r, std::size_t i);
std::string Text(const soci::row& r, std::size_t i);
std::optional<std::string> OptText(const soci::row& r, std::size_t i);
double Real(const soci::row& r, std::size_t i);
bool Bool(const soci::row& r, std::size_t i);
// A JSON text column parsed (invalid JSON reads as null).
Json JsonCol(const soci::row& r, std::size_t i);
// The column as JSON: null, a number or a string.
Json AnyCol(const soci::row& r, std::size_t i);

}  // namespace waishi::db
