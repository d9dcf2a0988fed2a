-- The register of people abroad: each person as one of the office's sources knows them, and
-- their itinerary as legs. A leg's dates are local calendar dates, inclusive, stored as days
-- since 1970-01-01 (what the spatial index compares).
CREATE TABLE safety_people (
  id {{ID}},
  -- Where the register learnt of them: 'trip' (an approved outbound trip), 'agency' (a travel
  -- agency's group list), 'voluntary' (registered themselves or family), 'import' (the CLI).
  source TEXT NOT NULL,
  -- The source's own key of the person: the import's person_id, the trip's case and member …
  ref TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  -- The group they travel with (a delegation, a tour group), if any: groups are counted.
  group_ref TEXT,
  -- The enterprise that sent them, if any: enterprises are counted.
  org_id BIGINT REFERENCES organizations(id),
  created_at TEXT NOT NULL,
  UNIQUE (source, ref)
);

CREATE TABLE safety_legs (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES safety_people(id) ON DELETE CASCADE,
  country TEXT NOT NULL,   -- ISO 3166-1 alpha-2
  city TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,  -- degrees, WGS 84
  lon DOUBLE PRECISION NOT NULL,
  from_day INTEGER NOT NULL,
  to_day INTEGER NOT NULL
);
CREATE INDEX safety_legs_person ON safety_legs(person_id);

-- The spatial and temporal index of the legs, a grid: a leg is filed under the cell of one
-- degree of latitude by one of longitude its place lies in, once for each week (days since
-- 1970-01-01 divided by 7) its dates touch. A query reads the cells its circle's boxes cover
-- over the weeks of its window, by the primary key, and nothing else: each filing carries a
-- copy of what the crisis query counts (the place, the dates, the person, their group and
-- enterprise), so thousands of legs found are thousands of neighbouring rows, not thousands
-- of scattered reads of the legs and the people. An ordinary B-tree, the same on
-- both engines, written at several hundred thousand legs a second (an R*Tree of the same
-- legs took some 13 µs a leg). No foreign key and no index by leg: a leg's filings are found
-- from its own place and dates, and each would cost an import a quarter of its time.
CREATE TABLE safety_leg_cells (
  cell INTEGER NOT NULL,  -- (floor(lat) + 90) * 360 + floor(lon) + 180, the poles' and the
                          -- antimeridian's edges in the cells below and west of them
  week INTEGER NOT NULL,
  leg_id BIGINT NOT NULL,  -- the leg's id; removed with the leg (register.cpp RemovePerson)
  person_id BIGINT NOT NULL,
  country TEXT NOT NULL,
  city TEXT NOT NULL,
  group_ref TEXT,
  org_id BIGINT,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  from_day INTEGER NOT NULL,
  to_day INTEGER NOT NULL,
  PRIMARY KEY (cell, week, leg_id) INCLUDE (person_id, country, city, group_ref, org_id, lat, lon,
                                            from_day, to_day)
);
