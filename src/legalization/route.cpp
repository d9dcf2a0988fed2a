#include "legalization/route.h"

#include <algorithm>

namespace waishi::legalization {

namespace {

// The message `key`, naming the country in each language's own words.
i18n::Text Say(std::string_view key, const Destination& d, const std::string& date = "") {
  return i18n::T(key, {{"country", i18n::Text{d.name_zh, d.name_en}}, {"date", {date, date}}});
}

}  // namespace

Decision Decide(const Destination& d, std::string_view today) {
  // The Convention has applied in Hong Kong since 25 April 1965 and in Macao since 4 February
  // 1969, and China's notifications of 1997 and 1999 continued it (HCCH status table, cid=41).
  if (d.country == "HK" || d.country == "MO") {
    return {Route::kApostille, Say("legalization.route.sar", d)};
  }
  if (!d.party_since) {
    return {Route::kLegalization, Say("legalization.route.not_party", d)};
  }
  if (d.objects_to_china) {
    return {Route::kLegalization, Say("legalization.route.objection", d)};
  }
  const std::string in_force = std::max(*d.party_since, std::string(kChinaParty));
  if (today < in_force) {
    return {Route::kLegalization, Say("legalization.route.not_yet", d, in_force)};
  }
  return {Route::kApostille, Say("legalization.route.apostille", d, in_force)};
}

long long DocumentFee(const FeeSchedule& fees, Route route, long long copies, bool urgent) {
  const long long base = route == Route::kApostille ? fees.apostille : fees.authentication;
  return base + std::max(0LL, copies - 1) * fees.extra_copy + (urgent ? fees.urgent : 0);
}

std::string_view RouteName(Route r) {
  return r == Route::kApostille ? "apostille" : "legalization";
}

}  // namespace waishi::legalization
