// The files the network keeps (an agreement's signed copy, a project's documents): PDFs judged
// by their content and their name, at most 10 MB, kept as base64 text in their row.
#pragma once

#include <string>

#include "core/http/http.h"

namespace waishi::network {

inline constexpr long long kMaxFileBytes = 10LL * 1024 * 1024;

// An upload checked and made ready to store: its name, size, SHA-256 and base64 text.
struct StoredPdf {
  std::string name;
  long long size = 0;
  std::string sha256;
  std::string base64;
};

// Checks an upload and makes it ready to store, outside any write transaction. Throws what the
// upload is refused with: 413 over 10 MB; 422 naming filename when the name is missing, too long
// or a path; 415 unsupported_file (the message `message_key`) unless the bytes are a PDF's and
// the name ends in .pdf (a PNG called .pdf is refused too).
StoredPdf PreparePdf(const std::string& name, const std::string& bytes, const char* message_key);

// The stored file as a download, byte for byte; `what` names it in the error a corrupt copy
// raises (a 500: the server's fault, logged).
http::Response StoredFileResponse(const std::string& name, const std::string& content_type,
                                  const std::string& base64, const std::string& what);

}  // namespace waishi::network
