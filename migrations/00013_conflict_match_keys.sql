-- Match keys find the variants of a name that trigrams score low: a person's phonetic keys
-- (Kuznetsov/Kuznetsoff, de la Cruz/Delacruz), an organisation's core (K-Mart Corporation/Kmart)
-- and acronym (American Civil Liberties Union/ACLU). The application computes them, as it does
-- normalized, and writes them with every row, COPY included. NULL marks a row written before this
-- migration: the application fills those in when it starts (conflict.Service.FillMatchKeys).

-- +goose Up
ALTER TABLE conflict_entries ADD COLUMN match_keys text[];
CREATE INDEX conflict_entries_keys_idx ON conflict_entries USING gin (match_keys);
CREATE INDEX conflict_entries_keys_missing_idx ON conflict_entries (id) WHERE match_keys IS NULL;

-- +goose Down
DROP INDEX conflict_entries_keys_missing_idx;
DROP INDEX conflict_entries_keys_idx;
ALTER TABLE conflict_entries DROP COLUMN match_keys;
