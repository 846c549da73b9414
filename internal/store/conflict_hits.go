package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// PendingConflictHit is an uncleared potential hit of a firm's check with what its coordinators'
// queue shows of the referral.
type PendingConflictHit struct {
	ID        uuid.UUID
	EntryID   uuid.UUID
	EntryName string
	EntryRole string
	// PartyRole is the role of the party hit: a position past the listed parties is the client's
	// own name, which every check includes.
	PartyRole    string
	Match        string
	Reason       string
	FoundAt      time.Time
	ReferralID   uuid.UUID
	PracticeArea string
	Urgency      string
	Deadline     *time.Time
	// Asked is whether a question about the hit waits for the referring organisation's answer.
	Asked bool
}

// pendingHit selects the uncleared potential hits on open referrals whose check waits on a person (a
// blocking hit makes the whole check a conflict, which no clearance lifts), of h joined to c and r.
const pendingHit = `c.result = 'potential' AND h.level = 'potential' AND h.cleared_at IS NULL
		AND r.status IN ('submitted', 'matching', 'offered')`

// pendingHits is the queue: a firm's pending hits.
const pendingHits = ` FROM conflict_hits h
	JOIN conflict_checks c ON c.id = h.check_id
	JOIN referrals r ON r.id = c.referral_id
	LEFT JOIN referral_parties p ON p.referral_id = c.referral_id AND p.position = h.party_position
	WHERE c.firm_id = $1 AND ` + pendingHit

// PendingConflictHits returns up to limit of the firm's hits waiting to be cleared, oldest first,
// after the position (found_at as text, hit id) given, and each row's position.
func (s *Store) PendingConflictHits(ctx context.Context, firmID uuid.UUID, after []string, limit int) ([]PendingConflictHit, [][]string, error) {
	query := `SELECT h.id, h.entry_id, h.entry_name, h.entry_role, COALESCE(p.role, 'client'), h.match, h.reason,
		h.found_at, h.found_at::text, c.referral_id, r.practice_area, r.urgency, r.deadline,
		EXISTS (SELECT 1 FROM conflict_inquiries q WHERE q.hit_id = h.id AND q.answered_at IS NULL)` + pendingHits
	args := []any{firmID, limit}
	if len(after) == 2 {
		query += ` AND (h.found_at, h.id) > ($3, $4)`
		args = append(args, after[0], after[1])
	}
	query += ` ORDER BY h.found_at, h.id LIMIT $2`

	var h PendingConflictHit
	var foundAt string
	dest := []any{uuidDest{&h.ID}, uuidDest{&h.EntryID}, &h.EntryName, &h.EntryRole, &h.PartyRole, &h.Match, &h.Reason,
		&h.FoundAt, &foundAt, uuidDest{&h.ReferralID}, &h.PracticeArea, &h.Urgency, &h.Deadline, &h.Asked}
	out := make([]PendingConflictHit, 0, limit)
	keys := make([][]string, 0, limit)
	err := s.scanRows(ctx, query, args, dest, func() {
		out, keys = append(out, h), append(keys, []string{foundAt, h.ID.String()})
	})
	if err != nil {
		return nil, nil, translatePage(err, "pending conflict hits", len(after) == 2)
	}
	return out, keys, nil
}

// CountPendingConflictHits counts the firm's hits waiting to be cleared.
func (s *Store) CountPendingConflictHits(ctx context.Context, firmID uuid.UUID) (int64, error) {
	var n int64
	err := s.scanRows(ctx, "SELECT count(*)"+pendingHits, []any{firmID}, []any{&n}, func() {})
	return n, translate(err, "pending conflict hits")
}

// WaitingCheck is a firm's check of an open referral with potential hits still to clear, and the
// names of the referral's practice area and jurisdiction.
type WaitingCheck struct {
	CheckID    uuid.UUID
	FirmID     uuid.UUID
	ReferralID uuid.UUID
	// Since is when the oldest of its hits still to clear was found.
	Since        time.Time
	PracticeArea string
	Jurisdiction string
}

// ChecksWaitingSince lists the checks, of every firm, with a hit still to clear found before the
// time given, longest waiting first.
func (s *Store) ChecksWaitingSince(ctx context.Context, foundBefore time.Time) ([]WaitingCheck, error) {
	query := `SELECT c.id, c.firm_id, c.referral_id, min(h.found_at), a.name, j.name
	FROM conflict_hits h
	JOIN conflict_checks c ON c.id = h.check_id
	JOIN referrals r ON r.id = c.referral_id
	JOIN practice_areas a ON a.code = r.practice_area
	JOIN jurisdictions j ON j.code = r.jurisdiction
	WHERE ` + pendingHit + `
	GROUP BY c.id, a.name, j.name
	HAVING min(h.found_at) < $1
	ORDER BY 4, 1`
	var w WaitingCheck
	var out []WaitingCheck
	dest := []any{uuidDest{&w.CheckID}, uuidDest{&w.FirmID}, uuidDest{&w.ReferralID}, &w.Since, &w.PracticeArea, &w.Jurisdiction}
	err := s.scanRows(ctx, query, []any{foundBefore}, dest, func() { out = append(out, w) })
	return out, translate(err, "waiting conflict checks")
}
