-- PostgreSQL keeps the grid of migration 0002 in packs (src/safety/pack.h, which says why): a
-- row a cell, week and bucket (the leg's id modulo 16) holding all its filings, in place of a
-- row a filing. SQLite keeps safety_leg_cells.
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
-- in network order, as pack.cpp does; a text's length is the low two bytes of its int4send).
INSERT INTO safety_leg_packs (cell, week, bucket, filings)
SELECT cell, week, (leg_id % 16)::INTEGER,
       string_agg(int8send(leg_id) || int8send(person_id) || int8send(COALESCE(org_id, 0))
                    || float8send(lat) || float8send(lon) || int4send(from_day) || int4send(to_day)
                    || substring(int4send(octet_length(convert_to(country, 'UTF8'))) FROM 3)
                    || convert_to(country, 'UTF8')
                    || substring(int4send(octet_length(convert_to(city, 'UTF8'))) FROM 3)
                    || convert_to(city, 'UTF8')
                    || substring(int4send(octet_length(convert_to(COALESCE(group_ref, ''), 'UTF8'))) FROM 3)
                    || convert_to(COALESCE(group_ref, ''), 'UTF8'),
                  ''::BYTEA)
FROM safety_leg_cells
GROUP BY cell, week, leg_id % 16;
DROP TABLE safety_leg_cells;
