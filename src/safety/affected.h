// Who is in an incident's area during its window: the legs of the register whose place lies
// within the radius of the centre (great-circle distance, core/geo/sphere.h) and whose dates
// overlap the window (both inclusive). Asked of the grid the legs are filed under (grid.h),
// the same SQL on either engine, the exact distance deciding in the server: both engines
// answer the same set.
#pragma once

#include <string>
#include <vector>

#include "core/calendar/working_days.h"
#include "core/db/session.h"
#include "core/json.h"

namespace waishi::safety {

struct Incident {
  double lat = 0, lon = 0, radius_km = 0;
  calendar::Date from, to;  // inclusive
};

// An affected leg with what the answer counts of its person (the grid's copy: no reads of the
// legs or the people).
struct AffectedLeg {
  long long leg_id = 0, person_id = 0;
  std::string country, city, group_ref;
  long long org_id = 0;  // 0: sent by no enterprise
  double lat = 0, lon = 0, distance_km = 0;
  calendar::Date from, to;
};

// Through the index: the legs in the circle during the window, in no particular order.
std::vector<AffectedLeg> FindAffected(db::Session& s, const Incident& incident);

// The same by reading every leg of the register: the reference the benchmark and the tests
// compare the index with.
std::vector<AffectedLeg> FindAffectedByScan(db::Session& s, const Incident& incident);

// The answer of POST /api/v1/safety/affected: the counts (legs, distinct people, groups and
// enterprises; by country and by city, the most legs first), those there today when today
// is inside the window, and one page of the people, nearest first (each at their nearest
// leg; ties by id), with their names read from the register.
Json Summarize(db::Session& s, std::vector<AffectedLeg> legs, const Incident& incident,
               calendar::Date today, int page, int page_size);

}  // namespace waishi::safety
