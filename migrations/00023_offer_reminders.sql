-- When the "offer expiring in 24 hours" reminder went out, so that it goes out once per offer
-- however often the expiry job runs.

-- +goose Up
ALTER TABLE offers ADD COLUMN reminded_at timestamptz;

-- +goose Down
ALTER TABLE offers DROP COLUMN reminded_at;
