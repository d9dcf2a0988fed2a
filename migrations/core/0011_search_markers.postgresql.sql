-- The heading's tokens are indexed a second time with a mark ('^张伟'), so "a term in the
-- heading" is a GIN lookup like any other instead of the weight check (':A') that made
-- PostgreSQL fetch and recheck every matching row.

-- The tokens are cut by the server: it rewrites every document's tsvector from the stored
-- text the next time it starts (search::RebuildIfPending), batch by batch from the document
-- after `indexed_to` up to the last one indexed before this migration (`last_id`).
CREATE TABLE search_rebuild (indexed_to BIGINT NOT NULL, last_id BIGINT NOT NULL);
INSERT INTO search_rebuild (indexed_to, last_id) SELECT 0, MAX(id) FROM search_documents HAVING COUNT(*) > 0;
