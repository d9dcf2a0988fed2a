-- Cooperation projects with partner cities, each in one of the fourteen fields of PRODUCT.md
-- §2.3 and one direction: investment by a partner city's enterprises here (inbound), ours there
-- (outbound), or a joint undertaking (training, a school, a festival). An amount, if any, is in
-- the currency's minor unit (fen for CNY), never a float.
CREATE TABLE network_projects (
  id {{ID}},
  city_id BIGINT NOT NULL REFERENCES network_cities(id),
  field TEXT NOT NULL,
  direction TEXT NOT NULL,       -- inbound | outbound | joint
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  our_partners TEXT NOT NULL DEFAULT '',    -- our enterprises and institutions
  their_partners TEXT NOT NULL DEFAULT '',  -- theirs
  amount BIGINT,
  currency TEXT,
  status TEXT NOT NULL,          -- planned | ongoing | completed | cancelled
  started TEXT,                  -- YYYY-MM-DD
  outcomes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX network_projects_city ON network_projects(city_id);
CREATE INDEX network_projects_field ON network_projects(field, direction);
