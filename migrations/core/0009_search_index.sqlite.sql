-- The search index (src/core/search/): one entry per record of any kind, its text as stored
-- and matched, and an FTS5 table over the tokens the server cuts from it (CJK characters
-- alone and in pairs, other words whole). Contentless: the server gives a row's tokens again
-- to remove it. Replaces the trigram search of 0002, which needed 3 characters.
DROP TRIGGER case_search_ai;
DROP TRIGGER case_search_ad;
DROP TRIGGER case_search_au;
DROP TABLE case_search_fts;
DROP TABLE case_search;

CREATE TABLE search_documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  heading TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (kind, record_id)
);

CREATE VIRTUAL TABLE search_fts USING fts5(heading, body, tokenize = 'ascii', content = '', detail = column);

-- Identifiers found by prefix (ID, passport and case numbers), normalized like the text.
CREATE TABLE search_identifiers (
  kind TEXT NOT NULL,
  ident TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  PRIMARY KEY (kind, record_id, ident)
) WITHOUT ROWID;
CREATE INDEX search_identifiers_prefix ON search_identifiers(kind, ident, record_id);
