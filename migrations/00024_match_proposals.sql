-- The nightly batch matching: each run solves the assignment of every open referral nobody has
-- been offered to the attorneys with room, and proposes the result to the firms' coordinators, who
-- send a proposal as a routed offer or dismiss it.

-- +goose Up

-- One row per run. A scheduled run's id is made from its tick, so a tick delivered twice finds its
-- row and writes nothing again.
CREATE TABLE match_runs (
    id          uuid PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- What the run saw and found: the referrals it tried to place, how many it placed, and the
    -- total score of the assignment.
    referrals   int NOT NULL CHECK (referrals >= 0),
    matched     int NOT NULL CHECK (matched >= 0 AND matched <= referrals),
    total_score double precision NOT NULL CHECK (total_score >= 0)
);

-- A proposal: the run's assignment of one referral to one attorney of a firm. proposed until a
-- coordinator sends it (a routed offer, offer_id) or dismisses it, or the next run supersedes it.
CREATE TABLE match_proposals (
    id          uuid PRIMARY KEY,
    run_id      uuid NOT NULL REFERENCES match_runs (id) ON DELETE CASCADE,
    referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    attorney_id uuid NOT NULL REFERENCES users (id),
    firm_id     uuid NOT NULL REFERENCES organizations (id),
    score       double precision NOT NULL CHECK (score > 0 AND score <= 1),
    status      text NOT NULL CHECK (status IN ('proposed', 'sent', 'dismissed', 'superseded')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz,
    decided_by  uuid REFERENCES users (id),
    offer_id    uuid REFERENCES offers (id),
    UNIQUE (run_id, referral_id),
    CHECK ((status = 'sent') = (offer_id IS NOT NULL)),
    CHECK ((status IN ('sent', 'dismissed')) = (decided_by IS NOT NULL))
);
-- Each referral has at most one live proposal: a run supersedes the last one's first.
CREATE UNIQUE INDEX match_proposals_live_key ON match_proposals (referral_id) WHERE status = 'proposed';
-- A firm's coordinators' list.
CREATE INDEX match_proposals_firm_idx ON match_proposals (firm_id, created_at DESC);
-- A run leaves out the pairs a coordinator dismissed.
CREATE INDEX match_proposals_dismissed_idx ON match_proposals (referral_id, attorney_id) WHERE status = 'dismissed';

-- +goose Down
DROP TABLE match_proposals;
DROP TABLE match_runs;
