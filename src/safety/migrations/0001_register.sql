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
