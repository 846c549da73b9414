package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// TypeHoursReminders reminds attorneys with active matters who have logged no time for a while.
const TypeHoursReminders = "hours:reminders"

// hoursReminderEvery is how long an attorney with an active matter may log nothing before they are
// reminded, and reminded again while they still log nothing.
const hoursReminderEvery = 14 * 24 * time.Hour

// IdleAttorneyStore is what the hours reminders need from the database.
type IdleAttorneyStore interface {
	IdleAttorneys(ctx context.Context, idleBefore time.Time) ([]store.IdleAttorney, error)
}

// handleHoursReminders reminds each idle attorney once per 14 days of logging nothing, counted
// from their last entry (or the matter they took, if later), with an event id made from that
// moment and the period: the daily runs within a period remind nobody again, and a reminder after
// a new entry is a new one.
func handleHoursReminders(deps Deps) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		now := deps.now()
		idle, err := deps.Store.IdleAttorneys(ctx, now.Add(-hoursReminderEvery))
		if err != nil || len(idle) == 0 {
			return err
		}
		return notifyAll(ctx, deps.Store, deps.Notify, func(*store.Store) ([]notify.Event, error) {
			events := make([]notify.Event, 0, len(idle))
			for _, a := range idle {
				waited := now.Sub(a.Since)
				kind := string(notify.EventTimeReminder) + "/" + a.Since.UTC().Format(time.RFC3339Nano)
				events = append(events, notify.Event{
					ID: recurringEventID(kind, a.AttorneyID, int(waited/hoursReminderEvery)), Type: notify.EventTimeReminder,
					To: []uuid.UUID{a.AttorneyID}, Params: notify.Params{"days": fmt.Sprint(int(waited / (24 * time.Hour)))},
				})
			}
			return events, nil
		})
	}
}
