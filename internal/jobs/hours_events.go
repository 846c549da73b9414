package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// handleTimeDecided tells an attorney that entries of theirs were approved, or returned for
// changes, in one notification however many entries one decision took: their count and hours,
// never their narratives or the reason given (either may tell of the client; the timesheet shows
// them to the attorney).
func handleTimeDecided(db EventStore, n notify.Notifier, kind notify.EventType) asynq.HandlerFunc {
	return notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e hours.DecidedEvent) ([]notify.Event, error) {
		rows, err := tx.TimeEntriesByIDs(ctx, e.EntryIDs)
		if err != nil {
			return nil, err
		}
		minutes := 0
		for _, r := range rows {
			minutes += r.Minutes
		}
		return []notify.Event{{ID: eventID, Type: kind, To: []uuid.UUID{e.AttorneyID},
			Params: notify.Params{"entries": entriesCount(len(rows)), "hours": hours.Hours(minutes)}}}, nil
	})
}

func entriesCount(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// hoursTasks are the hours events' tasks and the reminders'.
func hoursTasks(deps Deps) map[string]task {
	r := route{QueueDefault, time.Minute, 10}
	return map[string]task{
		hours.EventApproved: {r, handleTimeDecided(deps.Store, deps.Notify, notify.EventTimeApproved)},
		hours.EventRejected: {r, handleTimeDecided(deps.Store, deps.Notify, notify.EventTimeRejected)},
		TypeHoursReminders:  {route{QueueLow, 10 * time.Minute, 3}, handleHoursReminders(deps)},
	}
}
