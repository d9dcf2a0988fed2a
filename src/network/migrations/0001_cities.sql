-- The registry of partner cities (国际友城): each city the office holds a relation with, its
-- tier and the date the relation was established. A city is known by its country and its
-- English name (name_key: the name folded, so that "Nelson Mandela Bay" and "nelson  mandela
-- bay" are one city): a second one is a duplicate, refused or merged on confirmation.
CREATE TABLE network_cities (
  id {{ID}},
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_key TEXT NOT NULL,
  local_name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,             -- ISO 3166-1 alpha-2
  province TEXT NOT NULL DEFAULT '', -- province, state or region
  continent TEXT NOT NULL,           -- the country's (core/geo/countries.h): AF AN AS EU NA OC SA
  lat DOUBLE PRECISION NOT NULL,
  lon DOUBLE PRECISION NOT NULL,
  population BIGINT,
  tier TEXT NOT NULL,                -- sister (友好城市) | friendly (友好交流关系城市) | mou
  established TEXT NOT NULL,         -- YYYY-MM-DD
  status TEXT NOT NULL,              -- active | dormant | ended
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (country, name_key)
);
CREATE INDEX network_cities_established ON network_cities(established);
CREATE INDEX network_cities_continent ON network_cities(continent, country);
