#include "safety/affected.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/db/bulk.h"
#include "core/geo/sphere.h"
#include "safety/grid.h"
#include "safety/pack.h"

namespace waishi::safety {
namespace {

// Followed by the list of person ids "(…)": their names, for one page of the answer.
constexpr const char* kNamesAmong = "SELECT id, name FROM safety_people WHERE id IN ";

// The legs filed under a cell in a range of weeks (grid.h) whose place lies in the box and
// whose dates meet the window, with the columns kScanned reads too (the leg's id, its person,
// place, the person's group and enterprise, coordinates and dates): SQLite's grid (a row a filing),
// by its primary key, one descent of it for the cell, the statement stepped once a cell.
constexpr const char* kIndexedIn = R"(
  SELECT g.leg_id, g.person_id, g.country, g.city, g.group_ref, g.org_id, g.lat, g.lon,
         g.from_day, g.to_day
  FROM safety_leg_cells g
  WHERE g.week >= :first_week AND g.week <= :last_week
    AND g.lon <= :east AND g.lon >= :west AND g.lat <= :north AND g.lat >= :south
    AND g.from_day <= :last AND g.to_day >= :first AND g.cell = :cell)";

// PostgreSQL's grid (pack.h): the packs of a box's cells over the window's weeks, in one query
// (a round trip a cell cost it most of its time). Followed by the cells, "(…)". Their filings
// are sorted out here.
constexpr const char* kPacksIn = R"(
  SELECT filings, cell, week, bucket FROM safety_leg_packs
  WHERE week >= :first_week AND week <= :last_week AND cell IN )";

// The same question of every leg: no index can answer it.
constexpr const char* kScanned = R"(
  SELECT l.id, l.person_id, l.country, l.city, p.group_ref, p.org_id, l.lat, l.lon, l.from_day,
         l.to_day
  FROM safety_legs l JOIN safety_people p ON p.id = l.person_id
  WHERE l.lon <= :east AND l.lon >= :west AND l.lat <= :north AND l.lat >= :south
    AND l.from_day <= :last AND l.to_day >= :first)";

using Found = std::vector<AffectedLeg>;

// Keeps the legs within the radius, each once (a leg is filed under each week it touches).
class Collector {
 public:
  explicit Collector(const Incident& incident) : incident_(incident) {}

  // A leg of the grid or the scan (kIndexedIn's and kScanned's columns).
  void Add(const db::FastQuery::Row& r) {
    const double lat = r.Real(6), lon = r.Real(7);
    const auto d = Distance(r.Int(0), lat, lon);
    if (!d) return;
    found_.push_back(AffectedLeg{r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                                 r.OptText(4).value_or(""), r.OptInt(5).value_or(0), lat, lon, *d,
                                 calendar::Date::FromDays(static_cast<int>(r.Int(8))),
                                 calendar::Date::FromDays(static_cast<int>(r.Int(9)))});
  }
  // A leg of a pack (PostgreSQL), known to lie in the box and the window.
  void Add(const pack::Filing& f) {
    const auto d = Distance(f.leg_id, f.lat, f.lon);
    if (!d) return;
    found_.push_back(AffectedLeg{f.leg_id, f.person_id, std::string(f.country), std::string(f.city),
                                 std::string(f.group_ref), f.org_id, f.lat, f.lon, *d,
                                 calendar::Date::FromDays(f.from_day),
                                 calendar::Date::FromDays(f.to_day)});
  }
  Found Take() { return std::move(found_); }

 private:
  // The leg's distance from the centre if it lies within the radius and is new.
  std::optional<double> Distance(long long leg_id, double lat, double lon) {
    const double d = geo::HaversineKm(incident_.lat, incident_.lon, lat, lon);
    if (!(d <= incident_.radius_km) || !seen_.insert(leg_id).second) return std::nullopt;
    return d;
  }

  const Incident& incident_;
  std::unordered_set<long long> seen_;
  Found found_;
};

db::Params BoxParams(const geo::BoundingBox& box, const Incident& incident) {
  return {{"west", box.min_lon},  {"east", box.max_lon},           {"south", box.min_lat},
          {"north", box.max_lat}, {"first", incident.from.days()}, {"last", incident.to.days()}};
}

// Counts of legs and distinct people under a key (a country, a city).
struct Tally {
  long long legs = 0;
  std::set<long long> people;
};

Json Tallies(const std::map<std::pair<std::string, std::string>, Tally>& by, bool with_city) {
  std::vector<std::pair<const std::pair<std::string, std::string>*, const Tally*>> rows;
  for (const auto& [key, t] : by) rows.emplace_back(&key, &t);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second->legs > b.second->legs; });
  Json out = Json::array();
  for (const auto& [key, t] : rows) {
    Json row{{"country", key->first}};
    if (with_city) row["city"] = key->second;
    row["legs"] = t->legs;
    row["people"] = t->people.size();
    out.push_back(std::move(row));
  }
  return out;
}

double Rounded(double km) { return std::round(km * 1000) / 1000; }

}  // namespace

