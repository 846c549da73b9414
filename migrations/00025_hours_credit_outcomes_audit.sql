-- Hours, billable-hour credit, outcomes and the audit trail: the time attorneys log on their
-- matters and its approval, the credit each approval earns under the firm's policy, how matters
-- close and what clients thought, the monthly roll-ups reports read, and an append-only,
-- hash-chained log of security- and credit-relevant actions.

-- +goose Up

-- Time an attorney gave to a matter, in 6-minute units. draft -> submitted -> approved | rejected;
-- a rejected entry is edited and submitted again. An approved entry never changes: a correction is
-- a new entry that adjusts it (adjusts_id), whose minutes may be negative.
CREATE TABLE time_entries (
    id            uuid PRIMARY KEY,
    matter_id     uuid NOT NULL REFERENCES matters (id),
    attorney_id   uuid NOT NULL REFERENCES users (id),
    firm_id       uuid NOT NULL REFERENCES organizations (id),
    work_date     date NOT NULL,
    minutes       int NOT NULL CHECK (minutes <> 0 AND minutes % 6 = 0 AND minutes BETWEEN -1440 AND 1440),
    activity      text NOT NULL CHECK (activity IN ('client_meeting', 'research', 'drafting', 'court_appearance',
                                                    'travel', 'training', 'supervision', 'administrative')),
    narrative     text NOT NULL DEFAULT '' CHECK (char_length(narrative) <= 4000),
    -- What the hour would have been billed at, in cents, for the billable-equivalent value.
    rate_cents    int CHECK (rate_cents BETWEEN 0 AND 10000000),
    status        text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    adjusts_id    uuid REFERENCES time_entries (id),
    -- How the entry came in, and the timekeeping system's id of an imported one.
    source        text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'batch', 'import')),
    external_id   text CHECK (char_length(external_id) BETWEEN 1 AND 100),
    submitted_at  timestamptz,
    decided_at    timestamptz,
    decided_by    uuid REFERENCES users (id),
    reject_reason text CHECK (char_length(reject_reason) <= 1000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1,
    CHECK (minutes > 0 OR adjusts_id IS NOT NULL),
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
);
-- An import run twice adds nothing twice.
CREATE UNIQUE INDEX time_entries_external_key ON time_entries (firm_id, external_id) WHERE external_id IS NOT NULL;
-- An attorney's timesheet, and the 24 hours a day limit.
CREATE INDEX time_entries_attorney_date_idx ON time_entries (attorney_id, work_date);
CREATE INDEX time_entries_matter_idx ON time_entries (matter_id, work_date);
-- A coordinator's approval queue and the firm's exports.
CREATE INDEX time_entries_firm_queue_idx ON time_entries (firm_id, status, work_date, id);
CREATE INDEX time_entries_adjusts_idx ON time_entries (adjusts_id) WHERE adjusts_id IS NOT NULL;

-- Approved entries are locked, whatever code runs against the table.
-- +goose StatementBegin
CREATE FUNCTION time_entries_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'approved' THEN
        RAISE EXCEPTION 'time entry % is approved and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER time_entries_locked BEFORE UPDATE OR DELETE ON time_entries
    FOR EACH ROW EXECUTE FUNCTION time_entries_locked();

-- Approved minutes by firm, month, attorney, practice area, referring organisation and activity:
-- what reports and dashboards read instead of the entries themselves. Kept by the trigger below
-- in the approving transaction.
CREATE TABLE hours_monthly (
    firm_id       uuid NOT NULL,
    month         date NOT NULL CHECK (extract(day FROM month) = 1),
    attorney_id   uuid NOT NULL,
    practice_area text NOT NULL,
    referrer_id   uuid NOT NULL,
    activity      text NOT NULL,
    minutes       bigint NOT NULL,
    entries       int NOT NULL,
    PRIMARY KEY (firm_id, month, attorney_id, practice_area, referrer_id, activity)
);
CREATE INDEX hours_monthly_referrer_idx ON hours_monthly (referrer_id, month);

