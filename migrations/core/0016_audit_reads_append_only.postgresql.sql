-- The reads' index by object is append-only, as the log it indexes (0004).
CREATE FUNCTION audit_read_objects_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_read_objects is append-only';
END;
$$;
CREATE TRIGGER audit_read_objects_no_change BEFORE UPDATE OR DELETE OR TRUNCATE
  ON audit_read_objects FOR EACH STATEMENT EXECUTE FUNCTION audit_read_objects_append_only();
