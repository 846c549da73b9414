package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/problem"
)

// FeedbackLink is a row of feedback_links: a single-use link asking a matter's client for
// feedback, kept by the digest of its token.
type FeedbackLink struct {
	ID        uuid.UUID
	TokenHash []byte
	MatterID  uuid.UUID
	CreatedBy uuid.UUID
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// FeedbackAsk is what a link's page needs: the link, its matter's referral and the name of the
// organisation that asks.
type FeedbackAsk struct {
	FeedbackLink
	ReferralID uuid.UUID
	OrgName    string
}

// InsertFeedbackLink records a link; call it inside Tx.
func (s *Store) InsertFeedbackLink(ctx context.Context, l *FeedbackLink) error {
	return translate(s.with(ctx).Omit("CreatedAt").Create(l).Error, "feedback link")
}

// ExpireFeedbackLinks ends the unused links of a matter still valid at at; call it inside Tx.
func (s *Store) ExpireFeedbackLinks(ctx context.Context, matterID uuid.UUID, at time.Time) error {
	err := s.with(ctx).Exec(`UPDATE feedback_links SET expires_at = ? WHERE matter_id = ? AND used_at IS NULL AND expires_at > ?`,
		at, matterID, at).Error
	return translate(err, "feedback links")
}

// feedbackAskFrom selects FeedbackAsk from links (a table or a query's name) as l.
func feedbackAskFrom(links string) string {
	return `SELECT l.*, m.referral_id, o.name AS org_name
	FROM ` + links + ` l
	JOIN matters m ON m.id = l.matter_id
	JOIN referrals r ON r.id = m.referral_id
	JOIN organizations o ON o.id = r.org_id`
}

// ValidFeedbackLink returns the link of a token digest if it is unused and unexpired at now;
// NotFound otherwise.
func (s *Store) ValidFeedbackLink(ctx context.Context, hash []byte, now time.Time) (FeedbackAsk, error) {
	var out []FeedbackAsk
	err := s.with(ctx).Raw(feedbackAskFrom("feedback_links")+` WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ?`, hash, now).Scan(&out).Error
	if err != nil {
		return FeedbackAsk{}, translate(err, "feedback link")
	}
	if len(out) == 0 {
		return FeedbackAsk{}, problem.New(problem.NotFound, "Feedback link not found.")
	}
	return out[0], nil
}

// UseFeedbackLink marks the link of a token digest used at now, if it is unused and unexpired,
// and returns it; call it inside Tx. Of parallel uses of one link one statement wins; the others
// find it used and get NotFound.
func (s *Store) UseFeedbackLink(ctx context.Context, hash []byte, now time.Time) (FeedbackAsk, error) {
	var out []FeedbackAsk
	err := s.with(ctx).Raw(`WITH used AS (
			UPDATE feedback_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *)
		`+feedbackAskFrom("used"), now, hash, now).Scan(&out).Error
	if err != nil {
		return FeedbackAsk{}, translate(err, "feedback link")
	}
	if len(out) == 0 {
		return FeedbackAsk{}, problem.New(problem.NotFound, "Feedback link not found.")
	}
	return out[0], nil
}
