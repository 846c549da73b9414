-- The audit trail's lookups by who acted and by object, newest first: an investigation follows a
-- person or an object across organisations, and platform admins read the whole trail.

-- +goose Up
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id DESC);

-- +goose Down
DROP INDEX audit_log_object_idx;
DROP INDEX audit_log_actor_idx;
