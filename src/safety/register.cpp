#include "safety/register.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "core/log.h"
#include "safety/grid.h"
#include "safety/pack.h"

namespace waishi::safety {
namespace {

constexpr const char* kFindPerson = "SELECT id FROM safety_people WHERE source = :s AND ref = :r";
constexpr const char* kAddPerson = R"(
  INSERT INTO safety_people (source, ref, name, phone, email, group_ref, org_id, created_at)
  VALUES (:s, :r, :n, :p, :e, :g, :o, :a))";
constexpr const char* kAddLeg = R"(
  INSERT INTO safety_legs (person_id, country, city, lat, lon, from_day, to_day)
  VALUES (:p, :c, :ci, :la, :lo, :f, :t))";
constexpr const char* kFile = R"(
  INSERT INTO safety_leg_cells (cell, week, leg_id, person_id, country, city, group_ref, org_id,
                                lat, lon, from_day, to_day)
  VALUES (:c, :w, :l, :p, :co, :ci, :g, :o, :la, :lo, :f, :t))";
// PostgreSQL: a filing added to its pack (pack.h), the pack made if it is the first.
constexpr const char* kPackAdd = R"(
  INSERT INTO safety_leg_packs (cell, week, bucket, filings) VALUES (:c, :w, :b, decode(:f, 'hex'))
  ON CONFLICT (cell, week, bucket)
  DO UPDATE SET filings = safety_leg_packs.filings || EXCLUDED.filings)";
constexpr const char* kGroupOf = "SELECT group_ref, org_id FROM safety_people WHERE id = :p";
constexpr const char* kFiledLegsOf =
    "SELECT id, lat, lon, from_day, to_day FROM safety_legs WHERE person_id = :p";
constexpr const char* kUnfile =
    "DELETE FROM safety_leg_cells WHERE cell = :c AND week = :w AND leg_id = :l";
// PostgreSQL: one pack read whole, written again without some of its legs, or dropped.
constexpr const char* kReadPack =
    "SELECT filings FROM safety_leg_packs WHERE cell = :c AND week = :w AND bucket = :b";
constexpr const char* kRewritePack =
    "UPDATE safety_leg_packs SET filings = decode(:f, 'hex') "
    "WHERE cell = :c AND week = :w AND bucket = :b";
constexpr const char* kDropPack =
    "DELETE FROM safety_leg_packs WHERE cell = :c AND week = :w AND bucket = :b";
// PostgreSQL: the packs of a bulk, written to safety_packs_added, each appended to the pack
// already filed under its key or filed as the first.
constexpr const char* kAddedPacks =
    "CREATE TEMP TABLE IF NOT EXISTS safety_packs_added "
    "(cell INTEGER, week INTEGER, bucket INTEGER, filings BYTEA) ON COMMIT DROP";
constexpr const char* kAppendAddedPacks = R"(
  INSERT INTO safety_leg_packs (cell, week, bucket, filings)
  SELECT cell, week, bucket, filings FROM safety_packs_added
  ON CONFLICT (cell, week, bucket)
  DO UPDATE SET filings = safety_leg_packs.filings || EXCLUDED.filings)";

}  // namespace

long long PersonId(db::Session& s, const Person& p, const std::string& created_at) {
  if (const auto id = s.Int(kFindPerson, {{"s", p.source}, {"r", p.ref}})) return *id;
  return s.Insert(kAddPerson, {{"s", p.source},
                               {"r", p.ref},
                               {"n", p.name},
                               {"p", p.phone},
                               {"e", p.email},
                               {"g", db::OrNull(p.group_ref)},
                               {"o", db::OrNull(p.org_id)},
                               {"a", created_at}});
}

namespace {

long long InsertLeg(db::Session& s, long long person_id, const Leg& leg) {
  return s.Insert(kAddLeg, {{"p", person_id},
                            {"c", leg.country},
                            {"ci", leg.city},
                            {"la", leg.lat},
                            {"lo", leg.lon},
                            {"f", leg.from.days()},
                            {"t", leg.to.days()}});
}

// Calls fn(cell, week) for each week of the leg's dates, in the leg's cell.
template <class F>
void ForEachFiling(const Leg& leg, F&& fn) {
  const int cell = grid::Cell(leg.lat, leg.lon);
  for (int week = grid::Week(leg.from.days()); week <= grid::Week(leg.to.days()); ++week)
    fn(cell, week);
}

}  // namespace

