package store

import (
	"context"
	"slices"
	"strconv"
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
	OrgID         *uuid.UUID  // only this organisation's referrals
	VisibleTo     *uuid.UUID  // only open referrals this firm has a clear conflict check for
	SubmittedOnly bool        // no drafts
	IDs           []uuid.UUID // only these referrals, if not nil
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

// referralColumns are the columns of a referral row that scanReferral reads, in its order.
const referralColumns = `referrals.id, referrals.org_id, referrals.created_by, referrals.status, referrals.outcome,
	referrals.practice_area, referrals.jurisdiction, referrals.language, referrals.summary, referrals.urgency,
	referrals.urgency_rank, referrals.deadline, referrals.estimated_hours, referrals.limited_scope,
	referrals.remote_allowed, referrals.mentored_ok, referrals.household_size, referrals.annual_income, referrals.poverty_percent::float8,
	referrals.guideline_year, referrals.guideline_region, referrals.created_at, referrals.updated_at,
	referrals.submitted_at, referrals.version, organizations.name`

// referralFields are the destinations of referralColumns in r.
func referralFields(r *Referral) []any {
	return []any{uuidDest{&r.ID}, uuidDest{&r.OrgID}, uuidDest{&r.CreatedBy}, &r.Status, &r.Outcome,
		&r.PracticeArea, &r.Jurisdiction, &r.Language, &r.Summary, &r.Urgency,
		&r.UrgencyRank, &r.Deadline, &r.EstimatedHours, &r.LimitedScope,
		&r.RemoteAllowed, &r.MentoredOK, &r.HouseholdSize, &r.AnnualIncome, &r.PovertyPercent,
		&r.GuidelineYear, &r.GuidelineRegion, &r.CreatedAt, &r.UpdatedAt,
		&r.SubmittedAt, &r.Version, &r.OrgName}
}

// ListReferrals returns one page of referrals and the sort key of each row, for the next cursor.
// The page is the busiest read there is, so it is plain SQL scanned by hand.
func (s *Store) ListReferrals(ctx context.Context, f ReferralFilter) ([]Referral, [][]string, error) {
	order := sortOrders[f.Sort]
	var where []string
	var args []any
	param := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.OrgID != nil {
		where = append(where, "referrals.org_id = "+param(*f.OrgID))
	}
	if f.VisibleTo != nil {
		where = append(where, "referrals.status IN ('submitted', 'matching', 'offered')",
			"EXISTS (SELECT 1 FROM conflict_checks c WHERE c.referral_id = referrals.id AND c.firm_id = "+param(*f.VisibleTo)+" AND c.result IN ('clear', 'cleared') AND NOT c.recheck_pending)")
	}
	if f.IDs != nil {
		where = append(where, "referrals.id = ANY("+param(uuidArray(f.IDs))+")")
	}
	if f.SubmittedOnly {
		where = append(where, "referrals.status <> 'draft'")
	}
	if f.Status != "" {
		where = append(where, "referrals.status = "+param(f.Status))
	}
	if f.PracticeArea != "" {
		where = append(where, "(referrals.practice_area = "+param(f.PracticeArea)+" OR referrals.practice_area LIKE "+param(f.PracticeArea+".%")+")")
	}
	if f.Jurisdiction != "" {
		where = append(where, "referrals.jurisdiction = "+param(f.Jurisdiction))
	}
	if f.Urgency != "" {
		where = append(where, "referrals.urgency = "+param(f.Urgency))
	}
	cmp, dir := ">", " ASC"
	if order.desc {
		cmp, dir = "<", " DESC"
	}
	if len(f.After) == len(order.keys) {
		placeholders := make([]string, len(f.After))
		for i, v := range f.After {
			placeholders[i] = param(v)
		}
		where = append(where, "("+strings.Join(order.keys, ", ")+") "+cmp+" ("+strings.Join(placeholders, ", ")+")")
	}
	selectKeys := make([]string, len(order.keys))
	orderBy := make([]string, len(order.keys))
	for i, k := range order.keys {
		selectKeys[i] = k + "::text"
		orderBy[i] = k + dir
	}
	query := "SELECT " + referralColumns + ", " + strings.Join(selectKeys, ", ") +
		" FROM referrals JOIN organizations ON organizations.id = referrals.org_id"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY " + strings.Join(orderBy, ", ") + " LIMIT " + param(f.Limit)

	var r Referral
	key := make([]string, len(order.keys))
	dest := referralFields(&r)
	for i := range key {
		dest = append(dest, &key[i])
	}
	out := make([]Referral, 0, f.Limit)
	keys := make([][]string, 0, f.Limit)
	err := s.scanRows(ctx, query, args, dest, func() {
		out, keys = append(out, r), append(keys, slices.Clone(key))
	})
	if err != nil {
		return nil, nil, translatePage(err, "referrals", len(f.After) > 0)
	}
	return out, keys, nil
}
