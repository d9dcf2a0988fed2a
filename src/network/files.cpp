#include "network/files.h"

#include <cctype>
#include <stdexcept>

#include "core/auth/password.h"
#include "core/cases/engine.h"
#include "core/error.h"
#include "core/files/base64.h"
#include "core/http/params.h"
#include "core/i18n/text.h"

namespace waishi::network {

StoredPdf PreparePdf(const std::string& name, const std::string& bytes, const char* message_key) {
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
  return StoredPdf{name, static_cast<long long>(bytes.size()), auth::Sha256Hex(bytes),
                   files::ToBase64(bytes)};
}

http::Response StoredFileResponse(const std::string& name, const std::string& content_type,
                                  const std::string& base64, const std::string& what) {
  auto bytes = files::FromBase64(base64);
  if (!bytes) throw std::runtime_error(what + " is corrupt");
  http::Response response{200, content_type, std::move(*bytes), {}};
  response.headers.emplace_back("Content-Disposition", http::AttachmentDisposition(name, name));
  return response;
}

}  // namespace waishi::network
