-- The people the office deals with in a partner city: personal data (PIPL), so every read of
-- them is audited and a contact who leaves office is removed, not kept.
CREATE TABLE network_contacts (
  id {{ID}},
  city_id BIGINT NOT NULL REFERENCES network_cities(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,                   -- their office: "Head of International Relations"
  organization TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',    -- ISO 639-1 of the language to write to them in
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX network_contacts_city ON network_contacts(city_id);
