-- The heading's tokens are indexed a second time with a mark ('^张伟'), so "a term in the
-- heading" is a lookup like any other instead of a column check on every match; without the
-- column check the index keeps no column or position lists (detail = none), which also makes
-- it smaller. '^' is a token character here: the server's tokens never contain it otherwise.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(tokens, tokenize = "ascii tokenchars '^'", content = '', detail = none);

-- The tokens are cut by the server: it fills the new index from the stored text the next
-- time it starts (search::RebuildIfPending), batch by batch from the first document after `indexed_to`
-- up to the last one indexed before this migration (`last_id`).
CREATE TABLE search_rebuild (indexed_to BIGINT NOT NULL, last_id BIGINT NOT NULL);
INSERT INTO search_rebuild (indexed_to, last_id) SELECT 0, MAX(id) FROM search_documents HAVING COUNT(*) > 0;
