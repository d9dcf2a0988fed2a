// The invitation module's pieces, for its own files.
#pragma once

#include <string>
#include <string_view>

#include "core/app.h"
#include "core/cases/registry.h"
#include "core/documents/documents.h"
#include "core/module.h"

namespace waishi::invitation {

inline constexpr std::string_view kType = "invitation_letter";
inline constexpr std::string_view kPolicy = "invitation_letter";
inline constexpr std::string_view kDesk = "invitation";
inline constexpr std::string_view kDocumentKind = "invitation";

// letter.cpp: what the letter says, from the case data (both languages).
struct LetterFacts {
  std::string number;     // 甬外邀〔2026〕0001号
  std::string issued_on;  // YYYY-MM-DD
  std::string office_zh, office_en;
  std::string verify_url;
};
documents::Content LetterContent(const Json& data, const LetterFacts& facts);
// What the public e-register shows of a letter: the inviter, the visit, the invitees' names
// and nationalities with their passport numbers masked.
Json RegisterFields(const Json& data);

// demo.cpp
void LoadDemo(App& app, DemoContext& ctx);

}  // namespace waishi::invitation
