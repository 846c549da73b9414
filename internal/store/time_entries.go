package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"github.com/probono-match/probono/internal/platform/problem"
)

// TimeEntry is a row of time_entries: time an attorney gave to a matter.
type TimeEntry struct {
	ID           uuid.UUID
	MatterID     uuid.UUID
	AttorneyID   uuid.UUID
	FirmID       uuid.UUID
	WorkDate     time.Time
	Minutes      int
	Activity     string
	Narrative    string
	RateCents    *int
	Status       string
	AdjustsID    *uuid.UUID
	Source       string
	ExternalID   *string
	SubmittedAt  *time.Time
	DecidedAt    *time.Time
	DecidedBy    *uuid.UUID
	RejectReason *string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int
}

// TimeEntryView is a time entry with its attorney's and decider's names and its matter's referral,
// without the client.
type TimeEntryView struct {
	TimeEntry
	AttorneyName  string
	DecidedByName *string
	ReferralID    uuid.UUID
	PracticeArea  string
	Jurisdiction  string
	ReferrerName  string
}

const timeEntryViewSelect = `SELECT te.*, u.name AS attorney_name, d.name AS decided_by_name, m.referral_id,
	r.practice_area, r.jurisdiction, ro.name AS referrer_name
	FROM time_entries te
	JOIN users u ON u.id = te.attorney_id
	LEFT JOIN users d ON d.id = te.decided_by
	JOIN matters m ON m.id = te.matter_id
	JOIN referrals r ON r.id = m.referral_id
	JOIN organizations ro ON ro.id = r.org_id`

// TimeEntryByID returns one time entry with its view.
func (s *Store) TimeEntryByID(ctx context.Context, id uuid.UUID) (TimeEntryView, error) {
	var out []TimeEntryView
	if err := s.with(ctx).Raw(timeEntryViewSelect+" WHERE te.id = ?", id).Scan(&out).Error; err != nil {
		return TimeEntryView{}, translate(err, "time entry")
	}
	if len(out) == 0 {
		return TimeEntryView{}, problem.New(problem.NotFound, "Time entry not found.")
	}
	return out[0], nil
}

// TimeEntriesByIDs returns the time entries among ids with their views, in no particular order.
func (s *Store) TimeEntriesByIDs(ctx context.Context, ids []uuid.UUID) ([]TimeEntryView, error) {
	var out []TimeEntryView
	return out, translate(s.with(ctx).Raw(timeEntryViewSelect+" WHERE te.id IN ?", ids).Scan(&out).Error, "time entries")
}

// TimeEntryFilter selects time entries, newest work date first, at most Limit. FirmID and
// AttorneyID are conjunctive; After is the last row (work date, id) of the previous page.
type TimeEntryFilter struct {
	FirmID, AttorneyID, MatterID *uuid.UUID
	Status                       *string
	From, To                     *time.Time
	AfterDate                    *time.Time
	AfterID                      uuid.UUID
	Limit                        int
}

// TimeEntries lists the time entries the filter selects, with their views: one query a page.
func (s *Store) TimeEntries(ctx context.Context, f TimeEntryFilter) ([]TimeEntryView, error) {
	where := " WHERE true"
	var args []any
	add := func(cond string, v ...any) {
		where += " AND " + cond
		args = append(args, v...)
	}
	if f.FirmID != nil {
		add("te.firm_id = ?", *f.FirmID)
	}
	if f.AttorneyID != nil {
		add("te.attorney_id = ?", *f.AttorneyID)
	}
	if f.MatterID != nil {
		add("te.matter_id = ?", *f.MatterID)
	}
	if f.Status != nil {
		add("te.status = ?", *f.Status)
	}
	if f.From != nil {
		add("te.work_date >= ?", *f.From)
	}
	if f.To != nil {
		add("te.work_date <= ?", *f.To)
	}
	if f.AfterDate != nil {
		add("(te.work_date, te.id) < (?, ?)", *f.AfterDate, f.AfterID)
	}
	args = append(args, f.Limit)
	var out []TimeEntryView
	err := s.with(ctx).Raw(timeEntryViewSelect+where+" ORDER BY te.work_date DESC, te.id DESC LIMIT ?", args...).Scan(&out).Error
	return out, translatePage(err, "time entries", f.AfterDate != nil)
}

// LockAttorneyTime serialises the writes of one attorney's time entries until the transaction
// ends; call it inside Tx before locking any of their entries.
func (s *Store) LockAttorneyTime(ctx context.Context, attorneyID uuid.UUID) error {
	return translate(s.with(ctx).Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "time_entries|"+attorneyID.String()).Error, "time entries")
}

