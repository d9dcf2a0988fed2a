// The legalization module's pieces, for its own files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/app.h"
#include "core/cases/engine.h"
#include "core/cases/registry.h"
#include "core/db/session.h"
#include "core/module.h"
#include "legalization/route.h"

namespace waishi::legalization {

inline constexpr std::string_view kType = "legalization";
inline constexpr std::string_view kDesk = "legalization";
inline constexpr std::string_view kApostilleKind = "apostille";

// legalization.cpp: the policy's defaults, and the rules the case type names.
Json DefaultPolicy();
void RegisterRules(cases::Registry& registry);
std::size_t RuleCount();

// destinations.cpp: the Convention's relation with each destination.
// The destination `country` (ISO alpha-2, upper case), or none for an unknown code.
std::optional<Destination> LoadDestination(db::Session& s, std::string_view country);
// The embassy or consulate on record for `country` (migration 0003), in each language; both
// empty when none is on record or the code is unknown.
i18n::Text LoadPost(db::Session& s, std::string_view country);
// Whether documents can be made out for use there at all: not China itself, and not Taiwan
// (documents for use across the Strait go through the notaries' own channel).
bool IsServed(std::string_view country);
void RegisterDestinations(App& app);
// batches.cpp: the batches to embassies and their routes. Each in the caller's write
// transaction, throwing the ApiError of a refusal (which rolls the whole batch back).
void RegisterBatches(App& app);
// `post`: the embassy or consulate as the desk names it; none: the one on record for `country`
// (a refusal naming `post` when there is none).
long long CreateBatch(db::Session& s, const auth::Principal& who, const std::string& country,
                      const std::optional<std::string>& post,
                      const std::vector<long long>& documents);
Json SendBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id);
// `refused`: the documents the embassy refused, with its reason; the others are legalized.
Json ReturnBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id,
                 const std::vector<std::pair<long long, std::string>>& refused);

// apostille.cpp: the effect of the "apostille" move of a document.
void IssueApostille(const App& app, const cases::EffectCall& e);

// demo.cpp
void LoadDemo(App& app, DemoContext& ctx);

}  // namespace waishi::legalization
