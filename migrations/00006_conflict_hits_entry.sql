-- A registry entry removed singly re-checks only the referrals with a hit on it, found through
-- this index rather than by reading every hit of the firm's checks.

-- +goose Up
CREATE INDEX conflict_hits_entry_idx ON conflict_hits (entry_id);

-- +goose Down
DROP INDEX conflict_hits_entry_idx;
