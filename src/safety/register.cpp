#include "safety/register.h"

#include <algorithm>
#include <tuple>

#include "safety/grid.h"

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
  INSERT INTO safety_leg_cells (cell, week, leg_id, lat, lon, from_day, to_day)
  VALUES (:c, :w, :l, :la, :lo, :f, :t))";

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

void File(db::Session& s, int cell, int week, long long leg_id, double lat, double lon, int from,
          int to) {
  s.Exec(
      kFile,
      {{"c", cell}, {"w", week}, {"l", leg_id}, {"la", lat}, {"lo", lon}, {"f", from}, {"t", to}});
}

}  // namespace

long long AddLeg(db::Session& s, long long person_id, const Leg& leg) {
  const long long id = InsertLeg(s, person_id, leg);
  ForEachFiling(leg, [&](int cell, int week) {
    File(s, cell, week, id, leg.lat, leg.lon, leg.from.days(), leg.to.days());
  });
  return id;
}

long long BulkLegs::Add(long long person_id, const Leg& leg) {
  const long long id = InsertLeg(s_, person_id, leg);
  ForEachFiling(leg, [&](int cell, int week) {
    waiting_.push_back({cell, week, id, leg.lat, leg.lon, leg.from.days(), leg.to.days()});
  });
  if (waiting_.size() >= kBatch) Flush();
  return id;
}

void BulkLegs::Flush() {
  std::sort(waiting_.begin(), waiting_.end(), [](const Filed& a, const Filed& b) {
    return std::tie(a.cell, a.week, a.leg_id) < std::tie(b.cell, b.week, b.leg_id);
  });
  for (const Filed& f : waiting_) File(s_, f.cell, f.week, f.leg_id, f.lat, f.lon, f.from, f.to);
  waiting_.clear();
}

}  // namespace waishi::safety
