-- How many cases each type has in each state, kept by triggers on cases: the total of a queue
-- (the cases of some types in some states, as desk staff see them) is summed from here
-- instead of counted over the cases' index (core/cases/case_list.cpp).
CREATE TABLE case_counts (
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (type, state)
);

INSERT INTO case_counts (type, state, n) SELECT type, state, COUNT(*) FROM cases GROUP BY type, state;

CREATE TRIGGER case_counts_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO case_counts (type, state, n) VALUES (new.type, new.state, 1)
  ON CONFLICT (type, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_counts_update AFTER UPDATE OF type, state ON cases
WHEN old.type <> new.type OR old.state <> new.state
BEGIN
  UPDATE case_counts SET n = n - 1 WHERE type = old.type AND state = old.state;
  INSERT INTO case_counts (type, state, n) VALUES (new.type, new.state, 1)
  ON CONFLICT (type, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER case_counts_delete AFTER DELETE ON cases
BEGIN
  UPDATE case_counts SET n = n - 1 WHERE type = old.type AND state = old.state;
END;
