-- One running registry import per firm, across every API process: an import claims its firm's row
-- for a short lease that it renews while it runs, so a process that dies mid-import blocks the
-- firm's next import only until the lease runs out.

-- +goose Up
CREATE TABLE conflict_import_runs (
    firm_id    uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    run_id     uuid NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE conflict_import_runs;
