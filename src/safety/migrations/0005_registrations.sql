-- Voluntary registration: a citizen registers their own trip, or their family's, with consent
-- to the register's purpose recorded (what they agreed to, when) and withdrawable; withdrawn,
-- the people and legs it brought are removed at once and the dates stay.
CREATE TABLE safety_registrations (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,          -- the catalogue key of the purpose agreed to
  consented_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX safety_registrations_user ON safety_registrations(user_id, id);

-- The people a registration brought (retention may remove them first).
CREATE TABLE safety_registration_people (
  registration_id BIGINT NOT NULL REFERENCES safety_registrations(id),
  person_id BIGINT NOT NULL REFERENCES safety_people(id) ON DELETE CASCADE,
  relation TEXT NOT NULL CHECK (relation IN ('self', 'family')),
  PRIMARY KEY (registration_id, person_id)
);
