package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// PracticeAreaMinutes is the approved minutes of one practice area.
type PracticeAreaMinutes struct {
	PracticeArea string
	Minutes      int64
}

// PracticeAreaHours sums a firm's approved minutes (one attorney's, when set) by practice area over
// the months of [from, to), from the monthly roll-up, most hours first.
func (s *Store) PracticeAreaHours(ctx context.Context, firmID uuid.UUID, attorneyID *uuid.UUID, from, to time.Time) ([]PracticeAreaMinutes, error) {
	q := `SELECT practice_area, sum(minutes)::bigint AS minutes FROM hours_monthly
		WHERE firm_id = ? AND month >= ? AND month < ?`
	args := []any{firmID, from, to}
	if attorneyID != nil {
		q += " AND attorney_id = ?"
		args = append(args, *attorneyID)
	}
	var rows []PracticeAreaMinutes
	err := s.with(ctx).Raw(q+" GROUP BY practice_area HAVING sum(minutes) <> 0 ORDER BY 2 DESC, 1", args...).Scan(&rows).Error
	return rows, translate(err, "hours")
}
