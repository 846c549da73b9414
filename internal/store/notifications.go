package store

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Notification is a row of notifications.
type Notification struct {
	ID        uuid.UUID
	EventID   uuid.UUID
	UserID    uuid.UUID
	EventType string
	Title     string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// NewNotification is one event to record for its recipients: shown in-app (when InApp), and queued
// for an email now or in a digest as each recipient's preference for the event type says
// (Delivery where they have none; always at once when Security).
type NewNotification struct {
	EventID    uuid.UUID
	EventType  string
	Recipients []uuid.UUID
	Title      string
	Link       string
	Params     map[string]string
	InApp      bool
	Delivery   string // immediate, daily, weekly or off
	Security   bool
}

// recordNotification writes, in one statement, the notifications of the active recipients (their
// organisation is the one they belong to) and the emails due now, each once per event and
// recipient: a recipient who has this event's notification already gets neither again, so the
// preferences of the first delivery decide.
const recordNotification = `WITH recipients AS (
	SELECT u.id AS user_id, m.org_id,
		CASE WHEN $8 THEN 'immediate' ELSE COALESCE(p.delivery, $7) END AS delivery
	FROM users u
	JOIN memberships m ON m.user_id = u.id
	LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.event_type = $2
	WHERE u.id = ANY($1) AND u.active
), shown AS (
	INSERT INTO notifications (id, event_id, user_id, org_id, event_type, title, link, params, digest)
	SELECT gen_random_uuid(), $3, user_id, org_id, $2, $4, $5, $6::jsonb,
		CASE WHEN delivery IN ('daily', 'weekly') THEN delivery END
	FROM recipients WHERE $9
	ON CONFLICT (event_id, user_id) DO NOTHING
	RETURNING user_id
)
INSERT INTO notification_deliveries (event_id, user_id, channel)
SELECT $3, r.user_id, 'email' FROM recipients r
WHERE r.delivery = 'immediate' AND (NOT $9 OR r.user_id IN (SELECT user_id FROM shown))
ON CONFLICT ON CONSTRAINT notification_deliveries_key DO NOTHING`

// RecordNotification records n; call it inside the Tx of the event's handler.
func (s *Store) RecordNotification(ctx context.Context, n NewNotification) error {
	params, err := json.Marshal(n.Params)
	if err != nil {
		return err
	}
	_, err = s.with(ctx).Statement.ConnPool.ExecContext(ctx, recordNotification,
		uuidArray(n.Recipients), n.EventType, n.EventID, n.Title, n.Link, string(params), n.Delivery, n.Security, n.InApp)
	return translate(err, "notification")
}

// NotificationFilter selects one page of a user's notifications, newest first. After holds the
// sort key (created_at, id) of the last row of the previous page.
type NotificationFilter struct {
	UserID     uuid.UUID
	UnreadOnly bool
	After      []string
	Limit      int
}

// NotificationSortKeys is the number of cursor values a page of notifications needs.
const NotificationSortKeys = 2

// ListNotifications returns one page of a user's notifications and the sort key of each row.
func (s *Store) ListNotifications(ctx context.Context, f NotificationFilter) ([]Notification, [][]string, error) {
	args := []any{f.UserID}
	query := `SELECT n.id, n.event_id, n.user_id, n.event_type, n.title, n.link, n.created_at, n.read_at, n.created_at::text, n.id::text
		FROM notifications n WHERE n.user_id = $1`
	if f.UnreadOnly {
		query += " AND n.read_at IS NULL"
	}
	if len(f.After) == NotificationSortKeys {
		args = append(args, f.After[0], f.After[1])
		query += " AND (n.created_at, n.id) < ($2::timestamptz, $3::uuid)"
	}
	args = append(args, f.Limit)
	query += " ORDER BY n.created_at DESC, n.id DESC LIMIT $" + strconv.Itoa(len(args))

	var n Notification
	key := make([]string, NotificationSortKeys)
	dest := []any{uuidDest{&n.ID}, uuidDest{&n.EventID}, uuidDest{&n.UserID}, &n.EventType, &n.Title, &n.Link,
		&n.CreatedAt, &n.ReadAt, &key[0], &key[1]}
	out := make([]Notification, 0, f.Limit)
	keys := make([][]string, 0, f.Limit)
	err := s.scanRows(ctx, query, args, dest, func() {
		out, keys = append(out, n), append(keys, slices.Clone(key))
	})
	if err != nil {
		return nil, nil, translatePage(err, "notifications", len(f.After) > 0)
	}
	return out, keys, nil
}

// MarkNotificationRead marks one of the user's notifications read (a second time changes nothing).
// Returns NotFound when the user has no such notification.
func (s *Store) MarkNotificationRead(ctx context.Context, userID, id uuid.UUID) error {
	res := s.with(ctx).Exec(`UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = ? AND user_id = ?`, id, userID)
	return mustAffect(res, "Notification")
}

// MarkAllNotificationsRead marks every unread notification of the user read.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, userID uuid.UUID) error {
	return translate(s.with(ctx).Exec(`UPDATE notifications SET read_at = now() WHERE user_id = ? AND read_at IS NULL`, userID).Error, "notifications")
}

