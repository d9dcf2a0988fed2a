-- PostgreSQL keeps the grid of migration 0002 in packs (src/safety/pack.h): a row a cell, week
-- and bucket (the leg's id modulo 16) holding all its filings, in place of a row a filing. The
-- crisis query reads a dense circle's 22,000 filings as some 150 rows: 2 ms where the rows took 9
-- (PostgreSQL spends some 0.15 µs on each row its executor reads, and the client as much on each
-- it is sent). SQLite keeps safety_leg_cells, read in-process at a fraction of that cost.
CREATE TABLE safety_leg_packs (
  cell INTEGER NOT NULL,    -- grid.h Cell
  week INTEGER NOT NULL,    -- grid.h Week
  bucket INTEGER NOT NULL,  -- the legs' id modulo 16 (pack.h Bucket)
  filings BYTEA NOT NULL,   -- pack.h's format
  PRIMARY KEY (cell, week, bucket)
);
-- Out of line and uncompressed: a query reads its packs whole, and decompressing them cost more
-- than the pages it spared (measured with lz4 on 10,000,000 legs: 2.6 ms a dense circle
-- against 2.3).
ALTER TABLE safety_leg_packs ALTER COLUMN filings SET STORAGE EXTERNAL;
-- The filings already filed, packed in pack.h's format (int8send and the like write the bytes
-- in network order, as pack.cpp does).
INSERT INTO safety_leg_packs (cell, week, bucket, filings)
SELECT cell, week, (leg_id % 16)::INTEGER,
       string_agg(int8send(leg_id) || int8send(person_id) || int8send(COALESCE(org_id, 0))
                    || float8send(lat) || float8send(lon) || int4send(from_day) || int4send(to_day)
                    || int2send(octet_length(convert_to(country, 'UTF8'))::SMALLINT)
                    || convert_to(country, 'UTF8')
                    || int2send(octet_length(convert_to(city, 'UTF8'))::SMALLINT)
                    || convert_to(city, 'UTF8')
                    || int2send(octet_length(convert_to(COALESCE(group_ref, ''), 'UTF8'))::SMALLINT)
                    || convert_to(COALESCE(group_ref, ''), 'UTF8'),
                  ''::BYTEA)
FROM safety_leg_cells
GROUP BY cell, week, leg_id % 16;
DROP TABLE safety_leg_cells;
