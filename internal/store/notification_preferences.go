package store

import (
	"context"

	"github.com/google/uuid"
)

// NotificationPreferences returns the user's chosen delivery by event type; event types without a
// row keep their default.
func (s *Store) NotificationPreferences(ctx context.Context, userID uuid.UUID) (map[string]string, error) {
	var rows []struct{ EventType, Delivery string }
	err := s.with(ctx).Raw(`SELECT event_type, delivery FROM notification_preferences WHERE user_id = ?`, userID).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "notification preferences")
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.EventType] = r.Delivery
	}
	return out, nil
}

// SetNotificationPreferences saves the user's delivery for each event type given, in one statement.
func (s *Store) SetNotificationPreferences(ctx context.Context, userID uuid.UUID, delivery map[string]string) error {
	types := make([]string, 0, len(delivery))
	values := make([]string, 0, len(delivery))
	for t, d := range delivery {
		types, values = append(types, t), append(values, d)
	}
	_, err := s.with(ctx).Statement.ConnPool.ExecContext(ctx, `INSERT INTO notification_preferences (user_id, event_type, delivery)
		SELECT $1, t, d FROM unnest($2::text[], $3::text[]) AS p (t, d)
		ON CONFLICT (user_id, event_type) DO UPDATE SET delivery = excluded.delivery, updated_at = now()`,
		userID, types, values)
	return translate(err, "notification preferences")
}
