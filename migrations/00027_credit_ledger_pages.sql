-- The ledger's pages, newest first: an attorney's own, and a firm's.

-- +goose Up
CREATE INDEX credit_ledger_attorney_page_idx ON credit_ledger (attorney_id, id DESC);
CREATE INDEX credit_ledger_firm_page_idx ON credit_ledger (firm_id, id DESC);

-- +goose Down
DROP INDEX credit_ledger_firm_page_idx;
DROP INDEX credit_ledger_attorney_page_idx;