// LockTimeEntries returns the time entries among ids, locked for update until the transaction
// ends, in id order so that two transactions locking overlapping sets cannot deadlock.
func (s *Store) LockTimeEntries(ctx context.Context, ids []uuid.UUID) ([]TimeEntry, error) {
	var out []TimeEntry
	err := s.with(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id IN ?", ids).Order("id").Find(&out).Error
	return out, translate(err, "time entries")
}

// DayMinutes sums an attorney's minutes on each of days, of the entries that are not rejected and
// not among except. Time taken off counts once approved: one still waiting may yet be rejected.
func (s *Store) DayMinutes(ctx context.Context, attorneyID uuid.UUID, days []time.Time, except []uuid.UUID) (map[time.Time]int, error) {
	q := s.with(ctx).Model(&TimeEntry{}).Select("work_date, sum(minutes) AS minutes").
		Where("attorney_id = ? AND work_date IN ? AND status <> 'rejected' AND (minutes > 0 OR status = 'approved')", attorneyID, days)
	if len(except) > 0 {
		q = q.Where("id NOT IN ?", except)
	}
	var rows []struct {
		WorkDate time.Time
		Minutes  int
	}
	if err := q.Group("work_date").Scan(&rows).Error; err != nil {
		return nil, translate(err, "time entries")
	}
	out := make(map[time.Time]int, len(rows))
	for _, r := range rows {
		y, m, d := r.WorkDate.Date()
		out[time.Date(y, m, d, 0, 0, 0, 0, time.UTC)] = r.Minutes
	}
	return out, nil
}

// AdjustedMinutes sums an approved entry's minutes and those of its adjustments, leaving out
// except, at their lowest: time added counts once approved, time taken off unless rejected.
func (s *Store) AdjustedMinutes(ctx context.Context, id, except uuid.UUID) (int, error) {
	var sum int
	err := s.with(ctx).Raw(`SELECT coalesce(sum(minutes), 0) FROM time_entries
		WHERE (id = ? OR (adjusts_id = ? AND (status = 'approved' OR (minutes < 0 AND status <> 'rejected')))) AND id <> ?`,
		id, id, except).Scan(&sum).Error
	return sum, translate(err, "time entries")
}

// InsertTimeEntries records new time entries in one statement; call it inside Tx.
func (s *Store) InsertTimeEntries(ctx context.Context, rows []TimeEntry) error {
	return translate(s.with(ctx).Create(&rows).Error, "time entry")
}

// SaveTimeEntry writes an entry's changeable columns; call it inside Tx after LockTimeEntries.
func (s *Store) SaveTimeEntry(ctx context.Context, e TimeEntry) error {
	return mustAffect(s.with(ctx).Model(&TimeEntry{}).Where("id = ?", e.ID).Updates(map[string]any{
		"work_date": e.WorkDate, "minutes": e.Minutes, "activity": e.Activity, "narrative": e.Narrative,
		"rate_cents": e.RateCents, "status": e.Status, "submitted_at": e.SubmittedAt, "decided_at": e.DecidedAt,
		"decided_by": e.DecidedBy, "reject_reason": e.RejectReason, "version": e.Version, "updated_at": time.Now().UTC(),
	}), "Time entry")
}

// DecideTimeEntries sets the status and decision of entries, and counts the write in their
// versions, in one statement; call it inside Tx after LockTimeEntries.
func (s *Store) DecideTimeEntries(ctx context.Context, ids []uuid.UUID, status string, by uuid.UUID, at time.Time, reason *string) error {
	return translate(s.with(ctx).Exec(`UPDATE time_entries
		SET status = ?, decided_by = ?, decided_at = ?, reject_reason = ?, version = version + 1, updated_at = now()
		WHERE id IN ?`, status, by, at, reason, ids).Error, "time entries")
}

// DeleteTimeEntry removes a time entry; call it inside Tx after LockTimeEntries.
func (s *Store) DeleteTimeEntry(ctx context.Context, id uuid.UUID) error {
	return mustAffect(s.with(ctx).Where("id = ?", id).Delete(&TimeEntry{}), "Time entry")
}

// MatterForTime is what logging time on a matter needs to know of it, with its attorney's time
// zone (their first availability window's; "" when they have none).
type MatterForTime struct {
	ID         uuid.UUID
	AttorneyID uuid.UUID
	FirmID     uuid.UUID
	Status     string
	StartedAt  time.Time
	EndedAt    *time.Time
	TimeZone   string
}

// MattersForTime returns the matters among ids.
func (s *Store) MattersForTime(ctx context.Context, ids []uuid.UUID) ([]MatterForTime, error) {
	var out []MatterForTime
	err := s.with(ctx).Raw(`SELECT m.id, m.attorney_id, m.firm_id, m.status, m.started_at, m.ended_at,
		coalesce((SELECT w.time_zone FROM attorney_availability w WHERE w.user_id = m.attorney_id ORDER BY w.position LIMIT 1), '') AS time_zone
		FROM matters m WHERE m.id IN ?`, ids).Scan(&out).Error
	return out, translate(err, "matters")
}

// IdleAttorney is an active attorney with active matters who has logged no time for a while.
type IdleAttorney struct {
	AttorneyID uuid.UUID
	// Since is when they last recorded an entry, or took the oldest of their active matters if that
	// was later.
	Since time.Time
}

// IdleAttorneys lists the active attorneys with an active matter whose last time entry (or whose
// oldest active matter, when later) was recorded before idleBefore.
func (s *Store) IdleAttorneys(ctx context.Context, idleBefore time.Time) ([]IdleAttorney, error) {
	var out []IdleAttorney
	err := s.with(ctx).Raw(`SELECT attorney_id, since FROM (
			SELECT m.attorney_id, greatest(min(m.started_at),
				coalesce((SELECT max(te.created_at) FROM time_entries te WHERE te.attorney_id = m.attorney_id), '-infinity')) AS since
			FROM matters m JOIN users u ON u.id = m.attorney_id AND u.active
			WHERE m.status = 'active'
			GROUP BY m.attorney_id) idle
		WHERE since < ? ORDER BY attorney_id`, idleBefore).Scan(&out).Error
	return out, translate(err, "time entries")
}
