package jobs

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// TypeStaleReferrals tells referring organisations of their referrals no firm has taken for days.
const TypeStaleReferrals = "referral:stale_alerts"

// StaleReferralStore is what the stale referral alerts need from the database.
type StaleReferralStore interface {
	UntakenReferralsSince(ctx context.Context, submittedBefore time.Time) ([]store.UntakenReferral, error)
}

// handleStaleReferrals tells a referral's organisation once per StaleReferralDays it waits untaken,
// with an event id made from the referral and the period: runs within a period tell nobody again.
func handleStaleReferrals(deps Deps) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		now := deps.now()
		period := time.Duration(deps.StaleReferralDays) * 24 * time.Hour
		referrals, err := deps.Store.UntakenReferralsSince(ctx, now.Add(-period))
		if err != nil || len(referrals) == 0 {
			return err
		}
		return notifyAll(ctx, deps.Store, deps.Notify, func(tx *store.Store) ([]notify.Event, error) {
			staff := recipients(func(orgID uuid.UUID) ([]uuid.UUID, error) { return deps.Notify.Staff(ctx, tx, orgID) })
			events := make([]notify.Event, 0, len(referrals))
			for _, r := range referrals {
				to, err := staff(r.OrgID)
				if err != nil {
					return nil, err
				}
				waited := now.Sub(r.SubmittedAt)
				events = append(events, notify.Event{
					ID: recurringEventID(string(notify.EventReferralStale), r.ID, int(waited/period)), Type: notify.EventReferralStale, To: to,
					Params: notify.Params{"referral": r.ID.String(), "area": r.PracticeArea, "jurisdiction": r.Jurisdiction,
						"days": strconv.Itoa(int(waited / (24 * time.Hour)))},
				})
			}
			return events, nil
		})
	}
}
