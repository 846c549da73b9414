-- Matching: offers of a referral to attorneys, the matter an accepted offer opens, who saw the
-- client's details, partnerships between firms and referring organisations, and the matching
-- settings platform admins tune.

-- +goose Up

-- Whether an attorney still learning the practice area may take the referral, mentored by a more
-- experienced attorney of the same firm.
ALTER TABLE referrals ADD COLUMN mentored_ok boolean NOT NULL DEFAULT false;

-- An offer asks one attorney to take a referral. sequential: the best candidate, then the next when
-- it expires or is declined; broadcast: the top K at once, the first to accept wins; routed: a firm
-- coordinator chose the attorney; volunteer: the attorney said "I'm interested" and the referring
-- organisation confirms.
CREATE TABLE offers (
    id             uuid PRIMARY KEY,
    referral_id    uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    attorney_id    uuid NOT NULL REFERENCES users (id),
    firm_id        uuid NOT NULL REFERENCES organizations (id),
    mode           text NOT NULL CHECK (mode IN ('sequential', 'broadcast', 'routed', 'volunteer')),
    status         text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'closed')),
    -- The candidate's score and rank when the offer was made, kept for the referral's history.
    score          double precision CHECK (score BETWEEN 0 AND 1),
    rank           int,
    offered_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- NULL for a volunteer's offer, which waits on the referring organisation instead.
    expires_at     timestamptz,
    viewed_at      timestamptz,
    responded_at   timestamptz,
    decline_reason text CHECK (decline_reason IN ('no_capacity', 'conflict', 'outside_expertise', 'other')),
    decline_note   text CHECK (char_length(decline_note) <= 1000),
    CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
-- One open offer per attorney and referral.
CREATE UNIQUE INDEX offers_pending_key ON offers (referral_id, attorney_id) WHERE status = 'pending';
CREATE INDEX offers_referral_idx ON offers (referral_id, created_at);
-- The attorney's inbox, and fairness (offers an attorney received recently).
CREATE INDEX offers_attorney_idx ON offers (attorney_id, created_at DESC);
-- The expiry job.
CREATE INDEX offers_expiry_idx ON offers (expires_at) WHERE status = 'pending';

-- A matter is a referral an attorney accepted: the attorney's work for the client.
CREATE TABLE matters (
    id              uuid PRIMARY KEY,
    referral_id     uuid NOT NULL REFERENCES referrals (id),
    attorney_id     uuid NOT NULL REFERENCES users (id),
    firm_id         uuid NOT NULL REFERENCES organizations (id),
    offer_id        uuid NOT NULL REFERENCES offers (id),
    status          text NOT NULL CHECK (status IN ('active', 'withdrawn', 'closed')),
    -- The attorney's "I know of no conflict", given when accepting.
    attested_at     timestamptz NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    -- When the attorney began work with the client (the referral moves to in_progress).
    in_progress_at  timestamptz,
    ended_at        timestamptz,
    withdraw_reason text CHECK (withdraw_reason IN ('no_capacity', 'conflict', 'client_unreachable', 'other')),
    withdraw_note   text CHECK (char_length(withdraw_note) <= 1000),
    CHECK ((status = 'withdrawn') = (withdraw_reason IS NOT NULL))
);
-- Exactly one attorney holds a referral at a time: of parallel acceptances, one insert wins.
CREATE UNIQUE INDEX matters_active_referral_key ON matters (referral_id) WHERE status = 'active';
CREATE INDEX matters_attorney_idx ON matters (attorney_id, started_at DESC);
CREATE INDEX matters_firm_idx ON matters (firm_id, started_at DESC);

-- Every time someone outside the referring organisation was shown a client's details.
CREATE TABLE client_reveals (
    id          bigserial PRIMARY KEY,
    referral_id uuid NOT NULL REFERENCES referrals (id),
    matter_id   uuid NOT NULL REFERENCES matters (id),
    user_id     uuid NOT NULL REFERENCES users (id),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX client_reveals_referral_idx ON client_reveals (referral_id, at);

-- A referral's history for its referrer: the matching steps join the edits already recorded.
-- attorney_id names the attorney an offer step concerns; reason is a decline's or withdrawal's code.
ALTER TABLE referral_changes DROP CONSTRAINT referral_changes_action_check;
ALTER TABLE referral_changes ADD CONSTRAINT referral_changes_action_check CHECK (action IN (
    'created', 'updated', 'status_changed',
    'offered', 'viewed', 'declined', 'expired', 'accepted', 'interested', 'matter_withdrawn', 'matter_started'));
ALTER TABLE referral_changes ADD COLUMN attorney_id uuid REFERENCES users (id);
ALTER TABLE referral_changes ADD COLUMN reason text;

-- A partnership is a firm's commitment to a referring organisation (often a memorandum of
-- understanding): the practice areas it covers (empty: all), the hours it pledges each year.
CREATE TABLE partnerships (
    id             uuid PRIMARY KEY,
    firm_id        uuid NOT NULL REFERENCES organizations (id),
    referrer_id    uuid NOT NULL REFERENCES organizations (id),
    practice_areas text[] NOT NULL DEFAULT '{}',
    pledged_hours  int NOT NULL CHECK (pledged_hours BETWEEN 0 AND 100000),
    starts_on      date NOT NULL,
    ends_on        date CHECK (ends_on >= starts_on),
    contact_name   text NOT NULL DEFAULT '' CHECK (char_length(contact_name) <= 200),
    contact_email  text NOT NULL DEFAULT '' CHECK (char_length(contact_email) <= 254),
    notes          text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 2000),
    created_by     uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1,
    CHECK (firm_id <> referrer_id)
);
CREATE INDEX partnerships_firm_idx ON partnerships (firm_id);
CREATE INDEX partnerships_referrer_idx ON partnerships (referrer_id);

-- The platform's matching settings: one row. weights are the scores' weights by name; offer
-- windows are how long an offer stays open, by urgency, in minutes.
CREATE TABLE matching_settings (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    weights       jsonb NOT NULL,
    offer_windows jsonb NOT NULL,
    updated_by    uuid REFERENCES users (id),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1
);
INSERT INTO matching_settings (weights, offer_windows) VALUES (
    '{"experience": 3, "availability": 2, "capacity": 2, "goal": 1, "partnership": 1, "language": 1, "fairness": 2, "urgency": 1}',
    '{"routine": 4320, "soon": 2880, "urgent": 1440, "emergency": 240}');

-- +goose Down
DROP TABLE matching_settings;
DROP TABLE partnerships;
ALTER TABLE referral_changes DROP COLUMN reason;
ALTER TABLE referral_changes DROP COLUMN attorney_id;
DELETE FROM referral_changes WHERE action NOT IN ('created', 'updated', 'status_changed');
ALTER TABLE referral_changes DROP CONSTRAINT referral_changes_action_check;
ALTER TABLE referral_changes ADD CONSTRAINT referral_changes_action_check CHECK (action IN ('created', 'updated', 'status_changed'));
DROP TABLE client_reveals;
DROP TABLE matters;
DROP TABLE offers;
ALTER TABLE referrals DROP COLUMN mentored_ok;
