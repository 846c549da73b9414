package jobs

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// TypeClearanceReminders reminds a firm's coordinators of a potential conflict that has waited for
// their decision too long.
const TypeClearanceReminders = "conflict:clearance_reminders"

// A check with a potential hit waiting clearanceReminderAfter since it was found reminds its firm's
// coordinators, then again every clearanceReminderEvery while one is still waiting.
const (
	clearanceReminderAfter = 48 * time.Hour
	clearanceReminderEvery = 24 * time.Hour
)

// ReminderStore is what the clearance reminders need from the database.
type ReminderStore interface {
	ChecksWaitingSince(ctx context.Context, foundBefore time.Time) ([]store.WaitingCheck, error)
}

// handleClearanceReminders sends one reminder per check and day of waiting past the first two, with
// an event id made from both: the hourly runs of a day after the first remind nobody again.
func handleClearanceReminders(deps Deps) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		now := deps.now()
		checks, err := deps.Store.ChecksWaitingSince(ctx, now.Add(-clearanceReminderAfter))
		if err != nil || len(checks) == 0 {
			return err
		}
		return notifyAll(ctx, deps.Store, deps.Notify, func(tx *store.Store) ([]notify.Event, error) {
			coordinators := recipients(func(firmID uuid.UUID) ([]uuid.UUID, error) { return deps.Notify.Coordinators(ctx, tx, firmID) })
			events := make([]notify.Event, 0, len(checks))
			for _, c := range checks {
				to, err := coordinators(c.FirmID)
				if err != nil {
					return nil, err
				}
				round := int(now.Sub(c.Since.Add(clearanceReminderAfter)) / clearanceReminderEvery)
				events = append(events, notify.Event{
					ID: recurringEventID(string(notify.EventClearanceReminder), c.CheckID, round), Type: notify.EventClearanceReminder, To: to,
					Params: notify.Params{"referral": c.ReferralID.String(), "area": c.PracticeArea, "jurisdiction": c.Jurisdiction},
				})
			}
			return events, nil
		})
	}
}
