-- Substring search for 3+ characters: FTS5 with the trigram tokenizer (SQLite ≥ 3.34).
-- Shorter queries scan case_search.body with instr() (trigrams need 3 characters).
CREATE VIRTUAL TABLE case_search_fts USING fts5(body, tokenize = 'trigram', content = 'case_search', content_rowid = 'case_id');

CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN
  INSERT INTO case_search_fts(rowid, body) VALUES (new.case_id, new.body);
END;

CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN
  INSERT INTO case_search_fts(case_search_fts, rowid, body) VALUES ('delete', old.case_id, old.body);
END;

CREATE TRIGGER case_search_au AFTER UPDATE ON case_search BEGIN
  INSERT INTO case_search_fts(case_search_fts, rowid, body) VALUES ('delete', old.case_id, old.body);
  INSERT INTO case_search_fts(rowid, body) VALUES (new.case_id, new.body);
END;
