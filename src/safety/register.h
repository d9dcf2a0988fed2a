// The register of people abroad (table safety_people) and their itinerary legs
// (safety_legs, each filed under the grid of migration 0002): what every source
// feeding it (the CLI's import, approved trips, agencies' group lists, citizens registering)
// writes through.
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/db/bulk.h"
#include "core/db/session.h"
#include "core/json.h"

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

// The person's legs in date order as the API answers them,
// [{"country","city","lat","lon","from","to"}], and the schema of that array.
Json LegsJson(db::Session& s, long long person_id);
Json LegsSchema();

// The person, their legs and the legs' filings under the grid (retention, withdrawn consent).
void RemovePerson(db::Session& s, long long person_id);

// Many people and legs at once (an import): their ids taken ahead, the rows kept and written
// in bulk (core/db/bulk.h) — people, then legs, then the legs' filings under the grid in the
// grid's order, which writes each page of the grid once per flush instead of once per leg.
// Flushed when many rows wait; Flush() the rest before the transaction ends. While it is open
// the transaction writes the register through it alone (its ids are taken ahead).
class BulkRegister {
 public:
  BulkRegister(db::Session& s, std::string created_at);
  // The id of the person the source knows by `ref`: in the register, or added (as given).
  long long PersonId(const Person& person);
  // A leg of the person (PersonId's), filed with the group and enterprise given here.
  long long AddLeg(const Person& person, const Leg& leg);
  void Flush();
  // How many people it added to the register (not those it found there).
  long long people_added() const { return people_added_; }

 private:
  struct Filed {
    int cell, week;
    long long leg_id, person_id;
    std::string country, city, group_ref;
    long long org_id;
    double lat, lon;
    int from, to;
  };
  static constexpr std::size_t kBatch = 100'000;  // legs
  db::Session& s_;
  std::string created_at_;
  db::IdSource person_ids_, leg_ids_;
  db::BulkInsert people_, legs_, cells_;
  std::vector<Filed> filed_;
  std::set<std::string> loaded_;                      // the sources whose people known_ holds
  std::unordered_map<std::string, long long> known_;  // source "\x1f" ref → id
  long long people_added_ = 0;
};

}  // namespace waishi::safety