Found FindAffected(db::Session& s, const Incident& incident) {
  Collector found(incident);
  const int first_week = grid::Week(incident.from.days());
  const int last_week = grid::Week(incident.to.days());
  const int first = incident.from.days(), last = incident.to.days();
  std::optional<db::FastQuery> by_cell;
  if (s.dialect() == db::Dialect::kSqlite) by_cell.emplace(s, kIndexedIn);
  // A circle over the antimeridian has two boxes.
  for (const geo::BoundingBox& box :
       geo::BoxesAround(incident.lat, incident.lon, incident.radius_km)) {
    const std::vector<int> cells = grid::Cells(box);
    if (by_cell) {
      db::Params params = BoxParams(box, incident);
      params.push_back({"first_week", first_week});
      params.push_back({"last_week", last_week});
      params.push_back({"cell", 0});
      for (const int cell : cells) {
        params.back().value = cell;
        by_cell->Run(params, [&](const db::FastQuery::Row& r) { found.Add(r); });
      }
      continue;
    }
    const auto sort_out = [&](const db::FastQuery::Row& r) {
      pack::Reader filings(r.Blob(0));
      try {
        for (pack::Filing f; filings.Next(f);) {
          if (f.lon <= box.max_lon && f.lon >= box.min_lon && f.lat <= box.max_lat &&
              f.lat >= box.min_lat && f.from_day <= last && f.to_day >= first)
            found.Add(f);
        }
      } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string(e.what()) + ": the pack of cell " +
                                 std::to_string(r.Int(1)) + ", week " + std::to_string(r.Int(2)) +
                                 ", bucket " + std::to_string(r.Int(3)));
      }
    };
    // A continent's circle has thousands of cells: a few thousand a query keep it well
    // under PostgreSQL's 65,535 parameters.
    constexpr std::size_t kCellsAQuery = 4000;
    for (std::size_t from = 0; from < cells.size(); from += kCellsAQuery) {
      db::Params params{{"first_week", first_week}, {"last_week", last_week}};
      std::string in;
      for (std::size_t i = from; i < std::min(cells.size(), from + kCellsAQuery); ++i)
        in += (in.empty() ? "(" : ", ") + db::Bind(params, "c" + std::to_string(i), cells[i]);
      db::FastQuery(s, std::string(kPacksIn) + in + ")").Run(params, sort_out);
    }
  }
  return found.Take();
}

Found FindAffectedByScan(db::Session& s, const Incident& incident) {
  Collector found(incident);
  db::FastQuery scan(s, kScanned);
  for (const geo::BoundingBox& box :
       geo::BoxesAround(incident.lat, incident.lon, incident.radius_km))
    scan.Run(BoxParams(box, incident), [&](const db::FastQuery::Row& r) { found.Add(r); });
  return found.Take();
}

Json Summarize(db::Session& s, Found legs, const Incident& incident, calendar::Date today, int page,
               int page_size) {
  std::unordered_set<long long> people;
  std::set<std::string> groups;
  std::set<long long> enterprises;
  std::map<std::pair<std::string, std::string>, Tally> by_country, by_city;
  const bool now_inside = incident.from <= today && today <= incident.to;
  long long now_legs = 0;
  std::set<long long> now_people;
  // Each person at their nearest leg.
  std::unordered_map<long long, const AffectedLeg*> nearest;
  for (const AffectedLeg& leg : legs) {
    people.insert(leg.person_id);
    if (!leg.group_ref.empty()) groups.insert(leg.group_ref);
    if (leg.org_id != 0) enterprises.insert(leg.org_id);
    Tally& c = by_country[{leg.country, ""}];
    ++c.legs;
    c.people.insert(leg.person_id);
    Tally& city = by_city[{leg.country, leg.city}];
    ++city.legs;
    city.people.insert(leg.person_id);
    if (now_inside && leg.from <= today && today <= leg.to) {
      ++now_legs;
      now_people.insert(leg.person_id);
    }
    const AffectedLeg*& best = nearest[leg.person_id];
    if (!best || leg.distance_km < best->distance_km ||
        (leg.distance_km == best->distance_km && leg.leg_id < best->leg_id))
      best = &leg;
  }
  std::vector<const AffectedLeg*> order;
  order.reserve(nearest.size());
  for (const auto& [person, leg] : nearest) order.push_back(leg);
  std::sort(order.begin(), order.end(), [](const AffectedLeg* a, const AffectedLeg* b) {
    if (a->distance_km != b->distance_km) return a->distance_km < b->distance_km;
    return a->person_id < b->person_id;
  });
  Json items = Json::array();
  const std::size_t first = static_cast<std::size_t>(page - 1) * page_size;
  const std::size_t end = std::min(order.size(), first + static_cast<std::size_t>(page_size));
  // The page's names, in one query.
  std::unordered_map<long long, std::string> names;
  if (first < end) {
    db::Params binds;
    std::string ids;
    for (std::size_t i = first; i < end; ++i)
      ids += (i > first ? ", " : "(") +
             db::Bind(binds, "p" + std::to_string(i - first), order[i]->person_id);
    s.Query(std::string(kNamesAmong) + ids + ")", binds,
            [&](const db::Row& r) { names.emplace(db::Int(r, 0), db::Text(r, 1)); });
  }
  for (std::size_t i = first; i < end; ++i) {
    const AffectedLeg& leg = *order[i];
    items.push_back({{"person_id", leg.person_id},
                     {"name", names[leg.person_id]},
                     {"country", leg.country},
                     {"city", leg.city},
                     {"lat", leg.lat},
                     {"lon", leg.lon},
                     {"from", leg.from.ToString()},
                     {"to", leg.to.ToString()},
                     {"distance_km", Rounded(leg.distance_km)}});
  }
  return Json{{"legs", legs.size()},
              {"people", people.size()},
              {"groups", groups.size()},
              {"enterprises", enterprises.size()},
              {"now", now_inside ? Json{{"date", today.ToString()},
                                        {"legs", now_legs},
                                        {"people", now_people.size()}}
                                 : Json(nullptr)},
              {"by_country", Tallies(by_country, false)},
              {"by_city", Tallies(by_city, true)},
              {"items", items},
              {"page", page},
              {"page_size", page_size}};
}

}  // namespace waishi::safety
