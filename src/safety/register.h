// The register of people abroad (table safety_people) and their itinerary legs
// (safety_legs, each indexed for the crisis query by migration 0001): what every source
// feeding it (the CLI's import, approved trips, agencies' group lists, citizens registering)
// writes through.
#pragma once

#include <string>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/db/session.h"

namespace waishi::safety {

struct Person {
  std::string source;  // trip | agency | voluntary | import
  std::string ref;     // the source's key of the person
  std::string name, phone, email;
  std::string group_ref;  // "" for none
  long long org_id = 0;   // 0 for none
};

struct Leg {
  std::string country;  // ISO 3166-1 alpha-2
  std::string city;
  double lat = 0, lon = 0;
  calendar::Date from, to;  // local dates, inclusive
};

// The id of the person the source knows by `ref`, added (as given) if the register has no
// such person yet; `created_at` an ISO instant.
long long PersonId(db::Session& s, const Person& person, const std::string& created_at);

// A leg of the person, filed under the grid at once; answers its id.
long long AddLeg(db::Session& s, long long person_id, const Leg& leg);

// Many legs: each written at once, filed under the grid in the grid's order when Flush()ed
// (by the caller, before the transaction ends) or when many are waiting. In that order each
// page of the grid is written once per flush; one leg at a time, a large import writes the
// same pages over and over (some 8 µs a leg instead of well under one).
class BulkLegs {
 public:
  explicit BulkLegs(db::Session& s) : s_(s) {}
  long long Add(long long person_id, const Leg& leg);
  void Flush();

 private:
  struct Filed {
    int cell, week;
    long long leg_id;
    double lat, lon;
    int from, to;
  };
  static constexpr std::size_t kBatch = 2'000'000;
  db::Session& s_;
  std::vector<Filed> waiting_;
};

}  // namespace waishi::safety
