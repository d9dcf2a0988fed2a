// Files compiled into the binary at build time (cmake/embed.cmake): the SQL migrations,
// the message catalogues and the case-type definitions, so the server runs from any
// directory. Immutable: thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace waishi {

// The bytes of the file at `path` (relative to the repository root, e.g.
// "migrations/0001_core.sql"). Throws std::out_of_range if it wasn't embedded.
std::string_view Resource(std::string_view path);

// The paths of the embedded files starting with `prefix`, sorted.
std::vector<std::string_view> ResourcesUnder(std::string_view prefix);

}  // namespace waishi