long long AddLeg(db::Session& s, long long person_id, const Leg& leg) {
  const long long id = InsertLeg(s, person_id, leg);
  std::optional<std::string> group;
  std::optional<long long> org;
  s.Query(kGroupOf, {{"p", person_id}}, [&](const db::Row& r) {
    group = db::OptText(r, 0);
    org = db::OptInt(r, 1);
  });
  const bool packed = s.dialect() != db::Dialect::kSqlite;
  ForEachFiling(leg, [&](int cell, int week) {
    if (packed) {
      std::string filing;
      pack::Append(filing, {id, person_id, org.value_or(0), leg.lat, leg.lon, leg.from.days(),
                            leg.to.days(), leg.country, leg.city, group.value_or("")});
      s.Exec(kPackAdd,
             {{"c", cell}, {"w", week}, {"b", pack::Bucket(id)}, {"f", pack::Hex(filing)}});
      return;
    }
    s.Exec(kFile, {{"c", cell},
                   {"w", week},
                   {"l", id},
                   {"p", person_id},
                   {"co", leg.country},
                   {"ci", leg.city},
                   {"g", group},
                   {"o", org},
                   {"la", leg.lat},
                   {"lo", leg.lon},
                   {"f", leg.from.days()},
                   {"t", leg.to.days()}});
  });
  return id;
}

namespace {

db::BulkInsert PeopleRows(db::Session& s) {
  return db::BulkInsert(
      s, "safety_people",
      {"id", "source", "ref", "name", "phone", "email", "group_ref", "org_id", "created_at"});
}

db::BulkInsert LegRows(db::Session& s) {
  return db::BulkInsert(s, "safety_legs",
                        {"id", "person_id", "country", "city", "lat", "lon", "from_day", "to_day"});
}

db::BulkInsert CellRows(db::Session& s) {
  return db::BulkInsert(s, "safety_leg_cells",
                        {"cell", "week", "leg_id", "person_id", "country", "city", "group_ref",
                         "org_id", "lat", "lon", "from_day", "to_day"});
}

}  // namespace

BulkRegister::Behind::~Behind() {
  if (thread_.joinable()) thread_.join();
  // Only when the caller is already failing (it waits for its last job otherwise): its error
  // is the one reported, this one logged.
  if (error_) {
    try {
      std::rethrow_exception(error_);
    } catch (const std::exception& e) {
      log::Error(std::string("bulk register: a write behind failed too: ") + e.what());
    }
  }
}

void BulkRegister::Behind::Start(std::function<void()> job) {
  Wait();
  thread_ = std::thread([this, job = std::move(job)] {
    try {
      job();
    } catch (...) {
      error_ = std::current_exception();
    }
  });
}

