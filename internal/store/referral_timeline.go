package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
)

// TimelineEntry is one step of a referral's history as its referrer reads it: who did it, and for
// the matching steps the attorney concerned and their firm.
type TimelineEntry struct {
	ID           int64
	At           time.Time
	Action       string
	ActorName    string
	Fields       pq.StringArray `gorm:"type:text[]"`
	FromStatus   *string
	ToStatus     *string
	Reason       *string
	AttorneyID   *uuid.UUID
	AttorneyName *string
	FirmName     *string
}

// ReferralTimeline lists up to limit steps of a referral's history after the step afterID (0: from
// the start), oldest first, in one query.
func (s *Store) ReferralTimeline(ctx context.Context, referralID uuid.UUID, afterID int64, limit int) ([]TimelineEntry, error) {
	var out []TimelineEntry
	err := s.with(ctx).Raw(`SELECT c.id, c.at, c.action, actor.name AS actor_name, c.fields, c.from_status, c.to_status,
			c.reason, c.attorney_id, a.name AS attorney_name, firm.name AS firm_name
		FROM referral_changes c
		JOIN users actor ON actor.id = c.user_id
		LEFT JOIN users a ON a.id = c.attorney_id
		LEFT JOIN memberships am ON am.user_id = c.attorney_id
		LEFT JOIN organizations firm ON firm.id = am.org_id
		WHERE c.referral_id = ? AND c.id > ?
		ORDER BY c.id LIMIT ?`, referralID, afterID, limit).Scan(&out).Error
	return out, translate(err, "referral timeline")
}
