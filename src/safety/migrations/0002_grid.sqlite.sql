-- The spatial and temporal index of the legs, a grid: a leg is filed under the cell of one
-- degree of latitude by one of longitude its place lies in, once for each week (days since
-- 1970-01-01 divided by 7) its dates touch. A query reads the cells its circle's boxes cover
-- over the weeks of its window, by the primary key, and nothing else: each filing carries a
-- copy of what the crisis query counts (the place, the dates, the person, their group and
-- enterprise), so thousands of legs found are thousands of neighbouring rows, not thousands
-- of scattered reads of the legs and the people. An ordinary B-tree, the same on
-- both engines but for how the key keeps the copied columns (SQLite: WITHOUT ROWID;
-- PostgreSQL: INCLUDE), written in well under a microsecond a filing (an R*Tree of the same
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
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  from_day INTEGER NOT NULL,
  to_day INTEGER NOT NULL,
  PRIMARY KEY (cell, week, leg_id)
) WITHOUT ROWID;
