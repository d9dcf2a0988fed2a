-- Substring search: a pg_trgm GIN index serves LIKE '%q%' for 3+ characters (the
-- database must be created with LC_CTYPE=C.UTF-8, or Chinese text yields no trigrams).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX case_search_trgm ON case_search USING gin (body gin_trgm_ops);
