package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"
)

// CreditLedgerRow is a row of credit_ledger with its hours in hundredths.
type CreditLedgerRow struct {
	ID         int64
	EntryID    uuid.UUID
	AttorneyID uuid.UUID
	FirmID     uuid.UUID
	PolicyID   *uuid.UUID
	FiscalYear int
	WorkDate   time.Time
	Centihours int64
	Credited   int64
	CapApplied bool
	Reason     string
	CreatedAt  time.Time
}

// CreditYear is one attorney's fiscal year at one firm.
type CreditYear struct {
	AttorneyID, FirmID uuid.UUID
	FiscalYear         int
}

// lockKey is the advisory lock's name for a fiscal year.
func (y CreditYear) lockKey() string {
	return "credit|" + y.AttorneyID.String() + "|" + y.FirmID.String() + "|" + strconv.Itoa(y.FiscalYear)
}

// LockCreditYears takes a transaction-scoped lock on each fiscal year's ledger, in the order
// given, so that two approvals for one attorney are credited one after the other; call it inside
// Tx, and read what was credited so far only after it (in a statement of its own, which sees what
// the transaction waited for).
func (s *Store) LockCreditYears(ctx context.Context, years []CreditYear) error {
	keys := make([]string, len(years))
	for i, y := range years {
		keys[i] = y.lockKey()
	}
	return translate(s.with(ctx).Exec(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
		FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`, pq.StringArray(keys)).Error, "credit ledger")
}

// CreditedCentihours sums the credit granted in each fiscal year, in hundredths of an hour.
func (s *Store) CreditedCentihours(ctx context.Context, years []CreditYear) (map[CreditYear]int64, error) {
	var rows []struct {
		AttorneyID, FirmID uuid.UUID
		FiscalYear         int
		Credited           int64
	}
	attorneys, firms, fiscal := make([]string, len(years)), make([]string, len(years)), make([]int64, len(years))
	for i, y := range years {
		attorneys[i], firms[i], fiscal[i] = y.AttorneyID.String(), y.FirmID.String(), int64(y.FiscalYear)
	}
	err := s.with(ctx).Raw(`
		SELECT l.attorney_id, l.firm_id, l.fiscal_year, (sum(l.credited_hours) * 100)::bigint AS credited
		FROM unnest(?::uuid[], ?::uuid[], ?::int[]) AS y(attorney_id, firm_id, fiscal_year)
		JOIN credit_ledger l ON l.firm_id = y.firm_id AND l.fiscal_year = y.fiscal_year AND l.attorney_id = y.attorney_id
		GROUP BY 1, 2, 3`, pq.StringArray(attorneys), pq.StringArray(firms), pq.Int64Array(fiscal)).Scan(&rows).Error
	out := make(map[CreditYear]int64, len(rows))
	for _, r := range rows {
		out[CreditYear{r.AttorneyID, r.FirmID, r.FiscalYear}] = r.Credited
	}
	return out, translate(err, "credit ledger")
}

// MatterPovertyPercents returns, for each matter, its client's income as a percentage of the
// poverty guideline (from the referral).
func (s *Store) MatterPovertyPercents(ctx context.Context, matterIDs []uuid.UUID) (map[uuid.UUID]float64, error) {
	var rows []struct {
		ID             uuid.UUID
		PovertyPercent float64
	}
	err := s.with(ctx).Raw(`SELECT m.id, r.poverty_percent::float8 AS poverty_percent
		FROM matters m JOIN referrals r ON r.id = m.referral_id WHERE m.id IN ?`, matterIDs).Scan(&rows).Error
	out := make(map[uuid.UUID]float64, len(rows))
	for _, r := range rows {
		out[r.ID] = r.PovertyPercent
	}
	return out, translate(err, "matters")
}

// GrantedCredit is an entry's ledger row with the ratio of the policy it was granted under, and the
// sums of the negative entries adjusting it that were credited since.
type GrantedCredit struct {
	CreditLedgerRow
	RatioPercent                  int
	ReversedHours, ReversedCredit int64
}

// GrantedCredits returns the ledger rows of the entries, by entry.
func (s *Store) GrantedCredits(ctx context.Context, entryIDs []uuid.UUID) (map[uuid.UUID]GrantedCredit, error) {
	var rows []GrantedCredit
	err := s.with(ctx).Raw(creditLedgerSelect(`, coalesce((p.credit_ratio * 100)::int, 0) AS ratio_percent,
			coalesce(adj.hours, 0) AS reversed_hours, coalesce(adj.credited, 0) AS reversed_credit`)+`
		LEFT JOIN credit_policies p ON p.id = l.policy_id
		LEFT JOIN LATERAL (
			SELECT (sum(a.hours) * 100)::bigint AS hours, (sum(a.credited_hours) * 100)::bigint AS credited
			FROM time_entries t JOIN credit_ledger a ON a.entry_id = t.id
			WHERE t.adjusts_id = l.entry_id AND t.minutes < 0) adj ON true
		WHERE l.entry_id IN ?`, entryIDs).Scan(&rows).Error
	out := make(map[uuid.UUID]GrantedCredit, len(rows))
	for _, r := range rows {
		out[r.EntryID] = r
	}
	return out, translate(err, "credit ledger")
}

// creditLedgerSelect reads ledger rows as l, with more columns after them.
func creditLedgerSelect(more string) string {
	return `SELECT l.id, l.entry_id, l.attorney_id, l.firm_id, l.policy_id, l.fiscal_year, l.work_date,
		(l.hours * 100)::bigint AS centihours, (l.credited_hours * 100)::bigint AS credited, l.cap_applied, l.reason, l.created_at` + more + `
		FROM credit_ledger l`
}

// AppendCreditLedger inserts the rows in one statement; Conflict when an entry already has one.
func (s *Store) AppendCreditLedger(ctx context.Context, rows []CreditLedgerRow) error {
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	args := make([]any, 0, len(rows)*10)
	b.WriteString(`INSERT INTO credit_ledger (entry_id, attorney_id, firm_id, policy_id, fiscal_year, work_date, hours,
		credited_hours, cap_applied, reason) VALUES `)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?::numeric / 100, ?::numeric / 100, ?, ?)")
		args = append(args, r.EntryID, r.AttorneyID, r.FirmID, r.PolicyID, r.FiscalYear, r.WorkDate, r.Centihours, r.Credited, r.CapApplied, r.Reason)
	}
	return translate(s.with(ctx).Exec(b.String(), args...).Error, "credit ledger")
}

// LedgerMonth sums one attorney's ledger rows of a month, in hundredths of an hour.
type LedgerMonth struct {
	AttorneyID          uuid.UUID
	Month               time.Time
	Centihours, Credits int64
}

// LedgerMonths sums a firm's ledger rows of a fiscal year (one attorney's, when set) by attorney and
// month of the work.
func (s *Store) LedgerMonths(ctx context.Context, firmID uuid.UUID, attorneyID *uuid.UUID, fiscalYear int) ([]LedgerMonth, error) {
	q := `SELECT attorney_id, date_trunc('month', work_date)::date AS month,
			(sum(hours) * 100)::bigint AS centihours, (sum(credited_hours) * 100)::bigint AS credits
		FROM credit_ledger WHERE firm_id = ? AND fiscal_year = ?`
	args := []any{firmID, fiscalYear}
	if attorneyID != nil {
		q += " AND attorney_id = ?"
		args = append(args, *attorneyID)
	}
	var rows []LedgerMonth
	err := s.with(ctx).Raw(q+" GROUP BY 1, 2 ORDER BY 1, 2", args...).Scan(&rows).Error
	return rows, translate(err, "credit ledger")
}

// CreditLedgerFilter selects ledger rows; BeforeID is the last row of the previous page (newest
// first).
type CreditLedgerFilter struct {
	FirmID, AttorneyID *uuid.UUID
	FiscalYear         *int
	BeforeID           *int64
	Limit              int
}

// CreditLedgerPage returns up to f.Limit ledger rows, newest first.
func (s *Store) CreditLedgerPage(ctx context.Context, f CreditLedgerFilter) ([]CreditLedgerRow, error) {
	var where []string
	var args []any
	if f.FirmID != nil {
		where, args = append(where, "l.firm_id = ?"), append(args, *f.FirmID)
	}
	if f.AttorneyID != nil {
		where, args = append(where, "l.attorney_id = ?"), append(args, *f.AttorneyID)
	}
	if f.FiscalYear != nil {
		where, args = append(where, "l.fiscal_year = ?"), append(args, *f.FiscalYear)
	}
	if f.BeforeID != nil {
		where, args = append(where, "l.id < ?"), append(args, *f.BeforeID)
	}
	q := creditLedgerSelect("")
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var rows []CreditLedgerRow
	err := s.with(ctx).Raw(q+" ORDER BY l.id DESC LIMIT ?", append(args, f.Limit)...).Scan(&rows).Error
	return rows, translate(err, "credit ledger")
}
