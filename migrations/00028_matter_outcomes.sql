-- Closing matters with their outcome, and what the referring organisation's impact page reads:
-- the referral's history names the closing, and the impact figures find a referrer's matters and
-- feedback by referral without scanning the tables.

-- +goose Up

ALTER TABLE referral_changes DROP CONSTRAINT referral_changes_action_check;
ALTER TABLE referral_changes ADD CONSTRAINT referral_changes_action_check CHECK (action IN (
    'created', 'updated', 'status_changed',
    'offered', 'viewed', 'declined', 'expired', 'accepted', 'interested', 'matter_withdrawn', 'matter_started',
    'matter_closed'));

CREATE INDEX matters_referral_idx ON matters (referral_id, started_at);
CREATE INDEX referrals_org_submitted_idx ON referrals (org_id, submitted_at) WHERE submitted_at IS NOT NULL;
CREATE INDEX client_feedback_referral_idx ON client_feedback (referral_id, created_at);

-- +goose Down
DROP INDEX client_feedback_referral_idx;
DROP INDEX referrals_org_submitted_idx;
DROP INDEX matters_referral_idx;
DELETE FROM referral_changes WHERE action = 'matter_closed';
ALTER TABLE referral_changes DROP CONSTRAINT referral_changes_action_check;
ALTER TABLE referral_changes ADD CONSTRAINT referral_changes_action_check CHECK (action IN (
    'created', 'updated', 'status_changed',
    'offered', 'viewed', 'declined', 'expired', 'accepted', 'interested', 'matter_withdrawn', 'matter_started'));
