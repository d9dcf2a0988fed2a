-- Exchanges with partner cities: delegations received here (in) and sent there (out), and
-- training programmes (trainees of ours taught there, or theirs here). With the projects they
-- are the network's activity: a city with neither for some years is a candidate for review.
CREATE TABLE network_exchanges (
  id {{ID}},
  city_id BIGINT NOT NULL REFERENCES network_cities(id),
  kind TEXT NOT NULL,            -- delegation_in | delegation_out | training
  starts_on TEXT NOT NULL,       -- YYYY-MM-DD
  leader TEXT NOT NULL DEFAULT '',
  people INTEGER NOT NULL,       -- the delegation's size, or the trainees
  purpose_zh TEXT NOT NULL,
  purpose_en TEXT NOT NULL,
  cities_visited TEXT NOT NULL DEFAULT '',
  field TEXT,                    -- a training's field (projects.h kFields)
  outcome TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX network_exchanges_city ON network_exchanges(city_id, starts_on);
