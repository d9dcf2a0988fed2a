-- How many cases each type has in each state, kept by triggers on cases: the total of a queue
-- (the cases of some types in some states, as desk staff see them) is summed from here
-- instead of counted over the cases' index (core/cases/case_list.cpp). Write transactions
-- take the writers' advisory lock (core/db/database.h), so the counters are not contended.
CREATE TABLE case_counts (
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (type, state)
);

INSERT INTO case_counts (type, state, n) SELECT type, state, COUNT(*) FROM cases GROUP BY type, state;

CREATE FUNCTION case_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE case_counts SET n = n - 1 WHERE type = OLD.type AND state = OLD.state;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO case_counts (type, state, n) VALUES (NEW.type, NEW.state, 1)
    ON CONFLICT (type, state) DO UPDATE SET n = case_counts.n + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_counts_insert_delete AFTER INSERT OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION case_counts_keep();

CREATE TRIGGER case_counts_update AFTER UPDATE OF type, state ON cases
  FOR EACH ROW WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION case_counts_keep();
