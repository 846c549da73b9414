-- The import-finished notification says how many lines were rejected as well as added.

-- +goose Up
ALTER TABLE conflict_imports ADD COLUMN rejected integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE conflict_imports DROP COLUMN rejected;
