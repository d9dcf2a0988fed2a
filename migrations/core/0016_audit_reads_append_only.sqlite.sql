-- The reads' index by object is append-only, as the log it indexes (0004).
CREATE TRIGGER audit_read_objects_no_update BEFORE UPDATE ON audit_read_objects
BEGIN
  SELECT RAISE(ABORT, 'audit_read_objects is append-only');
END;
CREATE TRIGGER audit_read_objects_no_delete BEFORE DELETE ON audit_read_objects
BEGIN
  SELECT RAISE(ABORT, 'audit_read_objects is append-only');
END;
