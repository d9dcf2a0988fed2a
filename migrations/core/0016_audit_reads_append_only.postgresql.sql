-- The reads' index by object is append-only, as the log it indexes (0004); and found by batch,
-- for the audit's verification, which compares each batch's rows with its reads. OR REPLACE:
-- a database migrated at commits 472b64b to 5bc052e got the function and trigger from 0015.
CREATE OR REPLACE FUNCTION audit_read_objects_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_read_objects is append-only';
END;
$$;
CREATE OR REPLACE TRIGGER audit_read_objects_no_change BEFORE UPDATE OR DELETE OR TRUNCATE
  ON audit_read_objects FOR EACH STATEMENT EXECUTE FUNCTION audit_read_objects_append_only();
CREATE INDEX audit_read_objects_batch ON audit_read_objects(first_id);
