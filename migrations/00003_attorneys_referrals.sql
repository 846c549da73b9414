-- Attorney profiles and referral intake. Client details are stored encrypted by the application
-- (AES-GCM; key_id names the key so keys can rotate); the database never sees them in plaintext.

-- +goose Up
CREATE TABLE attorney_profiles (
    user_id             uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    monthly_hour_budget int NOT NULL CHECK (monthly_hour_budget BETWEEN 0 AND 200),
    max_active_matters  int NOT NULL CHECK (max_active_matters BETWEEN 0 AND 50),
    annual_goal_hours   int NOT NULL CHECK (annual_goal_hours BETWEEN 0 AND 2000),
    work_mode           text NOT NULL CHECK (work_mode IN ('remote', 'in_person', 'either')),
    accepts_mentored    boolean NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attorney_bar_admissions (
    user_id      uuid NOT NULL REFERENCES attorney_profiles (user_id) ON DELETE CASCADE,
    jurisdiction text NOT NULL REFERENCES jurisdictions (code),
    bar_number   text NOT NULL CHECK (char_length(bar_number) BETWEEN 1 AND 50),
    status       text NOT NULL CHECK (status IN ('active', 'inactive')),
    admitted_on  date NOT NULL,
    PRIMARY KEY (user_id, jurisdiction)
);

CREATE TABLE attorney_practice_areas (
    user_id       uuid NOT NULL REFERENCES attorney_profiles (user_id) ON DELETE CASCADE,
    practice_area text NOT NULL REFERENCES practice_areas (code),
    experience    text NOT NULL CHECK (experience IN ('learning', 'some', 'experienced', 'expert')),
    PRIMARY KEY (user_id, practice_area)
);

CREATE TABLE attorney_languages (
    user_id  uuid NOT NULL REFERENCES attorney_profiles (user_id) ON DELETE CASCADE,
    language char(2) NOT NULL REFERENCES languages (code),
    PRIMARY KEY (user_id, language)
);

CREATE TABLE attorney_availability (
    user_id    uuid NOT NULL REFERENCES attorney_profiles (user_id) ON DELETE CASCADE,
    position   int NOT NULL,
    weekday    smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    starts_at  time NOT NULL,
    ends_at    time NOT NULL CHECK (ends_at > starts_at),
    time_zone  text NOT NULL,
    PRIMARY KEY (user_id, position)
);

CREATE TABLE attorney_blackouts (
    user_id  uuid NOT NULL REFERENCES attorney_profiles (user_id) ON DELETE CASCADE,
    position int NOT NULL,
    starts_on date NOT NULL,
    ends_on   date NOT NULL CHECK (ends_on >= starts_on),
    PRIMARY KEY (user_id, position)
);

CREATE TABLE referrals (
    id               uuid PRIMARY KEY,
    org_id           uuid NOT NULL REFERENCES organizations (id),
    created_by       uuid NOT NULL REFERENCES users (id),
    status           text NOT NULL CHECK (status IN ('draft', 'submitted', 'matching', 'offered', 'accepted', 'in_progress', 'closed', 'withdrawn', 'expired')),
    outcome          text,
    practice_area    text NOT NULL REFERENCES practice_areas (code),
    jurisdiction     text NOT NULL REFERENCES jurisdictions (code),
    language         char(2) REFERENCES languages (code),
    summary          text NOT NULL CHECK (char_length(summary) BETWEEN 10 AND 4000),
    urgency          text NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent', 'emergency')),
    -- urgency_rank orders referrals by urgency: emergency first.
    urgency_rank     smallint GENERATED ALWAYS AS (CASE urgency WHEN 'emergency' THEN 4 WHEN 'urgent' THEN 3 WHEN 'soon' THEN 2 ELSE 1 END) STORED,
    deadline         date,
    estimated_hours  int CHECK (estimated_hours BETWEEN 1 AND 2000),
    limited_scope    boolean NOT NULL,
    remote_allowed   boolean NOT NULL,
    household_size   int NOT NULL CHECK (household_size BETWEEN 1 AND 30),
    annual_income    bigint NOT NULL CHECK (annual_income >= 0),
    poverty_percent  numeric(7, 1) NOT NULL,
    guideline_year   int NOT NULL,
    guideline_region text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    submitted_at     timestamptz,
    FOREIGN KEY (guideline_year, guideline_region) REFERENCES poverty_guidelines (year, region)
);
CREATE INDEX referrals_org_created_idx ON referrals (org_id, created_at DESC, id);
-- Open referrals are what attorneys browse.
CREATE INDEX referrals_open_idx ON referrals (created_at DESC, id) WHERE status IN ('submitted', 'matching', 'offered');

-- The client's personal data: one encrypted JSON document per referral.
CREATE TABLE referral_clients (
    referral_id uuid PRIMARY KEY REFERENCES referrals (id) ON DELETE CASCADE,
    key_id      text NOT NULL,
    ciphertext  bytea NOT NULL
);

-- Parties' names may be the client's, so they are encrypted too; role and kind are not.
CREATE TABLE referral_parties (
    id          uuid PRIMARY KEY,
    referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    position    int NOT NULL,
    role        text NOT NULL CHECK (role IN ('client', 'adverse', 'related')),
    kind        text NOT NULL CHECK (kind IN ('person', 'organization')),
    key_id      text NOT NULL,
    ciphertext  bytea NOT NULL,
    UNIQUE (referral_id, position)
);

-- Who changed a referral, when, and which fields: names of fields, never their values.
CREATE TABLE referral_changes (
    id          bigserial PRIMARY KEY,
    referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id),
    action      text NOT NULL CHECK (action IN ('created', 'updated', 'status_changed')),
    fields      text[] NOT NULL DEFAULT '{}',
    from_status text,
    to_status   text,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_changes_referral_idx ON referral_changes (referral_id, id);

-- A repeated POST with the same Idempotency-Key returns what the first one created.
CREATE TABLE idempotency_keys (
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text NOT NULL,
    request_hash text NOT NULL,
    referral_id  uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE referral_changes;
DROP TABLE referral_parties;
DROP TABLE referral_clients;
DROP TABLE referrals;
DROP TABLE attorney_blackouts;
DROP TABLE attorney_availability;
DROP TABLE attorney_languages;
DROP TABLE attorney_practice_areas;
DROP TABLE attorney_bar_admissions;
DROP TABLE attorney_profiles;
