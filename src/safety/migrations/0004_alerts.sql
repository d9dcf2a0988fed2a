-- Travel alerts (海外安全提醒): for a list of countries or a circle, at one of three levels
-- (1 注意安全 yellow, 2 谨慎前往 orange, 3 暂勿前往 red), in both languages, valid over a
-- window of dates (days since 1970-01-01, inclusive) and to be reviewed by a date. A draft is
-- published (then shown on the public page while valid) and may be withdrawn. Its mass send to
-- the registered people it concerns is asked by one of the desk and carried out only once
-- another has reviewed it.
CREATE TABLE safety_alerts (
  id {{ID}},
  level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
  area TEXT NOT NULL CHECK (area IN ('countries', 'circle')),
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
CREATE INDEX safety_alerts_public ON safety_alerts(state, valid_until);