// CountUnreadNotifications counts the user's unread notifications.
func (s *Store) CountUnreadNotifications(ctx context.Context, userID uuid.UUID) (int, error) {
	var n int
	err := s.with(ctx).Statement.ConnPool.QueryRowContext(ctx,
		`SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	return n, translate(err, "notifications")
}

// QueueDigest gives the user's notifications waiting for the period's digest to the digest
// digestID, and records its email as due, in one statement: two runs at once give each
// notification to one digest. Reports whether there was anything to give.
func (s *Store) QueueDigest(ctx context.Context, userID uuid.UUID, period string, digestID uuid.UUID) (bool, error) {
	res, err := s.with(ctx).Statement.ConnPool.ExecContext(ctx, `WITH taken AS (
		UPDATE notifications SET digest_id = $3 WHERE user_id = $1 AND digest = $2 AND digest_id IS NULL RETURNING 1
	)
	INSERT INTO notification_deliveries (event_id, user_id, channel)
	SELECT $3, $1, 'email' WHERE EXISTS (SELECT 1 FROM taken)`, userID, period, digestID)
	if err != nil {
		return false, translate(err, "digest")
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// DigestUsers lists the users with notifications waiting for the period's digest, or with a
// digest email of any period still unsent.
func (s *Store) DigestUsers(ctx context.Context, period string) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Raw(`SELECT user_id FROM notifications WHERE digest = ? AND digest_id IS NULL
		UNION
		SELECT n.user_id FROM notifications n
		JOIN notification_deliveries d ON d.event_id = n.digest_id AND d.user_id = n.user_id
		WHERE d.status <> 'sent' AND d.attempts < ?`, period, MaxDeliveryAttempts).Scan(&ids).Error
	return ids, translate(err, "digest recipients")
}

// UnsentDigests lists the ids of the user's digests whose email has not been sent.
func (s *Store) UnsentDigests(ctx context.Context, userID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Raw(`SELECT DISTINCT n.digest_id FROM notifications n
		JOIN notification_deliveries d ON d.event_id = n.digest_id AND d.user_id = n.user_id
		WHERE n.user_id = ? AND d.status <> 'sent' AND d.attempts < ?`, userID, MaxDeliveryAttempts).Scan(&ids).Error
	return ids, translate(err, "digests")
}

// DigestNotifications lists the notifications a digest holds, oldest first.
func (s *Store) DigestNotifications(ctx context.Context, digestID uuid.UUID) ([]Notification, error) {
	var ns []Notification
	err := s.with(ctx).Raw(`SELECT id, event_id, user_id, event_type, title, link, created_at, read_at
		FROM notifications WHERE digest_id = ? ORDER BY created_at, id`, digestID).Scan(&ns).Error
	return ns, translate(err, "digest")
}