void BulkRegister::Behind::Wait() {
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

BulkRegister::BulkRegister(db::Session& s, std::string created_at)
    : s_(s),
      created_at_(std::move(created_at)),
      person_ids_(s, "safety_people"),
      leg_ids_(s, "safety_legs"),
      people_{PeopleRows(s), PeopleRows(s)},
      legs_{LegRows(s), LegRows(s)},
      cells_{CellRows(s), CellRows(s)} {
  person_ids_.Reserve(kBatch);
  leg_ids_.Reserve(kBatch);
}

Json LegsJson(db::Session& s, long long person_id) {
  Json legs = Json::array();
  s.Query(
      "SELECT country, city, lat, lon, from_day, to_day FROM safety_legs WHERE person_id = :p "
      "ORDER BY from_day, id",
      {{"p", person_id}}, [&](const db::Row& r) {
        legs.push_back(
            {{"country", db::Text(r, 0)},
             {"city", db::Text(r, 1)},
             {"lat", db::Real(r, 2)},
             {"lon", db::Real(r, 3)},
             {"from", calendar::Date::FromDays(static_cast<int>(db::Int(r, 4))).ToString()},
             {"to", calendar::Date::FromDays(static_cast<int>(db::Int(r, 5))).ToString()}});
      });
  return legs;
}

Json LegsSchema() {
  const Json text = {{"type", "string"}};
  const Json number = {{"type", "number"}};
  const Json date = {{"type", "string"}, {"format", "date"}};
  return Json{{"type", "array"},
              {"items",
               {{"type", "object"},
                {"required", {"country", "city", "lat", "lon", "from", "to"}},
                {"properties",
                 {{"country", text},
                  {"city", text},
                  {"lat", number},
                  {"lon", number},
                  {"from", date},
                  {"to", date}}}}}};
}

namespace {

// Cell, week and bucket → the legs to take out of that pack.
using PackEdits = std::map<std::tuple<int, int, int>, std::set<long long>>;

// PostgreSQL: each pack written again without the legs (dropped when nothing is left in it).
// Read, then written, in the one write transaction that holds the database's write lock
// (Database::Write): no other writer changes the pack in between.
void Unpack(db::Session& s, const PackEdits& edits) {
  db::FastQuery read(s, kReadPack);
  for (const auto& [key, legs] : edits) {
    const auto& [cell, week, bucket] = key;
    db::Params where{{"c", cell}, {"w", week}, {"b", bucket}};
    std::string kept;
    bool changed = false;
    read.Run(where, [&](const db::FastQuery::Row& r) {
      pack::Reader filings(r.Blob(0));
      for (pack::Filing f; filings.Next(f);) {
        if (legs.contains(f.leg_id)) {
          changed = true;
        } else {
          pack::Append(kept, f);
        }
      }
    });
    if (!changed) continue;
    if (kept.empty()) {
      s.Exec(kDropPack, where);
    } else {
      where.push_back({"f", pack::Hex(kept)});
      s.Exec(kRewritePack, where);
    }
  }
}

}  // namespace

void RemovePeople(db::Session& s, const std::vector<long long>& people) {
  const bool packed = s.dialect() != db::Dialect::kSqlite;
  // PostgreSQL: every pack the people's legs are filed in is rewritten once, for all of them.
  PackEdits packs;
  for (const long long person_id : people) {
    s.Query(kFiledLegsOf, {{"p", person_id}}, [&](const db::Row& r) {
      const long long id = db::Int(r, 0);
      const Leg leg{"",
                    "",
                    db::Real(r, 1),
                    db::Real(r, 2),
                    calendar::Date::FromDays(static_cast<int>(db::Int(r, 3))),
                    calendar::Date::FromDays(static_cast<int>(db::Int(r, 4)))};
      ForEachFiling(leg, [&](int cell, int week) {
        if (packed) {
          packs[{cell, week, pack::Bucket(id)}].insert(id);
        } else {
          s.Exec(kUnfile, {{"c", cell}, {"w", week}, {"l", id}});
        }
      });
    });
    s.Exec("DELETE FROM safety_legs WHERE person_id = :p", {{"p", person_id}});
    s.Exec("DELETE FROM safety_people WHERE id = :p", {{"p", person_id}});
  }
  if (packed) Unpack(s, packs);
}

void RemovePerson(db::Session& s, long long person_id) { RemovePeople(s, {person_id}); }

long long BulkRegister::PersonId(const Person& p) {
  // Everyone the register knows from a source, read once when the source first comes: a
  // lookup a person would cost more. Keyed by source and ref (people of this batch included).
  if (loaded_.insert(p.source).second) {
    behind_.Wait();  // the session this thread's again
    s_.Query("SELECT ref, id FROM safety_people WHERE source = :s", {{"s", p.source}},
             [&](const db::Row& r) {
               known_.emplace(p.source + '\x1f' + db::Text(r, 0), db::Int(r, 1));
             });
  }
  // An import's legs of one person come one after the other: the last person's id is reused
  // without a lookup.
  if (last_person_ != 0 && p.ref == last_ref_ && p.source == last_source_) return last_person_;
  key_.assign(p.source).append(1, '\x1f').append(p.ref);
  auto [it, added] = known_.try_emplace(key_, 0);
  last_source_ = p.source;
  last_ref_ = p.ref;
  if (!added) return last_person_ = it->second;
  // No more people than kBatch a batch either (the ids reserved), people without legs included.
  if (people_[gathering_].waiting() >= kBatch) WriteRows();
  last_person_ = it->second = person_ids_.Next();
  ++people_added_;
  people_[gathering_].Add(it->second, p.source, p.ref, p.name, p.phone, p.email,
                          p.group_ref.empty() ? std::nullopt : std::optional(p.group_ref),
                          p.org_id == 0 ? std::nullopt : std::optional(p.org_id), created_at_);
  return it->second;
}

long long BulkRegister::AddLeg(const Person& person, const Leg& leg) {
  const long long person_id = PersonId(person);
  const long long id = leg_ids_.Next();
  legs_[gathering_].Add(id, person_id, leg.country, leg.city, leg.lat, leg.lon, leg.from.days(),
                        leg.to.days());
  const auto number = static_cast<std::uint32_t>(kept_.size());
  kept_.push_back({id, person_id, leg.lat, leg.lon, leg.from.days(), leg.to.days(),
                   PlaceNumber(leg), GroupNumber(person)});
  ForEachFiling(leg, [&](int cell, int week) { filings_.push_back({cell, week, number}); });
  if (legs_[gathering_].waiting() >= kBatch) WriteRows();
  if (kept_.size() >= kMaxKept) WriteFilings();
  return id;
}

void BulkRegister::Expect(std::size_t legs) {
  legs = std::min(legs, kMaxKept);
  kept_.reserve(legs);
  filings_.reserve(2 * legs);  // most legs last days: filed under one week, or two
}

void BulkRegister::Flush() {
  WriteFilings();  // the people and legs first
  behind_.Wait();
}

void BulkRegister::WriteRows() {
  // Nothing gathered (a flush right after a full batch): no job, the ids reserved still hold.
  if (people_[gathering_].waiting() == 0 && legs_[gathering_].waiting() == 0) return;
  behind_.Wait();
  // The ids of the next batch taken while the session is still this thread's: no more people
  // or legs than kBatch come before the next WriteRows().
  person_ids_.Reserve(kBatch);
  leg_ids_.Reserve(kBatch);
  // People before their legs, in the job's order.
  behind_.Start([&people = people_[gathering_], &legs = legs_[gathering_]] {
    people.Flush();
    legs.Flush();
  });
  gathering_ ^= 1;
}

std::uint32_t BulkRegister::PlaceNumber(const Leg& leg) {
  key_.assign(leg.country).append(1, '\x1f').append(leg.city);
  const auto [it, added] =
      place_numbers_.try_emplace(key_, static_cast<std::uint32_t>(places_.size()));
  if (added) places_.emplace_back(leg.country, leg.city);
  return it->second;
}

std::uint32_t BulkRegister::GroupNumber(const Person& person) {
  key_.assign(person.group_ref).append(1, '\x1f').append(std::to_string(person.org_id));
  const auto [it, added] =
      group_numbers_.try_emplace(key_, static_cast<std::uint32_t>(groups_.size()));
  if (added) groups_.emplace_back(person.group_ref, person.org_id);
  return it->second;
}

void BulkRegister::WriteFilings() {
  // Legs before their filings (no foreign key, but the grid names no leg that is not there):
  // the filings written after the legs' rows, sorted while those are.
  WriteRows();
  // Kept legs came in the order of their ids, which the sort keeps for those of a cell and
  // week: by cell, week and leg id, the primary key's order.
  grid::SortByCellAndWeek(filings_);
  if (s_.dialect() != db::Dialect::kSqlite) {
    WritePacks();
  } else {
    WriteCells();
  }
  filings_.clear();
  kept_.clear();
}

void BulkRegister::WriteCells() {
  // The legs are read in the filings' order, all over kept_: each asked for from memory a few
  // filings ahead, so that it is in the processor's cache when its turn comes.
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < filings_.size(); ++i) {
    if (i + kAhead < filings_.size()) __builtin_prefetch(&kept_[filings_[i + kAhead].leg]);
    const Filing& f = filings_[i];
    const KeptLeg& leg = kept_[f.leg];
    const auto& [country, city] = places_[leg.place];
    const auto& [group_ref, org_id] = groups_[leg.group];
    db::BulkInsert& cells = cells_[gathering_];
    cells.Add(f.cell, f.week, leg.leg_id, leg.person_id, country, city,
              group_ref.empty() ? std::nullopt : std::optional(group_ref),
              org_id == 0 ? std::nullopt : std::optional(org_id), leg.lat, leg.lon, leg.from,
              leg.to);
    if (cells.waiting() >= kBatch || i + 1 == filings_.size()) {
      behind_.Start([&cells] { cells.Flush(); });
      gathering_ ^= 1;
    }
  }
}

