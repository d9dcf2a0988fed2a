// The register fed from approved outbound trips: the effect the travel module's definition
// calls on approval (`safety.register_trip`), writing each member as a person of the trip's
// group and the itinerary's stops as their legs, placed by the gazetteer.
#include "core/clock.h"
#include "core/geo/places.h"
#include "core/log.h"
#include "safety/parts.h"
#include "safety/register.h"

namespace waishi::safety {
namespace {

// The itinerary's stops as legs: each city found in the gazetteer within its country (the
// most populous place of that name); a stop only changed planes in (airside transit) is not a
// stay. A city the gazetteer does not know is left out and logged (the trip form will pick
// places from the gazetteer).
std::vector<Leg> LegsOf(db::Session& tx, const cases::CaseRecord& trip) {
  std::vector<Leg> legs;
  for (const Json& stop : trip.data.value("itinerary", Json::array())) {
    if (stop.value("transit_airside", false)) continue;
    const std::string country = stop.value("country", ""), city = stop.value("city", "");
    const auto from = calendar::Date::Parse(stop.value("from", ""));
    const auto to = calendar::Date::Parse(stop.value("to", ""));
    if (!from || !to) continue;
    const auto places = geo::SearchPlaces(tx, geo::PlaceQuery{city, country, 1});
    if (places.empty()) {
      log::Warn("safety: trip " + trip.number + ": no place " + city + " in " + country +
                " in the gazetteer; that stop is not in the register");
      continue;
    }
    const geo::Place& place = places.front();
    legs.push_back(Leg{country, place.name_en, place.lat, place.lon, *from, *to});
  }
  return legs;
}

}  // namespace

void RegisterTrip(const cases::EffectCall& e) {
  const std::vector<Leg> legs = LegsOf(e.tx, e.c);
  if (legs.empty()) return;
  const std::string now = clock::NowIso();
  const Json members = e.c.data.value("members", Json::array());
  for (std::size_t i = 0; i < members.size(); ++i) {
    // The trip's number and the member's place in the list: the source's key of the person.
    const Person person{"trip",
                        e.c.number + "/" + std::to_string(i + 1),
                        members[i].value("name", ""),
                        "",
                        "",
                        e.c.number,
                        e.c.org_id};
    const long long id = PersonId(e.tx, person, now);
    for (const Leg& leg : legs) AddLeg(e.tx, id, leg);
  }
}

}  // namespace waishi::safety
