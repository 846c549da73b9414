-- Conflict searches look for similar names among distinct names, not registry rows. A registry
-- repeats names (one row per client and matter, the same names across firms), and a trigram
-- index's cost grows with its rows: the distinct names are about a third of the rows of a
-- large registry. A similar name then finds its rows through a plain index.

-- +goose Up
CREATE TABLE conflict_names (
    normalized text PRIMARY KEY
);
CREATE INDEX conflict_names_trgm_idx ON conflict_names USING gin (normalized gin_trgm_ops);
INSERT INTO conflict_names SELECT DISTINCT normalized FROM conflict_entries;

DROP INDEX conflict_entries_trgm_idx;
DROP INDEX conflict_entries_person_idx;
-- Both carry every column a check reads, so a check reads only the index once the rows are marked
-- visible to all (the import vacuums); otherwise each row of a common name costs a table page.
CREATE INDEX conflict_entries_name_idx ON conflict_entries (normalized, firm_id) INCLUDE (id, entry_id, name, kind, role);
CREATE INDEX conflict_entries_person_idx ON conflict_entries (person_key, firm_id) INCLUDE (id, entry_id, name, normalized, kind, role)
    WHERE person_key <> '';
ANALYZE conflict_names;

-- Statement-level triggers keep conflict_names exact for every way rows arrive or leave, including
-- COPY, at one statement per batch.
-- +goose StatementBegin
CREATE FUNCTION conflict_names_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO conflict_names SELECT DISTINCT normalized FROM new_rows ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- A name is removed with its last row. The lock waits for transactions that are adding names and
-- holds new ones back until this one ends, so a row added concurrently with the same name cannot
-- be left without it: its transaction either committed before the check below or adds the name
-- again after this one.
-- +goose StatementBegin
CREATE FUNCTION conflict_names_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE conflict_names IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM conflict_names n
    WHERE n.normalized IN (SELECT normalized FROM old_rows)
      AND NOT EXISTS (SELECT 1 FROM conflict_entries e WHERE e.normalized = n.normalized);
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER conflict_entries_names_add AFTER INSERT ON conflict_entries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conflict_names_add();
CREATE TRIGGER conflict_entries_names_remove AFTER DELETE ON conflict_entries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conflict_names_remove();

-- +goose Down
DROP TRIGGER conflict_entries_names_remove ON conflict_entries;
DROP TRIGGER conflict_entries_names_add ON conflict_entries;
DROP FUNCTION conflict_names_remove();
DROP FUNCTION conflict_names_add();
DROP INDEX conflict_entries_person_idx;
DROP INDEX conflict_entries_name_idx;
CREATE INDEX conflict_entries_person_idx ON conflict_entries (person_key) WHERE person_key <> '';
CREATE INDEX conflict_entries_trgm_idx ON conflict_entries USING gin (normalized gin_trgm_ops);
DROP TABLE conflict_names;
