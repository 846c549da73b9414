-- A committed registry import re-checks the firm's open referrals in the worker. Until a
-- referral's check has run again the firm does not see it (recheck_pending), so no firm sees a
-- referral its current registry has not cleared; conflict_imports shows the coordinator how far
-- the re-check has got.

-- +goose Up
ALTER TABLE conflict_checks ADD COLUMN recheck_pending boolean NOT NULL DEFAULT false;

CREATE TABLE conflict_imports (
    id          uuid PRIMARY KEY,
    firm_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    imported_by uuid REFERENCES users (id) ON DELETE SET NULL,
    accepted    integer NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'checking', 'done')),
    checked     integer NOT NULL DEFAULT 0,
    to_check    integer NOT NULL DEFAULT 0,
    finished_at timestamptz
);
CREATE INDEX conflict_imports_firm ON conflict_imports (firm_id, created_at DESC);

-- +goose Down
DROP TABLE conflict_imports;
ALTER TABLE conflict_checks DROP COLUMN recheck_pending;
