package app

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"

	"github.com/probono-match/probono/internal/credit"
	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/store"
)

// creditStore is the store as the credit domain declares it (Store, CreditTx and LedgerTx),
// converting rows to the domain's types; inside Tx it is bound to the transaction.
type creditStore struct{ s *store.Store }

func (c creditStore) Tx(ctx context.Context, fn func(tx credit.CreditTx) error) error {
	return c.s.Tx(ctx, func(tx *store.Store) error { return fn(creditStore{tx}) })
}

func (c creditStore) CreditPolicies(ctx context.Context, firmIDs ...uuid.UUID) ([]credit.Policy, error) {
	rows, err := c.s.CreditPolicies(ctx, firmIDs)
	return mapRows(rows, toDomainPolicy), err
}

func toDomainPolicy(r store.CreditPolicy) credit.Policy {
	var capHours *credit.Centihours
	if r.CapTenths != nil {
		c := credit.Centihours(*r.CapTenths * 10)
		capHours = &c
	}
	activities := []string(r.EligibleActivities)
	if activities == nil {
		activities = []string{}
	}
	return credit.Policy{
		ID: r.ID, FirmID: r.FirmID, EffectiveFrom: r.EffectiveFrom.UTC(), FiscalYearStartMonth: r.FiscalYearStartMonth,
		AnnualCap: capHours, RatioPercent: r.RatioPercent, EligibleActivities: activities, TrainingCounts: r.TrainingCounts,
		SupervisionCounts: r.SupervisionCounts, MatterEligibility: r.MatterEligibility, ChallengeMeasure: r.ChallengeMeasure,
		CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt,
	}
}

func (c creditStore) SaveCreditPolicy(ctx context.Context, p credit.Policy) error {
	var capTenths *int64
	if p.AnnualCap != nil {
		t := int64(*p.AnnualCap) / 10
		capTenths = &t
	}
	return c.s.InsertCreditPolicy(ctx, store.CreditPolicy{
		ID: p.ID, FirmID: p.FirmID, EffectiveFrom: p.EffectiveFrom, FiscalYearStartMonth: p.FiscalYearStartMonth,
		CapTenths: capTenths, RatioPercent: p.RatioPercent, EligibleActivities: pq.StringArray(p.EligibleActivities),
		TrainingCounts: p.TrainingCounts, SupervisionCounts: p.SupervisionCounts, MatterEligibility: p.MatterEligibility,
		ChallengeMeasure: p.ChallengeMeasure, CreatedBy: p.CreatedBy,
	})
}

func (c creditStore) LawFirm(ctx context.Context, id uuid.UUID) (credit.Firm, error) {
	o, err := c.s.LawFirm(ctx, id)
	return credit.Firm{ID: o.ID, Name: o.Name}, err
}

func toDomainAttorney(a store.FirmAttorney) credit.Attorney {
	return credit.Attorney{ID: a.ID, FirmID: a.FirmID, Name: a.Name, AnnualGoalHours: a.AnnualGoalHours}
}

func (c creditStore) FirmAttorney(ctx context.Context, id uuid.UUID) (credit.Attorney, error) {
	a, err := c.s.FirmAttorneyByID(ctx, id)
	return toDomainAttorney(a), err
}

func (c creditStore) FirmAttorneys(ctx context.Context, firmID uuid.UUID) ([]credit.Attorney, error) {
	rows, err := c.s.FirmAttorneys(ctx, firmID)
	return mapRows(rows, toDomainAttorney), err
}

func (c creditStore) LedgerMonths(ctx context.Context, firmID uuid.UUID, attorneyID *uuid.UUID, fiscalYear int) ([]credit.AttorneyMonth, error) {
	rows, err := c.s.LedgerMonths(ctx, firmID, attorneyID, fiscalYear)
	return mapRows(rows, func(r store.LedgerMonth) credit.AttorneyMonth {
		return credit.AttorneyMonth{AttorneyID: r.AttorneyID,
			Month: credit.Month{Month: r.Month.UTC(), Hours: credit.Centihours(r.Centihours), Credited: credit.Centihours(r.Credits)}}
	}), err
}

func (c creditStore) AreaHours(ctx context.Context, firmID uuid.UUID, attorneyID *uuid.UUID, from, to time.Time) ([]credit.AreaHours, error) {
	rows, err := c.s.PracticeAreaHours(ctx, firmID, attorneyID, from, to)
	return mapRows(rows, func(r store.PracticeAreaMinutes) credit.AreaHours {
		return credit.AreaHours{PracticeArea: r.PracticeArea, Hours: credit.Centihours(r.Minutes * 10 / 6)}
	}), err
}

func toDomainBillable(r store.FirmBillableHours) credit.BillableHours {
	return credit.BillableHours{FirmID: r.FirmID, FiscalYear: r.FiscalYear, Hours: credit.Centihours(r.Centihours),
		Attorneys: r.Attorneys, UpdatedBy: r.UpdatedBy, UpdatedAt: r.UpdatedAt, Version: r.Version}
}

func (c creditStore) BillableHours(ctx context.Context, firmID uuid.UUID, year int) (credit.BillableHours, error) {
	r, err := c.s.FirmBillableHoursOf(ctx, firmID, year)
	return toDomainBillable(r), err
}

