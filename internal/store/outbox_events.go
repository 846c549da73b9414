package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/probono-match/probono/internal/platform/outbox"
)

// outboxEvent is a row of outbox_events.
type outboxEvent struct {
	ID         uuid.UUID
	Type       string
	Aggregate  string
	Payload    json.RawMessage
	CreatedAt  time.Time
	EnqueuedAt *time.Time
	DoneAt     *time.Time
	Attempts   int
	LastError  *string
}

func (outboxEvent) TableName() string { return "outbox_events" }

// Emit records e in the transaction s is bound to: it commits with the caller's writes or not at all.
func (s *Store) Emit(ctx context.Context, e outbox.Event) error {
	row := outboxEvent{ID: e.ID, Type: e.Type, Aggregate: e.Aggregate, Payload: e.Payload}
	if len(row.Payload) == 0 {
		row.Payload = json.RawMessage("{}")
	}
	return translate(s.with(ctx).Create(&row).Error, "event")
}

// ClaimOutbox claims up to limit events that are not done and either were never handed to the job
// queue or were handed over longer than redeliverAfter ago (their job was lost, or is still
// failing), oldest first, and marks them handed over now. SKIP LOCKED lets relays claim at once
// without taking the same event; an event that failed to decode maxAttempts times is left alone.
func (s *Store) ClaimOutbox(ctx context.Context, limit int, redeliverAfter time.Duration, maxAttempts int) ([]outbox.Event, error) {
	var rows []outboxEvent
	err := s.with(ctx).Raw(`
		UPDATE outbox_events o SET enqueued_at = now(), attempts = o.attempts + 1
		FROM (SELECT id FROM outbox_events
		      WHERE done_at IS NULL AND attempts < ?
		        AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => ?))
		      ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) claimed
		WHERE o.id = claimed.id
		RETURNING o.id, o.type, o.aggregate, o.payload, o.created_at`,
		maxAttempts, redeliverAfter.Seconds(), limit).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "events")
	}
	out := make([]outbox.Event, len(rows))
	for i, r := range rows {
		out[i] = outbox.Event{ID: r.ID, Type: r.Type, Aggregate: r.Aggregate, Payload: r.Payload}
	}
	return out, nil
}

// ReleaseOutbox returns a claimed event that could not be handed to the job queue, so the next
// claim takes it again at once, and records why.
func (s *Store) ReleaseOutbox(ctx context.Context, id uuid.UUID, reason string) error {
	return translate(s.with(ctx).Exec(
		`UPDATE outbox_events SET enqueued_at = NULL, last_error = ? WHERE id = ? AND done_at IS NULL`,
		reason, id).Error, "event")
}

// FailOutbox records why handling an event failed; the event stays not done.
func (s *Store) FailOutbox(ctx context.Context, id uuid.UUID, reason string) error {
	return translate(s.with(ctx).Exec(`UPDATE outbox_events SET last_error = ? WHERE id = ?`, reason, id).Error, "event")
}

// FinishEvent marks the event done in the transaction s is bound to, and says whether this call did
// it: false when it was done already (a redelivered job) or does not exist. The row lock it takes
// makes a second delivery running at the same time wait, then find it done.
func (s *Store) FinishEvent(ctx context.Context, id uuid.UUID) (bool, error) {
	res := s.with(ctx).Exec(`UPDATE outbox_events SET done_at = now(), last_error = NULL WHERE id = ? AND done_at IS NULL`, id)
	if res.Error != nil {
		return false, translate(res.Error, "event")
	}
	return res.RowsAffected == 1, nil
}

// EventDone says whether the event is done; an event that does not exist (purged) counts as done.
func (s *Store) EventDone(ctx context.Context, id uuid.UUID) (bool, error) {
	var n int64
	err := s.with(ctx).Model(&outboxEvent{}).Where("id = ? AND done_at IS NULL", id).Count(&n).Error
	return n == 0, translate(err, "event")
}

// PurgeDoneEvents deletes events done before cutoff.
func (s *Store) PurgeDoneEvents(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.with(ctx).Exec(`DELETE FROM outbox_events WHERE done_at < ?`, cutoff)
	return res.RowsAffected, translate(res.Error, "events")
}

// OutboxBacklog is how many events are not done and how old the oldest of them is (zero when none).
func (s *Store) OutboxBacklog(ctx context.Context) (int64, time.Duration, error) {
	var row struct {
		Backlog int64
		Lag     float64
	}
	err := s.with(ctx).Raw(`SELECT count(*) AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS lag
		FROM outbox_events WHERE done_at IS NULL`).Scan(&row).Error
	return row.Backlog, time.Duration(row.Lag * float64(time.Second)), translate(err, "events")
}

// ListenOutbox calls wake each time events commit, until ctx ends or the connection fails. It holds
// a connection of its own: LISTEN lasts as long as the session.
func (s *Store) ListenOutbox(ctx context.Context, wake func()) error {
	if s.listen == nil {
		return errors.New("listening needs the store opened by Open")
	}
	conn, err := pgx.ConnectConfig(ctx, s.listen)
	if err != nil {
		return fmt.Errorf("connecting to listen for events: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+outbox.Channel); err != nil {
		return fmt.Errorf("listening for events: %w", err)
	}
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		wake()
	}
}
