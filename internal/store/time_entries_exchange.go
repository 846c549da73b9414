package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
)

// ExportedTimeEntry is an approved row of time_entries as exports write it, with its attorney's
// name and email and its matter's referral and practice area.
type ExportedTimeEntry struct {
	ID, MatterID, ReferralID, AttorneyID uuid.UUID
	AttorneyName, AttorneyEmail          string
	PracticeArea                         string
	WorkDate                             time.Time
	Minutes                              int
	Activity                             string
	Narrative                            string
	RateCents                            *int
	AdjustsID                            *uuid.UUID
	Source                               string
	ExternalID                           *string
	DecidedAt                            time.Time
}

// TimeExportSelection selects one firm's approved entries with work dates from From to To.
type TimeExportSelection struct {
	FirmID               uuid.UUID
	From, To             time.Time
	AttorneyID, MatterID *uuid.UUID
}

// where is the selection's condition on time_entries t and its arguments.
func (sel TimeExportSelection) where() (string, []any) {
	q := "t.firm_id = ? AND t.status = 'approved' AND t.work_date BETWEEN ? AND ?"
	args := []any{sel.FirmID, sel.From, sel.To}
	if sel.AttorneyID != nil {
		q, args = q+" AND t.attorney_id = ?", append(args, *sel.AttorneyID)
	}
	if sel.MatterID != nil {
		q, args = q+" AND t.matter_id = ?", append(args, *sel.MatterID)
	}
	return q, args
}

// ApprovedTimeEntries returns up to limit entries of sel, by matter, work date and id, after the
// entry at (matterID, workDate, id) when after is set.
func (s *Store) ApprovedTimeEntries(ctx context.Context, sel TimeExportSelection, after *ExportedTimeEntry, limit int) ([]ExportedTimeEntry, error) {
	where, args := sel.where()
	if after != nil {
		where += " AND (t.matter_id, t.work_date, t.id) > (?, ?, ?)"
		args = append(args, after.MatterID, after.WorkDate, after.ID)
	}
	var out []ExportedTimeEntry
	err := s.with(ctx).Raw(`SELECT t.id, t.matter_id, m.referral_id, t.attorney_id, u.name AS attorney_name, u.email AS attorney_email,
			r.practice_area, t.work_date, t.minutes, t.activity, t.narrative, t.rate_cents, t.adjusts_id, t.source, t.external_id, t.decided_at
		FROM time_entries t
		JOIN matters m ON m.id = t.matter_id
		JOIN referrals r ON r.id = m.referral_id
		JOIN users u ON u.id = t.attorney_id
		WHERE `+where+`
		ORDER BY t.matter_id, t.work_date, t.id
		LIMIT ?`, append(args, limit)...).Scan(&out).Error
	return out, translate(err, "time entries")
}

// ApprovedTimeValues returns each matter's billable-equivalent value of sel in cents: per entry,
// minutes × rate_cents / 60 rounded half away from zero (numeric round), summed.
func (s *Store) ApprovedTimeValues(ctx context.Context, sel TimeExportSelection) (map[uuid.UUID]int64, error) {
	where, args := sel.where()
	var rows []struct {
		MatterID uuid.UUID
		Cents    int64
	}
	err := s.with(ctx).Raw(`SELECT t.matter_id, coalesce(sum(round(t.minutes::numeric * coalesce(t.rate_cents, 0) / 60)), 0)::bigint AS cents
		FROM time_entries t WHERE `+where+` GROUP BY t.matter_id`, args...).Scan(&rows).Error
	out := make(map[uuid.UUID]int64, len(rows))
	for _, r := range rows {
		out[r.MatterID] = r.Cents
	}
	return out, translate(err, "time entries")
}

// FirmAttorneysByEmail returns the active attorneys of a firm among emails (lower-cased), by email.
func (s *Store) FirmAttorneysByEmail(ctx context.Context, firmID uuid.UUID, emails []string) (map[string]uuid.UUID, error) {
	var rows []struct {
		ID    uuid.UUID
		Email string
	}
	err := s.with(ctx).Raw(`SELECT u.id, u.email FROM users u JOIN memberships ms ON ms.user_id = u.id
		WHERE ms.org_id = ? AND ms.role = 'attorney' AND u.active AND u.email = ANY(?)`, firmID, pq.StringArray(emails)).Scan(&rows).Error
	out := make(map[string]uuid.UUID, len(rows))
	for _, r := range rows {
		out[r.Email] = r.ID
	}
	return out, translate(err, "attorneys")
}

// ImportedTimeEntryIDs returns which of the external ids the firm's time entries have already.
func (s *Store) ImportedTimeEntryIDs(ctx context.Context, firmID uuid.UUID, externalIDs []string) (map[string]bool, error) {
	var found []string
	err := s.with(ctx).Raw(`SELECT external_id FROM time_entries WHERE firm_id = ? AND external_id = ANY(?)`,
		firmID, pq.StringArray(externalIDs)).Scan(&found).Error
	out := make(map[string]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, translate(err, "time entries")
}
