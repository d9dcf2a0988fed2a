// The visa module's pieces, for its own files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app.h"
#include "core/cases/engine.h"
#include "core/cases/registry.h"
#include "core/db/session.h"
#include "core/module.h"

namespace waishi::visa {

inline constexpr std::string_view kType = "visa_application";
inline constexpr std::string_view kDesk = "visa";

// Schemas of the API's documents: a text, and a text in both languages.
inline const Json kText = {{"type", "string"}};
inline const Json kBilingual = {
    {"type", "object"}, {"required", {"zh", "en"}}, {"properties", {{"zh", kText}, {"en", kText}}}};

// An amount in the currency's minor unit (cents, fen; whole yen).
struct Money {
  long long amount = 0;
  std::string currency;
  Json ToJson() const { return Json{{"amount", amount}, {"currency", currency}}; }
};

// A kind of visa a destination issues through the office.
struct VisaKind {
  std::string kind;     // tourism | business | family | study | work | transit
  std::string entries;  // single | double | multiple
  Money visa_fee;       // the consulate's
  Money agency_fee;     // the office's (CNY)
  int processing_days = 0;
  std::vector<std::string> documents;  // the case type's document slots it requires
};

// A destination of the catalog: the post whose district covers the province, and its kinds.
struct Destination {
  std::string country;
  std::string consulate_zh, consulate_en;
  bool sole_agency = false;
  std::string note_zh, note_en;
  std::string updated_at;
  std::vector<VisaKind> kinds;

  const VisaKind* FindKind(std::string_view kind) const;
};

// catalog.cpp: the catalog and its routes.
std::optional<Destination> LoadDestination(db::Session& s, std::string_view country);
void RegisterCatalog(App& app);

// visa.cpp: the policy's defaults and the rules the case type names.
Json DefaultPolicy();
void RegisterRules(cases::Registry& registry);

// batches.cpp: the batches to consulates and their routes. Each in the caller's write
// transaction, throwing the ApiError of a refusal (which rolls the whole batch back).
struct Result {
  long long case_id = 0;
  bool issued = false;
  Json visa;           // issued: the issue transition's data (visa_valid_from …)
  std::string reason;  // refused: what the consulate gave, if anything
};
void RegisterBatches(App& app);
long long CreateBatch(db::Session& s, const auth::Principal& who, const std::string& country,
                      const std::string& dispatch_date, const std::vector<long long>& cases);
Json SendBatch(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id);
Json RecordResults(db::Session& s, cases::Engine& engine, const auth::Principal& who, long long id,
                   const std::vector<Result>& results);

// demo.cpp
void LoadDemo(App& app, DemoContext& ctx);

}  // namespace waishi::visa
