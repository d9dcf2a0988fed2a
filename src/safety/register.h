// The register of people abroad (table safety_people) and their itinerary legs
// (safety_legs, each filed under the grid of grid.h and pack.h): what every source
// feeding it (the CLI's import, approved trips, agencies' group lists, citizens registering)
// writes through.
#pragma once

#include <array>
#include <cstdint>
#include <exception>
#include <functional>
#include <set>
#include <string>
#include <thread>
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
// As many people at once: PostgreSQL rewrites each pack their legs are filed in once for all
// of them, not once a person.
void RemovePeople(db::Session& s, const std::vector<long long>& people);

// Many people and legs at once (an import): their ids taken ahead, the rows kept and written
// in bulk (core/db/bulk.h) — people and legs when many wait, the legs' filings under the grid
// at Flush(), all of them sorted together in the grid's order, so that they are appended to the
// grid's B-tree instead of each batch of them spread over the whole of it. A leg kept for its
// filings costs some 70 bytes meanwhile; past kMaxKept legs the filings kept are written and
// the next ones sorted anew. Each batch is written on a thread of its own while the next is
// gathered: the session is lent to it meanwhile, so the caller uses the session only after
// Flush(). Flush() the rest before the transaction ends. While it is open the transaction
// writes the register through it alone (its ids are taken ahead).
class BulkRegister {
 public:
  BulkRegister(db::Session& s, std::string created_at);
  // The id of the person the source knows by `ref`: in the register, or added (as given).
  long long PersonId(const Person& person);
  // A leg of the person (PersonId's), filed with the group and enterprise given here.
  long long AddLeg(const Person& person, const Leg& leg);
  void Flush();
  // Room for about this many legs, taken now instead of doubled as they come: each doubling
  // copies what was kept into memory touched for the first time (an estimate; more than come
  // costs address space, not memory).
  void Expect(std::size_t legs);
  // How many people it added to the register (not those it found there).
  long long people_added() const { return people_added_; }

 private:
  // A leg as its filings copy it, its place and group by number (an import's legs share a few).
  struct KeptLeg {
    long long leg_id, person_id;
    double lat, lon;
    int from, to;
    std::uint32_t place;  // in places_
    std::uint32_t group;  // in groups_
  };
  // One filing of a kept leg: where it goes in the grid's order.
  struct Filing {
    int cell, week;
    std::uint32_t leg;  // in kept_, whose order is the legs' ids' order
  };
  // Rows gathered while the ones before them are written: one job at a time on a thread of its
  // own, which has the session to itself until Wait() returns (the engine's work, about as long
  // as the gathering, done on the other core).
  class Behind {
   public:
    Behind() = default;
    ~Behind();
    Behind(const Behind&) = delete;
    Behind& operator=(const Behind&) = delete;
    // Waits for the job before, then starts this one.
    void Start(std::function<void()> job);
    // Waits for the job under way, if any; throws what it threw.
    void Wait();

   private:
    std::thread thread_;
    std::exception_ptr error_;
  };
  static constexpr std::size_t kBatch = 100'000;       // legs, people: written when as many wait
  static constexpr std::size_t kMaxKept = 16'000'000;  // legs whose filings wait (~1.1 GB)
  // The people and legs gathered, written behind while the next are gathered.
  void WriteRows();
  void WriteFilings();
  // The sorted filings_ into the grid: SQLite's rows, PostgreSQL's packs (pack.h).
  void WriteCells();
  void WritePacks();
  static constexpr std::size_t kPacksABatch = 2'000;  // packs (some kB each) a COPY
  std::uint32_t PlaceNumber(const Leg& leg);
  std::uint32_t GroupNumber(const Person& person);

  db::Session& s_;
  std::string created_at_;
  db::IdSource person_ids_, leg_ids_;
  // Two of each: one gathering, the other being written behind (gathering_ says which).
  std::array<db::BulkInsert, 2> people_, legs_, cells_;
  std::size_t gathering_ = 0;
  std::vector<KeptLeg> kept_;
  std::vector<Filing> filings_;
  std::vector<std::pair<std::string, std::string>> places_;  // country, city
  std::vector<std::pair<std::string, long long>> groups_;    // group_ref, org_id ("", 0: none)
  // country "\x1f" city → its number in places_; group_ref "\x1f" org_id → in groups_
  std::unordered_map<std::string, std::uint32_t> place_numbers_, group_numbers_;
  std::string key_;                                   // the key being looked up
  std::set<std::string> loaded_;                      // the sources whose people known_ holds
  std::unordered_map<std::string, long long> known_;  // source "\x1f" ref → id
  std::string last_source_, last_ref_;                // the person PersonId() last answered
  long long last_person_ = 0;
  long long people_added_ = 0;
  Behind behind_;  // last: the job under way ends before the rows it writes are destroyed
};

}  // namespace waishi::safety
