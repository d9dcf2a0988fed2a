-- The land's outlines (core/geo/land.h): Natural Earth's 1:50m land, a row a ring, replaced
-- whole by `waishi places load` with the gazetteer. The box around each ring is what a map's
-- query compares; a ring crossing the antimeridian has the box -180..180.
CREATE TABLE land (
  id BIGINT PRIMARY KEY,            -- the ring's place in the loaded file: 1, 2, …
  west DOUBLE PRECISION NOT NULL,   -- degrees, WGS 84
  south DOUBLE PRECISION NOT NULL,
  east DOUBLE PRECISION NOT NULL,
  north DOUBLE PRECISION NOT NULL,
  points TEXT NOT NULL              -- "lon lat lon lat …", the last point the first again
);
