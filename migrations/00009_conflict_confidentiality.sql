-- A registry can be used as an oracle: add a guessed name, read the client's real spelling back
-- from the check. Hits on a referral's client therefore keep only the kind of match and the roles
-- (see conflict.clientReason), and a coordinator who needs more asks the referring organisation
-- (conflict_inquiries). Registry entries record who added them, so probing leaves a trace.

-- +goose Up
ALTER TABLE conflict_entries ADD COLUMN created_by uuid REFERENCES users (id);

-- exact: the same name after normalisation; similar: any near match.
ALTER TABLE conflict_hits ADD COLUMN match text NOT NULL DEFAULT 'similar' CHECK (match IN ('exact', 'similar'));
UPDATE conflict_hits SET match = 'exact' WHERE reason LIKE 'exact match after normalisation%';

-- Reasons stored for hits on a client quoted the client's name (in plaintext, beside an encrypted
-- party) and a similarity score; they are rewritten as conflict.clientReason words them, so that
-- re-running a check keeps their clearances. A hit whose position has no listed party is on the
-- client's own name, which every check includes.
UPDATE conflict_hits h SET reason =
    CASE h.match WHEN 'exact' THEN 'the same name after normalisation' ELSE 'a similar name' END ||
    '; the referral''s client party matches the firm''s ' ||
    CASE h.entry_role WHEN 'client' THEN 'current client' WHEN 'former_client' THEN 'former client'
        WHEN 'adverse' THEN 'adverse party' ELSE 'related party' END ||
    CASE WHEN h.reason LIKE '%(ABA Model Rule 6.5)%'
        THEN '; limited-scope program (ABA Model Rule 6.5): blocking only if the attorney knows of it' ELSE '' END
FROM conflict_checks c
WHERE c.id = h.check_id AND NOT EXISTS (SELECT 1 FROM referral_parties p
    WHERE p.referral_id = c.referral_id AND p.position = h.party_position AND p.role <> 'client');

-- A coordinator's question to the referring organisation about a hit on its client: is the
-- firm's entry (shown to them as it was when asked) the same person, or may the coordinator learn
-- the name? Not tied to the hit by a foreign key: the record of who asked, who answered and when
-- outlives a re-run that no longer finds the hit.
CREATE TABLE conflict_inquiries (
    id            uuid PRIMARY KEY,
    referral_id   uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    firm_id       uuid NOT NULL REFERENCES organizations (id),
    hit_id        uuid NOT NULL,
    question      text NOT NULL CHECK (question IN ('same_person', 'disclose_name')),
    entry_name    text NOT NULL,
    entry_kind    text NOT NULL,
    entry_aliases text[] NOT NULL DEFAULT '{}',
    asked_by      uuid NOT NULL REFERENCES users (id),
    asked_at      timestamptz NOT NULL DEFAULT now(),
    answer        text CHECK (answer IN ('same_person', 'different_person', 'disclose', 'decline')),
    answered_by   uuid REFERENCES users (id),
    answered_at   timestamptz,
    CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by IS NULL)),
    CHECK (answer IS NULL OR (question = 'same_person') = (answer IN ('same_person', 'different_person')))
);
-- One open question per hit at a time.
CREATE UNIQUE INDEX conflict_inquiries_open_idx ON conflict_inquiries (hit_id) WHERE answered_at IS NULL;
CREATE INDEX conflict_inquiries_referral_idx ON conflict_inquiries (referral_id, asked_at);

-- +goose Down
DROP TABLE conflict_inquiries;
ALTER TABLE conflict_hits DROP COLUMN match;
ALTER TABLE conflict_entries DROP COLUMN created_by;
