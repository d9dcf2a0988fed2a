-- The gazetteer (core/geo/places.h): GeoNames' places of 1,000 people or more, replaced whole
-- by `waishi places load`. The id is the GeoNames id, kept across reloads, so a module stores
-- it without a foreign key (a place GeoNames drops leaves the module's record as it was).
CREATE TABLE places (
  id BIGINT PRIMARY KEY,            -- GeoNames id: https://www.geonames.org/<id>
  country TEXT NOT NULL,            -- ISO 3166-1 alpha-2
  name_en TEXT NOT NULL,
  name_zh TEXT,                     -- simplified Chinese, where the data has one
  ascii_name TEXT NOT NULL,
  admin TEXT NOT NULL DEFAULT '',   -- the first-level region's name
  lat DOUBLE PRECISION NOT NULL,    -- degrees, WGS 84
  lon DOUBLE PRECISION NOT NULL,
  population BIGINT NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL         -- every name, ASCII lower-cased, one per line
);
-- A search walks the places most populous first and stops at its limit (a substring of any
-- name cannot use a B-tree; the first matches of a common text come early in this order). The
-- indexes hold search_text, so the walk reads the index alone and a text that matches nothing
-- costs one pass over it (SQLite, 135,000 places: 12 ms instead of 320 ms looking up each row).
CREATE INDEX places_search ON places(population DESC, id, search_text);
CREATE INDEX places_country_search ON places(country, population DESC, id, search_text);
