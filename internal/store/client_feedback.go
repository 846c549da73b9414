package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/problem"
)

// ClientFeedback is a row of client_feedback: what a client thought of the help, recorded by the
// referring organisation's staff (RecordedBy) or by the client through a link. Comment is sealed
// with the field cipher, bound to the row's id.
type ClientFeedback struct {
	ID           uuid.UUID
	MatterID     uuid.UUID
	ReferralID   uuid.UUID
	Satisfaction int
	KeyID        *string
	Comment      []byte
	Source       string
	RecordedBy   *uuid.UUID
	CreatedAt    time.Time
	// RecordedByName is read alongside.
	RecordedByName *string `gorm:"->;-:migration"`
}

// TableName is the table's name, which GORM would not guess from the type's.
func (ClientFeedback) TableName() string { return "client_feedback" }

const clientFeedbackSelect = `SELECT f.*, u.name AS recorded_by_name FROM client_feedback f
	LEFT JOIN users u ON u.id = f.recorded_by`

// ClientFeedbackOf lists a matter's feedback, newest first.
func (s *Store) ClientFeedbackOf(ctx context.Context, matterID uuid.UUID) ([]ClientFeedback, error) {
	var rows []ClientFeedback
	err := s.with(ctx).Raw(clientFeedbackSelect+` WHERE f.matter_id = ? ORDER BY f.created_at DESC, f.id`, matterID).Scan(&rows).Error
	return rows, translate(err, "client feedback")
}

// ClientFeedbackByID returns one piece of feedback.
func (s *Store) ClientFeedbackByID(ctx context.Context, id uuid.UUID) (ClientFeedback, error) {
	var rows []ClientFeedback
	if err := s.with(ctx).Raw(clientFeedbackSelect+` WHERE f.id = ?`, id).Scan(&rows).Error; err != nil {
		return ClientFeedback{}, translate(err, "client feedback")
	}
	if len(rows) == 0 {
		return ClientFeedback{}, problem.New(problem.NotFound, "Feedback not found.")
	}
	return rows[0], nil
}

// InsertClientFeedback records feedback; call it inside Tx.
func (s *Store) InsertClientFeedback(ctx context.Context, f *ClientFeedback) error {
	return translate(s.with(ctx).Omit("RecordedByName", "CreatedAt").Create(f).Error, "client feedback")
}