void BulkRegister::WritePacks() {
  behind_.Wait();  // the legs written, the session this thread's again
  // Straight into the packs when there are none yet (a first import); else through a table of
  // the transaction's own, from which each pack is appended to the one already filed there.
  const bool first = !s_.Int("SELECT 1 FROM safety_leg_packs LIMIT 1").has_value();
  if (!first) s_.Run(kAddedPacks);
  db::BulkInsert packs(s_, first ? "safety_leg_packs" : "safety_packs_added",
                       {"cell", "week", "bucket", "filings"});
  std::array<std::string, pack::kBuckets> buckets;
  const auto write = [&](int cell, int week) {
    for (int b = 0; b < pack::kBuckets; ++b) {
      if (buckets[b].empty()) continue;
      packs.Add(cell, week, b, "\\x" + pack::Hex(buckets[b]));  // bytea's hexadecimal input
      buckets[b].clear();
    }
    if (packs.waiting() >= kPacksABatch) packs.Flush();
  };
  for (std::size_t i = 0; i < filings_.size(); ++i) {
    const Filing& f = filings_[i];
    if (i > 0 && (f.cell != filings_[i - 1].cell || f.week != filings_[i - 1].week))
      write(filings_[i - 1].cell, filings_[i - 1].week);
    const KeptLeg& leg = kept_[f.leg];
    const auto& [country, city] = places_[leg.place];
    const auto& [group_ref, org_id] = groups_[leg.group];
    pack::Append(buckets[pack::Bucket(leg.leg_id)],
                 {leg.leg_id, leg.person_id, org_id, leg.lat, leg.lon, leg.from, leg.to, country,
                  city, group_ref});
  }
  if (!filings_.empty()) write(filings_.back().cell, filings_.back().week);
  packs.Flush();
  if (!first) {
    s_.Run(kAppendAddedPacks);
    s_.Run("DELETE FROM safety_packs_added");
  }
}

}  // namespace waishi::safety
