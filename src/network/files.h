// The files the network keeps (an agreement's signed copy, a project's documents): PDFs judged
// by their content and their name, at most 10 MB, kept as base64 text in their row.
#pragma once

#include <string>

namespace waishi::network {

inline constexpr long long kMaxFileBytes = 10LL * 1024 * 1024;

// Throws what the upload is refused with: 413 over 10 MB; 422 naming filename when the name is
// missing, too long or a path; 415 unsupported_file (the message `message_key`) unless the bytes
// are a PDF's and the name ends in .pdf (a PNG called .pdf is refused too).
void CheckPdf(const std::string& name, const std::string& bytes, const char* message_key);

}  // namespace waishi::network
