-- The reads' index by object is append-only, as the log it indexes (0004); and found by batch,
-- for the audit's verification, which compares each batch's rows with its reads. IF NOT
-- EXISTS: a database migrated at commits 472b64b to 5bc052e got the triggers from 0015.
CREATE TRIGGER IF NOT EXISTS audit_read_objects_no_update BEFORE UPDATE ON audit_read_objects
BEGIN
  SELECT RAISE(ABORT, 'audit_read_objects is append-only');
END;
CREATE TRIGGER IF NOT EXISTS audit_read_objects_no_delete BEFORE DELETE ON audit_read_objects
BEGIN
  SELECT RAISE(ABORT, 'audit_read_objects is append-only');
END;
CREATE INDEX audit_read_objects_batch ON audit_read_objects(first_id);
