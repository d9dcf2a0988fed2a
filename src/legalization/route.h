// Which route a public document takes to be used in a destination: an apostille, or the
// consular legalization chain (the office authenticates, the destination's embassy or
// consulate legalizes).
//
// China has been party to the Apostille Convention (HCCH, 5 October 1961) since 7 November
// 2023. The Convention applies between China and another party from the later of their two
// dates of entry into force, unless that party objected to China's accession (Art. 12: the
// Convention then does not enter into force between them). Hong Kong and Macao take
// apostilles: the Convention has applied there since before their return.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/i18n/text.h"

namespace waishi::legalization {

inline constexpr std::string_view kChinaParty = "2023-11-07";

// What the reference data says of one destination (a row of legalization_destinations).
struct Destination {
  std::string country;                     // ISO 3166-1 alpha-2
  std::string name_zh, name_en;            // the country's names
  std::optional<std::string> party_since;  // entry into force for it; none: not a party
  bool objects_to_china = false;
};

enum class Route { kApostille, kLegalization };

struct Decision {
  Route route = Route::kLegalization;
  i18n::Text reason;  // said to the applicant, both languages
};

// The route for a document to be used in `d`, as of `today` (YYYY-MM-DD).
Decision Decide(const Destination& d, std::string_view today);

std::string_view RouteName(Route r);  // "apostille" | "legalization"

// The office's fee schedule (the legalization policy's "fees"), each in fen: a document's
// apostille or authentication, each copy after the first, and the urgent service.
struct FeeSchedule {
  long long apostille = 0, authentication = 0, extra_copy = 0, urgent = 0;
};

// What one document costs: its route's fee, the copies after the first, and the urgent
// service if asked for. In fen.
long long DocumentFee(const FeeSchedule& fees, Route route, long long copies, bool urgent);

}  // namespace waishi::legalization
