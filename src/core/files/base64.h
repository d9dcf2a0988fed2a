// Files kept in the database beside their record (an attachment, an issued document, a signed
// agreement) are base64 text (RFC 4648, the standard alphabet, padded): portable across both
// engines, and complete in a backup.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waishi::files {

std::string ToBase64(std::string_view bytes);
// The bytes, or none when the text is not base64.
std::optional<std::string> FromBase64(std::string_view text);

}  // namespace waishi::files
