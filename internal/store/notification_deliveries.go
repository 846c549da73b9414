package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/google/uuid"
)

// MaxDeliveryAttempts bounds how often one email is tried: after that it stays failed, its last
// error recorded, rather than be retried at every run.
const MaxDeliveryAttempts = 10

// DeliveryClaim is what claiming an email to send found.
type DeliveryClaim int

// The outcomes of ClaimDelivery.
const (
	// Claimed: the caller is to send the email and then call FinishDelivery.
	Claimed DeliveryClaim = iota
	// AlreadySent: nothing to do, ever again.
	AlreadySent
	// Busy: another run is sending it now.
	Busy
	// GaveUp: it failed MaxDeliveryAttempts times and is not tried again.
	GaveUp
)

// nullableUser is the user_id of a delivery: NULL for an address without an account.
func nullableUser(userID uuid.UUID) *uuid.UUID {
	if userID == uuid.Nil {
		return nil
	}
	return &userID
}

// ClaimDelivery claims the email of an event (or digest) to a user (uuid.Nil for an address without
// an account) for lease, creating its delivery row if there is none, so that no other run sends it
// meanwhile.
func (s *Store) ClaimDelivery(ctx context.Context, eventID, userID uuid.UUID, lease time.Duration) (DeliveryClaim, error) {
	user := nullableUser(userID)
	var attempts int
	err := s.with(ctx).Statement.ConnPool.QueryRowContext(ctx, `INSERT INTO notification_deliveries AS d
		(event_id, user_id, channel, attempts, claimed_until) VALUES ($1, $2, 'email', 1, now() + make_interval(secs => $3))
		ON CONFLICT ON CONSTRAINT notification_deliveries_key DO UPDATE
		SET attempts = d.attempts + 1, claimed_until = excluded.claimed_until
		WHERE d.status <> 'sent' AND d.attempts < $4 AND (d.claimed_until IS NULL OR d.claimed_until < now())
		RETURNING attempts`, eventID, user, lease.Seconds(), MaxDeliveryAttempts).Scan(&attempts)
	if err == nil {
		return Claimed, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Busy, translate(err, "delivery")
	}
	var row struct {
		Status   string
		Attempts int
	}
	err = s.with(ctx).Raw(`SELECT status, attempts FROM notification_deliveries
		WHERE event_id = ? AND user_id IS NOT DISTINCT FROM ? AND channel = 'email'`, eventID, user).Scan(&row).Error
	switch {
	case err != nil:
		return Busy, translate(err, "delivery")
	case row.Status == "sent":
		return AlreadySent, nil
	case row.Attempts >= MaxDeliveryAttempts:
		return GaveUp, nil
	}
	return Busy, nil
}

// FinishDelivery records how a claimed email went: sent, or failed with sendErr (its text is the
// mail server's answer, never the message).
func (s *Store) FinishDelivery(ctx context.Context, eventID, userID uuid.UUID, sendErr error) error {
	status, lastError := "sent", ""
	if sendErr != nil {
		status, lastError = "failed", sendErr.Error()
	}
	err := s.with(ctx).Exec(`UPDATE notification_deliveries
		SET status = ?, last_error = ?, claimed_until = NULL, sent_at = CASE WHEN ? = 'sent' THEN now() END
		WHERE event_id = ? AND user_id IS NOT DISTINCT FROM ? AND channel = 'email'`,
		status, lastError, status, eventID, nullableUser(userID)).Error
	return translate(err, "delivery")
}

// DueEmail is an event's email not yet sent, with what it is to say and to whom.
type DueEmail struct {
	EventID   uuid.UUID
	UserID    uuid.UUID
	Email     string
	Name      string
	EventType string
	Title     string
	Link      string
}

// DueEmails lists the unsent emails of the notifications of an event, or of every event when
// eventID is nil, oldest first; at most limit of them. A user deactivated meanwhile is left out.
func (s *Store) DueEmails(ctx context.Context, eventID *uuid.UUID, limit int) ([]DueEmail, error) {
	var due []DueEmail
	err := s.with(ctx).Raw(`SELECT d.event_id, d.user_id, u.email, u.name, n.event_type, n.title, n.link
		FROM notification_deliveries d
		JOIN notifications n ON n.event_id = d.event_id AND n.user_id = d.user_id
		JOIN users u ON u.id = d.user_id
		WHERE d.status <> 'sent' AND d.attempts < ? AND u.active AND (CAST(? AS uuid) IS NULL OR d.event_id = ?)
		ORDER BY d.created_at LIMIT ?`, MaxDeliveryAttempts, eventID, eventID, limit).Scan(&due).Error
	return due, translate(err, "due emails")
}

// Recipient is who an email goes to.
type Recipient struct {
	Email string
	Name  string
}

// RecipientOf returns a user's address and name.
func (s *Store) RecipientOf(ctx context.Context, userID uuid.UUID) (Recipient, error) {
	var r Recipient
	return r, translate(s.with(ctx).Table("users").Select("email, name").Where("id = ?", userID).Take(&r).Error, "User")
}
