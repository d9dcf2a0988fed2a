#include "legalization/route.h"

#include <algorithm>

namespace waishi::legalization {

Decision Decide(const Destination& d, std::string_view today) {
  const i18n::Args names = {{"country_zh", d.name_zh}, {"country_en", d.name_en}};
  // The Convention has applied in Hong Kong since 25 April 1965 and in Macao since 4 February
  // 1969, and China's notifications of 1997 and 1999 continued it (HCCH status table, cid=41).
  if (d.country == "HK" || d.country == "MO") {
    return {Route::kApostille, i18n::T("legalization.route.sar", names)};
  }
  if (!d.party_since) {
    return {Route::kLegalization, i18n::T("legalization.route.not_party", names)};
  }
  if (d.objects_to_china) {
    return {Route::kLegalization, i18n::T("legalization.route.objection", names)};
  }
  const std::string in_force = std::max(*d.party_since, std::string(kChinaParty));
  if (today < in_force) {
    return {Route::kLegalization,
            i18n::T("legalization.route.not_yet",
                    {{"country_zh", d.name_zh}, {"country_en", d.name_en}, {"date", in_force}})};
  }
  return {Route::kApostille,
          i18n::T("legalization.route.apostille",
                  {{"country_zh", d.name_zh}, {"country_en", d.name_en}, {"date", in_force}})};
}

std::string_view RouteName(Route r) {
  return r == Route::kApostille ? "apostille" : "legalization";
}

}  // namespace waishi::legalization
