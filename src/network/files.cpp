#include "network/files.h"

#include <cctype>

#include "core/cases/engine.h"
#include "core/error.h"
#include "core/i18n/text.h"

namespace waishi::network {

void CheckPdf(const std::string& name, const std::string& bytes, const char* message_key) {
  if (static_cast<long long>(bytes.size()) > kMaxFileBytes) {
    throw ApiError(413, "payload_too_large", i18n::T("error.payload_too_large", {{"max", "10"}}));
  }
  if (name.empty() || name.size() > 255 || name.find_first_of("/\\") != std::string::npos) {
    throw ApiError::Unprocessable({{"filename", "required", i18n::T("validation.required")}});
  }
  std::string ext =
      name.substr(name.rfind('.') == std::string::npos ? name.size() : name.rfind('.'));
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (cases::SniffContentType(bytes) != "application/pdf" || ext != ".pdf") {
    throw ApiError(415, "unsupported_file", i18n::T(message_key),
                   {{"file", "content_type", i18n::T(message_key)}});
  }
}

}  // namespace waishi::network
