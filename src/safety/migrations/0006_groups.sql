-- Travel agencies' tour groups: a group belongs to the agency that made it; its list (members,
-- the tour leader, the itinerary) comes as a file the agency uploads, and each upload replaces
-- the group's people and legs in the register.
CREATE TABLE safety_groups (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),  -- the agency
  code TEXT NOT NULL,   -- the agency's own code of the tour, e.g. ES2612
  title TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  -- The last list taken: when, and by whom (NULL before the first).
  list_at TEXT,
  list_by BIGINT REFERENCES users(id),
  UNIQUE (org_id, code)
);

-- The people the group's current list brought (retention may remove them first).
CREATE TABLE safety_group_people (
  group_id BIGINT NOT NULL REFERENCES safety_groups(id),
  person_id BIGINT NOT NULL REFERENCES safety_people(id) ON DELETE CASCADE,
  tour_leader INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX safety_group_people_person ON safety_group_people(person_id);
