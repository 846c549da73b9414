package jobs

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/platform/outbox"
)

// OutboxStore is what the relay needs from the database.
type OutboxStore interface {
	ClaimOutbox(ctx context.Context, limit int, redeliverAfter time.Duration, maxAttempts int) ([]outbox.Event, error)
	ReleaseOutbox(ctx context.Context, id uuid.UUID, reason string) error
	ListenOutbox(ctx context.Context, wake func()) error
}

const (
	// claimBatch is how many events one claim takes; a full batch is followed by another at once.
	claimBatch = 100
	// enqueueConcurrency is how many events of a batch are being enqueued at once, each on a Redis
	// connection of its own (the client's pool holds ten per CPU).
	enqueueConcurrency = 8
	// maxEventAttempts stops handing over an event whose job never finishes (its payload cannot be
	// decoded, or its handler always fails): after that it waits for a person, its last_error says why.
	maxEventAttempts = 25
	// listenRetry is how long the relay waits before listening again after the connection failed;
	// polling carries on meanwhile.
	listenRetry = 5 * time.Second
)

// relay hands committed outbox events to the job queue. Any number may run at once: each claim
// takes events no other relay holds. Woken by LISTEN/NOTIFY when events commit, it also polls, so a
// lost notification or a broken listening connection only delays events.
type relay struct {
	db             OutboxStore
	queue          *asynq.Client
	routes         map[string]route
	poll           time.Duration
	redeliverAfter time.Duration
	log            *slog.Logger
}

func (r *relay) run(ctx context.Context) {
	wake := make(chan struct{}, 1)
	notify := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	go r.listen(ctx, notify)
	ticker := time.NewTicker(r.poll)
	defer ticker.Stop()
	for {
		for r.relayBatch(ctx) == claimBatch {
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-ticker.C:
		}
	}
}

func (r *relay) listen(ctx context.Context, wake func()) {
	for {
		err := r.db.ListenOutbox(ctx, wake)
		if ctx.Err() != nil {
			return
		}
		r.log.WarnContext(ctx, "not listening for outbox events; polling meanwhile", "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(listenRetry):
		}
	}
}

// relayBatch claims one batch and enqueues it, returning how many it claimed. The events are
// enqueued a few at a time, so a batch costs a few Redis round trips rather than one per event;
// their order was never kept anyway, as the worker runs several tasks at once. An event the queue
// refuses is released for the next claim; one whose task is still queued (a redelivery of a slow
// or retrying job) is left to it.
func (r *relay) relayBatch(ctx context.Context) int {
	events, err := r.db.ClaimOutbox(ctx, claimBatch, r.redeliverAfter, maxEventAttempts)
	if err != nil {
		if ctx.Err() == nil {
			r.log.WarnContext(ctx, "claiming outbox events", "error", err)
		}
		return 0
	}
	next := make(chan outbox.Event)
	var wg sync.WaitGroup
	for range min(enqueueConcurrency, len(events)) {
		wg.Go(func() {
			for e := range next {
				r.enqueue(ctx, e)
			}
		})
	}
	for _, e := range events {
		next <- e
	}
	close(next)
	wg.Wait()
	return len(events)
}

// enqueue hands one claimed event to the queue, or releases it.
func (r *relay) enqueue(ctx context.Context, e outbox.Event) {
	rt, ok := r.routes[e.Type]
	if !ok {
		r.log.ErrorContext(ctx, "outbox event of no known type", "event", e.ID, "type", e.Type)
		return
	}
	_, err := r.queue.EnqueueContext(ctx, asynq.NewTask(e.Type, e.Payload), rt.options(e.ID.String())...)
	if err == nil || errors.Is(err, asynq.ErrTaskIDConflict) {
		return
	}
	r.log.WarnContext(ctx, "enqueueing outbox event", "event", e.ID, "type", e.Type, "error", err)
	if err := r.db.ReleaseOutbox(context.WithoutCancel(ctx), e.ID, err.Error()); err != nil {
		r.log.WarnContext(ctx, "releasing outbox event", "event", e.ID, "error", err)
	}
}
