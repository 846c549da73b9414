package referral

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

var errBadCursor = problem.Validation(problem.Field("cursor", "is not a cursor this list returned"))

// encodeCursor wraps the last row's sort key so the caller can pass it back unchanged.
func encodeCursor(sort string, key []string) string {
	b, _ := json.Marshal(struct {
		Sort string   `json:"s"`
		Key  []string `json:"k"`
	}{sort, key})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(sort, cursor string) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, errBadCursor
	}
	var c struct {
		Sort string   `json:"s"`
		Key  []string `json:"k"`
	}
	if json.Unmarshal(b, &c) != nil || c.Sort != sort || len(c.Key) != store.ReferralSortKeys(sort) {
		return nil, errBadCursor
	}
	return c.Key, nil
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
		after, err := decodeCursor(f.Sort, f.Cursor)
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
		return nil, "", errBadCursor
	}
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		next = encodeCursor(f.Sort, keys[f.Limit-1])
	}
	out, err := s.presentAll(ctx, s.db, rows, full)
	return out, next, err
}
