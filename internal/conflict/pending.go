// The coordinators' queue: every potential conflict of the firm that waits on one of them.

package conflict

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/store"
)

// PendingHit is a potential hit waiting to be cleared, with what the queue shows of its referral.
// It says as much of the party as the check does of a withheld one, whoever the party is: the
// role, the firm's entry, the kind of match and a reason that names no client (see hitReason).
type PendingHit struct {
	ID           uuid.UUID
	ReferralID   uuid.UUID
	PracticeArea string
	Urgency      string
	Deadline     *time.Time
	FoundAt      time.Time
	EntryID      uuid.UUID
	EntryName    string
	EntryRole    string
	PartyRole    string
	Match        Match
	Reason       string
	// Asked is whether a question about the hit waits for the referring organisation's answer.
	Asked bool
}

// PendingPage is one page of the queue.
type PendingPage struct {
	Hits       []PendingHit
	Total      int64
	NextCursor string
}

// pendingOrder is the one order of the queue: oldest first, by when the hit was found, then id.
const pendingOrder = "found"

func (s *service) Pending(ctx context.Context, p auth.Principal, position string, limit int) (PendingPage, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return PendingPage{}, err
	}
	if limit <= 0 {
		limit = 50
	}
	var after []string
	if position != "" {
		if after, err = cursor.Decode(position, pendingOrder, 2); err != nil {
			return PendingPage{}, err
		}
	}
	rows, keys, err := s.db.PendingConflictHits(ctx, firmID, after, limit+1)
	if errors.Is(err, store.ErrBadPosition) {
		return PendingPage{}, cursor.ErrInvalid
	}
	if err != nil {
		return PendingPage{}, err
	}
	page := PendingPage{Hits: make([]PendingHit, 0, len(rows))}
	if len(rows) > limit {
		rows = rows[:limit]
		page.NextCursor = cursor.Encode(pendingOrder, keys[limit-1])
	}
	for _, r := range rows {
		page.Hits = append(page.Hits, toPendingHit(r))
	}
	page.Total, err = s.db.CountPendingConflictHits(ctx, firmID)
	return page, err
}

// toPendingHit carries no party name: the hit's stored reason was worded by hitReason, which names
// no client, and the referral's page shows the rest to those who may see it.
func toPendingHit(r store.PendingConflictHit) PendingHit {
	return PendingHit{ID: r.ID, ReferralID: r.ReferralID, PracticeArea: r.PracticeArea, Urgency: r.Urgency, Deadline: r.Deadline,
		FoundAt: r.FoundAt, EntryID: r.EntryID, EntryName: r.EntryName, EntryRole: r.EntryRole, PartyRole: r.PartyRole,
		Match: Match(r.Match), Reason: r.Reason, Asked: r.Asked}
}
