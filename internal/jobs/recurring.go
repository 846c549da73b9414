package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/store"
)

// recurringNamespace makes the ids of the reminders periodic jobs send.
var recurringNamespace = uuid.MustParse("4c57f57b-27de-4887-8371-22ef70a5c9b3")

// recurringEventID is the event id of the round-th reminder of some kind about subject: the same
// for every run within a round, so a job that runs more often than it reminds records each reminder
// once (Notify does nothing for an event id it has seen) and needs no state of its own.
func recurringEventID(kind string, subject uuid.UUID, round int) uuid.UUID {
	return uuid.NewSHA1(recurringNamespace, fmt.Appendf(nil, "%s/%s/%d", kind, subject, round))
}

// recipients looks up each organisation's recipients once per run, however many of its checks or
// referrals the run reminds of.
func recipients(lookup func(orgID uuid.UUID) ([]uuid.UUID, error)) func(orgID uuid.UUID) ([]uuid.UUID, error) {
	known := map[uuid.UUID][]uuid.UUID{}
	return func(orgID uuid.UUID) ([]uuid.UUID, error) {
		if to, ok := known[orgID]; ok {
			return to, nil
		}
		to, err := lookup(orgID)
		if err == nil {
			known[orgID] = to
		}
		return to, err
	}
}

// notifyAll records the events in one transaction, then sends their emails that are due now. An
// email that cannot be sent now is an error, so the task is retried; the retry records nothing
// new, and the minutely send-due job sends it too.
func notifyAll(ctx context.Context, db EventStore, n notify.Notifier, events func(tx *store.Store) ([]notify.Event, error)) error {
	var sent []uuid.UUID
	err := db.Tx(ctx, func(tx *store.Store) error {
		es, err := events(tx)
		if err != nil {
			return err
		}
		for _, e := range es {
			if err := n.Notify(ctx, tx, e); err != nil {
				return err
			}
			sent = append(sent, e.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range sent {
		if err := n.SendDue(ctx, id); !errors.Is(err, notify.ErrBusy) { // another run is sending it
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
