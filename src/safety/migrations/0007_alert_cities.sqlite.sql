-- Travel alerts for a list of cities: the area's third kind, 'cities'. SQLite changes a
-- CHECK constraint by copying the table into a new one (nothing refers to it yet).
CREATE TABLE safety_alerts_next (
  id {{ID}},
  level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
  area TEXT NOT NULL CHECK (area IN ('countries', 'circle', 'cities')),
  countries TEXT NOT NULL DEFAULT '[]',   -- JSON array of ISO 3166-1 alpha-2 codes
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  radius_km DOUBLE PRECISION,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_zh TEXT NOT NULL,
  body_en TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  review_on INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  published_by BIGINT REFERENCES users(id),
  published_at TEXT,
  withdrawn_by BIGINT REFERENCES users(id),
  withdrawn_at TEXT,
  send_state TEXT NOT NULL DEFAULT 'none' CHECK (send_state IN ('none', 'pending_review', 'sent')),
  send_asked_by BIGINT REFERENCES users(id),
  send_asked_at TEXT,
  sent_by BIGINT REFERENCES users(id),
  sent_at TEXT,
  recipients INTEGER NOT NULL DEFAULT 0,
  emailed INTEGER NOT NULL DEFAULT 0
);
INSERT INTO safety_alerts_next SELECT * FROM safety_alerts;
DROP TABLE safety_alerts;
ALTER TABLE safety_alerts_next RENAME TO safety_alerts;
CREATE INDEX safety_alerts_public ON safety_alerts(state, valid_until);

-- The cities of an alert for a list of them, in the order given: each as the gazetteer had it
-- when the alert was written (its GeoNames id, kept without a foreign key like every module's).
CREATE TABLE safety_alert_cities (
  alert_id BIGINT NOT NULL REFERENCES safety_alerts(id),
  position INTEGER NOT NULL,
  place_id BIGINT NOT NULL,
  country TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_zh TEXT,
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (alert_id, position)
);
