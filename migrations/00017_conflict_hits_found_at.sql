-- A coordinator's queue of potential conflicts to clear lists them oldest first, by when each hit
-- was found. A hit that a re-run of its check finds again keeps its row (see conflict.carryOver),
-- and with it the time it was first found; hits from before this column existed take their
-- check's time, the best that is known of them.

-- +goose Up
ALTER TABLE conflict_hits ADD COLUMN found_at timestamptz;
UPDATE conflict_hits h SET found_at = c.checked_at FROM conflict_checks c WHERE c.id = h.check_id;
ALTER TABLE conflict_hits ALTER COLUMN found_at SET DEFAULT now(), ALTER COLUMN found_at SET NOT NULL;

-- The queue reads a firm's checks that wait on a person (conflict_checks_firm_idx), then only
-- their uncleared potential hits: few rows of a table that holds every hit ever found.
CREATE INDEX conflict_hits_pending_idx ON conflict_hits (check_id, found_at, id) WHERE level = 'potential' AND cleared_at IS NULL;

-- +goose Down
DROP INDEX conflict_hits_pending_idx;
ALTER TABLE conflict_hits DROP COLUMN found_at;
