-- Conflict checking: each law firm's registry of clients, former clients, adverse and related
-- parties, and the stored result of checking a referral's parties against it.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per name: an entry's primary name and each alias share entry_id, so every name is
-- searchable with the same indexes and one COPY stream imports a registry.
CREATE TABLE conflict_entries (
    id         uuid PRIMARY KEY,
    entry_id   uuid NOT NULL,
    firm_id    uuid NOT NULL REFERENCES organizations (id),
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
    normalized text NOT NULL,
    person_key text NOT NULL DEFAULT '',
    is_alias   boolean NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('person', 'organization')),
    role       text NOT NULL CHECK (role IN ('client', 'former_client', 'adverse', 'related')),
    matter_ref text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conflict_entries_entry_idx ON conflict_entries (firm_id, entry_id);
CREATE INDEX conflict_entries_list_idx ON conflict_entries (firm_id, normalized, entry_id) WHERE NOT is_alias;
-- The candidate search uses only these two, without the firm: see store.ConflictCandidates.
CREATE INDEX conflict_entries_trgm_idx ON conflict_entries USING gin (normalized gin_trgm_ops);
CREATE INDEX conflict_entries_person_idx ON conflict_entries (person_key) WHERE person_key <> '';

-- A nonprofit's limited-scope program (ABA Model Rule 6.5): firm conflicts on its limited-scope
-- referrals are reported as potential, not blocking, unless the attorney knows of them.
ALTER TABLE organizations ADD COLUMN limited_scope_program boolean NOT NULL DEFAULT false;

CREATE TABLE conflict_checks (
    id          uuid PRIMARY KEY,
    referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    firm_id     uuid NOT NULL REFERENCES organizations (id),
    result      text NOT NULL CHECK (result IN ('clear', 'potential', 'conflict', 'cleared')),
    checked_by  uuid REFERENCES users (id),
    checked_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (referral_id, firm_id)
);
CREATE INDEX conflict_checks_firm_idx ON conflict_checks (firm_id, result);

CREATE TABLE conflict_hits (
    id             uuid PRIMARY KEY,
    check_id       uuid NOT NULL REFERENCES conflict_checks (id) ON DELETE CASCADE,
    entry_id       uuid NOT NULL,
    entry_name     text NOT NULL,
    entry_role     text NOT NULL,
    -- The referral party is named by position: its name is encrypted with the referral.
    party_position int NOT NULL,
    level          text NOT NULL CHECK (level IN ('potential', 'conflict')),
    reason         text NOT NULL,
    cleared_by     uuid REFERENCES users (id),
    cleared_at     timestamptz,
    clear_reason   text
);
CREATE INDEX conflict_hits_check_idx ON conflict_hits (check_id);

-- +goose Down
DROP TABLE conflict_hits;
DROP TABLE conflict_checks;
ALTER TABLE organizations DROP COLUMN limited_scope_program;
DROP TABLE conflict_entries;
