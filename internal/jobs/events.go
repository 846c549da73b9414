package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/store"
)

// Queues, by weight: what people wait on first, housekeeping last. A busy low queue never starves
// the others, and a flood of notifications never delays sign-in emails.
const (
	QueueCritical = "critical"
	QueueDefault  = "default"
	QueueLow      = "low"
)

var queueWeights = map[string]int{QueueCritical: 6, QueueDefault: 3, QueueLow: 1}

// route is where and how the tasks of one type run.
type route struct {
	queue   string
	timeout time.Duration
	retries int
}

func (r route) options(taskID string) []asynq.Option {
	return []asynq.Option{asynq.TaskID(taskID), asynq.Queue(r.queue), asynq.Timeout(r.timeout), asynq.MaxRetry(r.retries)}
}

// EventStore is what an event's handler needs from the database: a transaction to do its work in
// and to mark its event done in, whether it is done, and a place to say why a payload was refused.
type EventStore interface {
	Tx(ctx context.Context, fn func(tx *store.Store) error) error
	EventDone(ctx context.Context, id uuid.UUID) (bool, error)
	FailOutbox(ctx context.Context, id uuid.UUID, reason string) error
}

// eventHandler runs fn for the event a task carries, in one transaction with marking the event
// done: its writes and "done" commit together, and a redelivered task (the relay hands an event over
// again when its task seems lost) finds the event done and changes nothing. A payload that cannot
// be decoded is refused at once, without retries: it would fail the same way every time.
func eventHandler[P any](db EventStore, fn func(ctx context.Context, tx *store.Store, eventID uuid.UUID, p P) error) asynq.HandlerFunc {
	return longEventHandler(db, nil, fn)
}

// longEventHandler is eventHandler for work too long for one transaction: work runs first, in
// transactions of its own, and must be safe to run again (a redelivered task, or a retry after a
// failure part way); then finish runs in the transaction that marks the event done. An event found
// done already is skipped.
func longEventHandler[P any](db EventStore, work func(ctx context.Context, eventID uuid.UUID, p P) error,
	finish func(ctx context.Context, tx *store.Store, eventID uuid.UUID, p P) error) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		eventID, p, err := decodeEvent[P](ctx, db, t)
		if err != nil {
			return err
		}
		if work != nil {
			if done, err := db.EventDone(ctx, eventID); err != nil || done {
				return err
			}
			if err := work(ctx, eventID, p); err != nil {
				return err
			}
		}
		return db.Tx(ctx, func(tx *store.Store) error {
			first, err := tx.FinishEvent(ctx, eventID)
			if err != nil || !first {
				return err
			}
			return finish(ctx, tx, eventID, p)
		})
	}
}

// decodeEvent reads the event id and payload a task carries; what cannot be read is refused for
// good (asynq.SkipRetry archives the task), with the reason recorded on the event.
func decodeEvent[P any](ctx context.Context, db EventStore, t *asynq.Task) (uuid.UUID, P, error) {
	var p P
	taskID, _ := asynq.GetTaskID(ctx)
	eventID, err := uuid.Parse(taskID)
	if err != nil {
		return eventID, p, fmt.Errorf("%s task %q does not carry an event id: %w", t.Type(), taskID, asynq.SkipRetry)
	}
	dec := json.NewDecoder(bytes.NewReader(t.Payload()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		reason := fmt.Sprintf("undecodable %s payload: %v", t.Type(), err)
		if ferr := db.FailOutbox(ctx, eventID, reason); ferr != nil {
			return eventID, p, fmt.Errorf("%s (and recording it: %v): %w", reason, ferr, asynq.SkipRetry)
		}
		return eventID, p, fmt.Errorf("%s: %w", reason, asynq.SkipRetry)
	}
	return eventID, p, nil
}
