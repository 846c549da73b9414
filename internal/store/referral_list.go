package store

import (
	"context"
	"strings"

	"github.com/google/uuid"
)

// IdempotencyKey is a row of idempotency_keys: a POST already served under this key.
type IdempotencyKey struct {
	UserID      uuid.UUID
	Key         string
	RequestHash string
	ReferralID  uuid.UUID
}

// ClaimIdempotencyKey serialises requests with the same user and key until the transaction ends,
// then returns the earlier request under that key, or NotFound; call it inside Tx.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, userID uuid.UUID, key string) (IdempotencyKey, error) {
	var k IdempotencyKey
	if err := s.with(ctx).Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", userID.String()+"|"+key).Error; err != nil {
		return k, translate(err, "idempotency key")
	}
	return k, translate(s.with(ctx).Take(&k, "user_id = ? AND key = ?", userID, key).Error, "Idempotency key")
}

// SaveIdempotencyKey records the request served under a key; call it inside Tx.
func (s *Store) SaveIdempotencyKey(ctx context.Context, k IdempotencyKey) error {
	return translate(s.with(ctx).Create(&k).Error, "idempotency key")
}

// ReferralFilter selects and orders referrals. Sort is "created", "deadline" or "urgency"; After
// holds the sort key of the last row of the previous page (nil for the first page).
type ReferralFilter struct {
	OrgID         *uuid.UUID // only this organisation's referrals
	VisibleTo     *uuid.UUID // only open referrals this firm has a clear conflict check for
	SubmittedOnly bool       // no drafts
	Status        string
	PracticeArea  string // an area includes its sub-areas
	Jurisdiction  string
	Urgency       string
	Sort          string
	After         []string
	Limit         int
}

// sortOrders gives, per sort, the key expressions (compared as a row for keyset paging) and the
// direction shared by all of them. Deadlines absent sort last.
var sortOrders = map[string]struct {
	keys []string
	desc bool
}{
	"created":  {[]string{"referrals.created_at", "referrals.id"}, true},
	"deadline": {[]string{"COALESCE(referrals.deadline, 'infinity'::date)", "referrals.id"}, false},
	"urgency":  {[]string{"referrals.urgency_rank", "referrals.created_at", "referrals.id"}, true},
}

// ReferralSortKeys is the number of cursor values each sort needs.
func ReferralSortKeys(sort string) int { return len(sortOrders[sort].keys) }

// ListReferrals returns one page of referrals and the sort key of each row, for the next cursor.
func (s *Store) ListReferrals(ctx context.Context, f ReferralFilter) ([]Referral, [][]string, error) {
	order := sortOrders[f.Sort]
	q := s.referrals(ctx)
	if f.OrgID != nil {
		q = q.Where("referrals.org_id = ?", *f.OrgID)
	}
	if f.VisibleTo != nil {
		q = q.Where("referrals.status IN ('submitted', 'matching', 'offered')").
			Where("EXISTS (SELECT 1 FROM conflict_checks c WHERE c.referral_id = referrals.id AND c.firm_id = ? AND c.result IN ('clear', 'cleared'))", *f.VisibleTo)
	}
	if f.SubmittedOnly {
		q = q.Where("referrals.status <> 'draft'")
	}
	if f.Status != "" {
		q = q.Where("referrals.status = ?", f.Status)
	}
	if f.PracticeArea != "" {
		q = q.Where("(referrals.practice_area = ? OR referrals.practice_area LIKE ?)", f.PracticeArea, f.PracticeArea+".%")
	}
	if f.Jurisdiction != "" {
		q = q.Where("referrals.jurisdiction = ?", f.Jurisdiction)
	}
	if f.Urgency != "" {
		q = q.Where("referrals.urgency = ?", f.Urgency)
	}
	cmp, dir := ">", " ASC"
	if order.desc {
		cmp, dir = "<", " DESC"
	}
	if len(f.After) == len(order.keys) {
		args := make([]any, len(f.After))
		for i, v := range f.After {
			args[i] = v
		}
		placeholders := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")
		q = q.Where("("+strings.Join(order.keys, ", ")+") "+cmp+" ("+placeholders+")", args...)
	}
	selectKeys := make([]string, len(order.keys))
	for i, k := range order.keys {
		q = q.Order(k + dir)
		selectKeys[i] = k + "::text AS sort_key_" + string(rune('a'+i))
	}
	var rows []struct {
		Referral
		SortKeyA, SortKeyB, SortKeyC *string
	}
	err := q.Select(referralSelect + ", " + strings.Join(selectKeys, ", ")).Limit(f.Limit).Find(&rows).Error
	if err != nil {
		return nil, nil, translatePage(err, "referrals", len(f.After) > 0)
	}
	out := make([]Referral, len(rows))
	keys := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Referral
		for _, k := range []*string{r.SortKeyA, r.SortKeyB, r.SortKeyC}[:len(order.keys)] {
			keys[i] = append(keys[i], *k)
		}
	}
	return out, keys, nil
}