-- +goose StatementBegin
CREATE FUNCTION hours_monthly_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'approved' AND (TG_OP = 'INSERT' OR OLD.status <> 'approved') THEN
        INSERT INTO hours_monthly AS h (firm_id, month, attorney_id, practice_area, referrer_id, activity, minutes, entries)
        SELECT NEW.firm_id, date_trunc('month', NEW.work_date)::date, NEW.attorney_id, r.practice_area, r.org_id,
               NEW.activity, NEW.minutes, 1
        FROM matters m JOIN referrals r ON r.id = m.referral_id
        WHERE m.id = NEW.matter_id
        ON CONFLICT (firm_id, month, attorney_id, practice_area, referrer_id, activity)
        DO UPDATE SET minutes = h.minutes + EXCLUDED.minutes, entries = h.entries + 1;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER hours_monthly_add AFTER INSERT OR UPDATE OF status ON time_entries
    FOR EACH ROW EXECUTE FUNCTION hours_monthly_add();

-- A firm's credit policy, from a date on: a change is a new row, so credit already granted keeps
-- the version it was granted under. The fiscal year starts on the first of fiscal_year_start_month.
CREATE TABLE credit_policies (
    id                      uuid PRIMARY KEY,
    firm_id                 uuid NOT NULL REFERENCES organizations (id),
    effective_from          date NOT NULL,
    fiscal_year_start_month smallint NOT NULL CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    -- Creditable hours per attorney per fiscal year; NULL: no cap.
    annual_cap_hours        numeric(7, 1) CHECK (annual_cap_hours > 0),
    -- Credited hours per approved hour.
    credit_ratio            numeric(4, 2) NOT NULL CHECK (credit_ratio > 0 AND credit_ratio <= 2),
    eligible_activities     text[] NOT NULL,
    training_counts         boolean NOT NULL,
    supervision_counts      boolean NOT NULL,
    -- Which matters earn credit: all, or only those for clients of limited means.
    matter_eligibility      text NOT NULL CHECK (matter_eligibility IN ('all', 'limited_means')),
    -- How the firm measures itself against the Law Firm Pro Bono Challenge.
    challenge_measure       text NOT NULL CHECK (challenge_measure IN ('percentage', 'per_attorney')),
    created_by              uuid NOT NULL REFERENCES users (id),
    created_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (firm_id, effective_from)
);

-- What the coordinator enters each fiscal year for the Challenge: the firm's client-paying
-- billable hours, and how many attorneys it counts.
CREATE TABLE firm_billable_hours (
    firm_id        uuid NOT NULL REFERENCES organizations (id),
    fiscal_year    int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    billable_hours numeric(12, 1) NOT NULL CHECK (billable_hours >= 0),
    attorneys      int NOT NULL CHECK (attorneys >= 0),
    updated_by     uuid NOT NULL REFERENCES users (id),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (firm_id, fiscal_year)
);

