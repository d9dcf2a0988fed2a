-- Reads are sealed by batch (core/audit): a read is a row without a hash of its own, sealed,
-- with the others its batch appended, by the entry after them. The index by object leaves the
-- reads out; they are found by object through audit_read_objects, a row per object and batch
-- naming the ids between which its reads lie.
DROP INDEX audit_log_object;
CREATE INDEX audit_log_object ON audit_log(object_type, object_id) WHERE hash <> '';
CREATE TABLE audit_read_objects (
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  first_id BIGINT NOT NULL,
  last_id BIGINT NOT NULL
);
CREATE INDEX audit_read_objects_object ON audit_read_objects(object_type, object_id, first_id);