func (c creditStore) LockBillableHours(ctx context.Context, firmID uuid.UUID, year int) (credit.BillableHours, error) {
	r, err := c.s.LockFirmBillableHours(ctx, firmID, year)
	return toDomainBillable(r), err
}

func (c creditStore) SaveBillableHours(ctx context.Context, b credit.BillableHours) error {
	return c.s.SaveFirmBillableHours(ctx, store.FirmBillableHours{FirmID: b.FirmID, FiscalYear: b.FiscalYear,
		Centihours: int64(b.Hours), Attorneys: b.Attorneys, UpdatedBy: b.UpdatedBy, Version: b.Version})
}

func (c creditStore) Audit(ctx context.Context, r audit.Record) error { return c.s.Audit(ctx, r) }

func toDomainLedgerRow(r store.CreditLedgerRow) credit.LedgerRow {
	return credit.LedgerRow{ID: r.ID, EntryID: r.EntryID, AttorneyID: r.AttorneyID, FirmID: r.FirmID, PolicyID: r.PolicyID,
		FiscalYear: r.FiscalYear, WorkDate: r.WorkDate.UTC(), Hours: credit.Centihours(r.Centihours),
		Credited: credit.Centihours(r.Credited), CapApplied: r.CapApplied, Reason: r.Reason, CreatedAt: r.CreatedAt}
}

func (c creditStore) LedgerPage(ctx context.Context, f credit.LedgerQuery) ([]credit.LedgerRow, error) {
	rows, err := c.s.CreditLedgerPage(ctx, store.CreditLedgerFilter{FirmID: f.FirmID, AttorneyID: f.AttorneyID,
		FiscalYear: f.FiscalYear, BeforeID: f.BeforeID, Limit: f.Limit})
	return mapRows(rows, toDomainLedgerRow), err
}

func toStoreYears(keys []credit.YearKey) []store.CreditYear {
	return mapRows(keys, func(k credit.YearKey) store.CreditYear {
		return store.CreditYear{AttorneyID: k.AttorneyID, FirmID: k.FirmID, FiscalYear: k.FiscalYear}
	})
}

func (c creditStore) LockCreditYears(ctx context.Context, keys []credit.YearKey) error {
	return c.s.LockCreditYears(ctx, toStoreYears(keys))
}

func (c creditStore) CreditedHours(ctx context.Context, keys []credit.YearKey) (map[credit.YearKey]credit.Centihours, error) {
	sums, err := c.s.CreditedCentihours(ctx, toStoreYears(keys))
	out := make(map[credit.YearKey]credit.Centihours, len(sums))
	for y, v := range sums {
		out[credit.YearKey{AttorneyID: y.AttorneyID, FirmID: y.FirmID, FiscalYear: y.FiscalYear}] = credit.Centihours(v)
	}
	return out, err
}

func (c creditStore) PovertyPercents(ctx context.Context, matterIDs []uuid.UUID) (map[uuid.UUID]float64, error) {
	return c.s.MatterPovertyPercents(ctx, matterIDs)
}

func (c creditStore) GrantedCredit(ctx context.Context, entryIDs []uuid.UUID) (map[uuid.UUID]credit.Granted, error) {
	rows, err := c.s.GrantedCredits(ctx, entryIDs)
	out := make(map[uuid.UUID]credit.Granted, len(rows))
	for id, r := range rows {
		out[id] = credit.Granted{LedgerRow: toDomainLedgerRow(r.CreditLedgerRow), RatioPercent: r.RatioPercent,
			ReversedHours: credit.Centihours(r.ReversedHours), ReversedCredit: credit.Centihours(r.ReversedCredit)}
	}
	return out, err
}

func (c creditStore) AppendLedger(ctx context.Context, rows []credit.LedgerRow) error {
	return c.s.AppendCreditLedger(ctx, mapRows(rows, func(r credit.LedgerRow) store.CreditLedgerRow {
		return store.CreditLedgerRow{EntryID: r.EntryID, AttorneyID: r.AttorneyID, FirmID: r.FirmID, PolicyID: r.PolicyID,
			FiscalYear: r.FiscalYear, WorkDate: r.WorkDate, Centihours: int64(r.Hours), Credited: int64(r.Credited),
			CapApplied: r.CapApplied, Reason: r.Reason}
	}))
}

// creditLedger is the credit domain's ledger as the hours domain's port: approved entries are
// credited in the transaction that approves them.
func creditLedger(l credit.Ledger) hours.Ledger {
	return ledgerFunc(func(ctx context.Context, tx *store.Store, entries []hours.Approved) error {
		return l.Credit(ctx, creditStore{tx}, mapRows(entries, func(e hours.Approved) credit.Approved {
			return credit.Approved{EntryID: e.EntryID, AttorneyID: e.AttorneyID, FirmID: e.FirmID, MatterID: e.MatterID,
				WorkDate: e.WorkDate, Minutes: e.Minutes, Activity: e.Activity, AdjustsID: e.AdjustsID}
		}))
	})
}

var (
	_ credit.Store    = creditStore{}
	_ credit.CreditTx = creditStore{}
	_ credit.LedgerTx = creditStore{}
)