-- The credit each approved entry earned: one row per entry, never changed. policy_id is NULL when
-- the firm had no policy in force.
CREATE TABLE credit_ledger (
    id             bigserial PRIMARY KEY,
    entry_id       uuid NOT NULL REFERENCES time_entries (id),
    attorney_id    uuid NOT NULL REFERENCES users (id),
    firm_id        uuid NOT NULL REFERENCES organizations (id),
    policy_id      uuid REFERENCES credit_policies (id),
    fiscal_year    int NOT NULL,
    work_date      date NOT NULL,
    hours          numeric(7, 1) NOT NULL,
    credited_hours numeric(8, 2) NOT NULL,
    cap_applied    boolean NOT NULL,
    reason         text NOT NULL CHECK (char_length(reason) <= 500),
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- Two coordinators approving the same entry at once write one row.
CREATE UNIQUE INDEX credit_ledger_entry_key ON credit_ledger (entry_id);
CREATE INDEX credit_ledger_firm_year_idx ON credit_ledger (firm_id, fiscal_year, attorney_id);

-- +goose StatementBegin
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- How a matter closed: the Legal Services Corporation's closing category, whether the client's
-- goal was met, and the hours the attorney reported.
ALTER TABLE matters ADD COLUMN outcome text CHECK (outcome IN (
    'counsel_advice', 'limited_action', 'settlement_without_litigation', 'settlement_with_litigation',
    'agency_decision', 'court_uncontested', 'court_contested', 'court_appeal', 'other'));
ALTER TABLE matters ADD COLUMN goal_met boolean;
ALTER TABLE matters ADD COLUMN closing_hours numeric(7, 1) CHECK (closing_hours >= 0);
ALTER TABLE matters ADD COLUMN outcome_note text CHECK (char_length(outcome_note) <= 2000);
ALTER TABLE matters ADD COLUMN closed_by uuid REFERENCES users (id);
ALTER TABLE matters ADD CONSTRAINT matters_closed_outcome_check CHECK ((status = 'closed') = (outcome IS NOT NULL AND goal_met IS NOT NULL));

-- What a client thought of the help: recorded by the referring organisation's staff, or by the
-- client through a single-use link. The comment is the client's words, so it is encrypted.
CREATE TABLE client_feedback (
    id           uuid PRIMARY KEY,
    matter_id    uuid NOT NULL REFERENCES matters (id),
    referral_id  uuid NOT NULL REFERENCES referrals (id),
    satisfaction smallint NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    key_id       text,
    comment      bytea,
    source       text NOT NULL CHECK (source IN ('staff', 'client_link')),
    recorded_by  uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((source = 'staff') = (recorded_by IS NOT NULL))
);
CREATE INDEX client_feedback_matter_idx ON client_feedback (matter_id);

-- A link that asks the client for feedback without an account: only the token's hash is kept, and
-- it is used once.
CREATE TABLE feedback_links (
    id         uuid PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    matter_id  uuid NOT NULL REFERENCES matters (id),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX feedback_links_matter_idx ON feedback_links (matter_id);

-- The audit trail: who did what to which object, from where. before and after never hold client
-- details. Each row carries the hash of the previous row and its own; ids are gapless and in chain
-- order because the store assigns them under the lock of audit_chain_head, so a deleted, changed or
-- inserted row breaks the chain.
CREATE TABLE audit_log (
    id          bigint PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_id    uuid,
    org_id      uuid,
    action      text NOT NULL CHECK (action <> '' AND char_length(action) <= 100),
    object_type text NOT NULL DEFAULT '' CHECK (char_length(object_type) <= 100),
    object_id   text NOT NULL DEFAULT '' CHECK (char_length(object_id) <= 200),
    before      jsonb,
    after       jsonb,
    request_id  text NOT NULL DEFAULT '' CHECK (char_length(request_id) <= 200),
    ip          inet,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL
);
CREATE INDEX audit_log_org_idx ON audit_log (org_id, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);

-- The chain's last link: locked by each writer until it commits, so links never fork.
CREATE TABLE audit_chain_head (
    id        boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_id   bigint NOT NULL,
    last_hash bytea NOT NULL
);
INSERT INTO audit_chain_head (last_id, last_hash) VALUES (0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- +goose Down
DROP TABLE audit_chain_head;
DROP TABLE audit_log;
DROP TABLE feedback_links;
DROP TABLE client_feedback;
ALTER TABLE matters DROP CONSTRAINT matters_closed_outcome_check;
ALTER TABLE matters DROP COLUMN closed_by, DROP COLUMN outcome_note, DROP COLUMN closing_hours,
    DROP COLUMN goal_met, DROP COLUMN outcome;
DROP TABLE credit_ledger;
DROP FUNCTION append_only();
DROP TABLE firm_billable_hours;
DROP TABLE credit_policies;
DROP TABLE hours_monthly;
DROP FUNCTION hours_monthly_add();
DROP TABLE time_entries;
DROP FUNCTION time_entries_locked();
