-- Row versions for optimistic concurrency: a read carries the version it saw (the ETag), a write
-- names it (If-Match) and is refused when someone else's write came first.

-- +goose Up
ALTER TABLE referrals ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE attorney_profiles ADD COLUMN version integer NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE attorney_profiles DROP COLUMN version;
ALTER TABLE referrals DROP COLUMN version;
