package referral

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/store"
)

func (s *service) OpenForFirm(ctx context.Context, p auth.Principal, ids []uuid.UUID) ([]Referral, error) {
	if p.OrgKind != auth.KindLawFirm || len(ids) == 0 {
		return []Referral{}, nil
	}
	rows, _, err := s.db.ListReferrals(ctx, store.ReferralFilter{VisibleTo: &p.OrgID, IDs: ids, Sort: "created", Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	return s.presentAll(ctx, s.db, rows, false)
}

func (s *service) List(ctx context.Context, p auth.Principal, f ListFilter) ([]Referral, string, error) {
	if f.Sort == "" {
		f.Sort = "created"
	}
	if f.Limit <= 0 {
		f.Limit = 25
	}
	filter := store.ReferralFilter{
		Status: f.Status, PracticeArea: f.PracticeArea, Jurisdiction: f.Jurisdiction, Urgency: f.Urgency,
		Sort: f.Sort, Limit: f.Limit + 1, // one more tells whether there is a next page
	}
	if f.Cursor != "" {
		after, err := cursor.Decode(f.Cursor, f.Sort, store.ReferralSortKeys(f.Sort))
		if err != nil {
			return nil, "", err
		}
		filter.After = after
	}
	full := false
	switch {
	case isReferrer(p):
		filter.OrgID, full = &p.OrgID, true
	case p.IsPlatformAdmin():
		filter.SubmittedOnly = true
	case p.OrgKind == auth.KindLawFirm:
		filter.VisibleTo = &p.OrgID
	default:
		return []Referral{}, "", nil
	}
	rows, keys, err := s.db.ListReferrals(ctx, filter)
	if errors.Is(err, store.ErrBadPosition) {
		return nil, "", cursor.ErrInvalid
	}
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		next = cursor.Encode(f.Sort, keys[f.Limit-1])
	}
	out, err := s.presentAll(ctx, s.db, rows, full)
	return out, next, err
}
