package app

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/store"
)

// hoursStore is the store as the hours domain declares it, converting rows to the domain's types;
// inside Tx it is bound to the transaction (see partnershipStore for why it lives here).
type hoursStore struct{ s *store.Store }

func (h hoursStore) Tx(ctx context.Context, fn func(tx hours.Tx) error) error {
	return h.s.Tx(ctx, func(tx *store.Store) error { return fn(hoursStore{tx}) })
}

// txStore is the transaction an hours.Tx is, for another domain's work in it (the ledger's).
func txStore(tx hours.Tx) *store.Store { return tx.(hoursStore).s }

func (h hoursStore) Entry(ctx context.Context, id uuid.UUID) (hours.Entry, error) {
	v, err := h.s.TimeEntryByID(ctx, id)
	return toDomainEntry(v), err
}

func (h hoursStore) Entries(ctx context.Context, f hours.StoreFilter) ([]hours.Entry, error) {
	filter := store.TimeEntryFilter{FirmID: f.Firm, AttorneyID: f.Attorney, MatterID: f.MatterID, From: f.From, To: f.To, Limit: f.Limit}
	if f.AttorneyID != nil {
		if filter.AttorneyID != nil && *filter.AttorneyID != *f.AttorneyID {
			return []hours.Entry{}, nil // an attorney asking for a colleague's time sees none
		}
		filter.AttorneyID = f.AttorneyID
	}
	if f.Status != nil {
		status := string(*f.Status)
		filter.Status = &status
	}
	if f.After != nil {
		filter.AfterDate, filter.AfterID = &f.After.At, f.After.ID
	}
	rows, err := h.s.TimeEntries(ctx, filter)
	return mapRows(rows, toDomainEntry), err
}

func (h hoursStore) LockAttorney(ctx context.Context, attorneyID uuid.UUID) error {
	return h.s.LockAttorneyTime(ctx, attorneyID)
}

func (h hoursStore) LockEntries(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]hours.Entry, error) {
	rows, err := h.s.LockTimeEntries(ctx, ids)
	out := make(map[uuid.UUID]hours.Entry, len(rows))
	for _, r := range rows {
		out[r.ID] = toDomainEntry(store.TimeEntryView{TimeEntry: r})
	}
	return out, err
}

func (h hoursStore) DayMinutes(ctx context.Context, attorneyID uuid.UUID, days []time.Time, except []uuid.UUID) (map[time.Time]int, error) {
	return h.s.DayMinutes(ctx, attorneyID, days, except)
}

func (h hoursStore) AdjustedMinutes(ctx context.Context, id, except uuid.UUID) (int, error) {
	return h.s.AdjustedMinutes(ctx, id, except)
}

func (h hoursStore) InsertEntries(ctx context.Context, entries []hours.Entry) error {
	return h.s.InsertTimeEntries(ctx, mapRows(entries, toStoreEntry))
}

func (h hoursStore) SaveEntry(ctx context.Context, e hours.Entry) error {
	return h.s.SaveTimeEntry(ctx, toStoreEntry(e))
}

func (h hoursStore) Decide(ctx context.Context, ids []uuid.UUID, d hours.Decision) error {
	return h.s.DecideTimeEntries(ctx, ids, string(d.Status), d.DecidedBy, d.DecidedAt, d.Reason)
}

func (h hoursStore) DeleteEntry(ctx context.Context, id uuid.UUID) error {
	return h.s.DeleteTimeEntry(ctx, id)
}

func (h hoursStore) ImportedExternalIDs(ctx context.Context, firmID uuid.UUID, externalIDs []string) (map[string]bool, error) {
	return h.s.ImportedTimeEntryIDs(ctx, firmID, externalIDs)
}

func (h hoursStore) EntriesByIDs(ctx context.Context, ids []uuid.UUID) ([]hours.Entry, error) {
	rows, err := h.s.TimeEntriesByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[uuid.UUID]store.TimeEntryView, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	out := make([]hours.Entry, 0, len(rows))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, toDomainEntry(r))
		}
	}
	return out, nil
}

func (h hoursStore) Emit(ctx context.Context, e outbox.Event) error { return h.s.Emit(ctx, e) }

func (h hoursStore) Audit(ctx context.Context, r audit.Record) error { return h.s.Audit(ctx, r) }

func toDomainEntry(v store.TimeEntryView) hours.Entry {
	return hours.Entry{
		ID: v.ID, MatterID: v.MatterID, AttorneyID: v.AttorneyID, AttorneyName: v.AttorneyName, FirmID: v.FirmID,
		WorkDate: utcDate(v.WorkDate), Minutes: v.Minutes, Activity: v.Activity, Narrative: v.Narrative, RateCents: v.RateCents,
		Status: hours.Status(v.Status), AdjustsID: v.AdjustsID, Source: v.Source, ExternalID: v.ExternalID,
		SubmittedAt: v.SubmittedAt, DecidedAt: v.DecidedAt, DecidedBy: v.DecidedBy, DecidedByName: deref(v.DecidedByName),
		RejectReason: deref(v.RejectReason), CreatedAt: v.CreatedAt, Version: v.Version,
		Matter: hours.MatterBrief{ReferralID: v.ReferralID, PracticeArea: v.PracticeArea, Jurisdiction: v.Jurisdiction, ReferrerName: v.ReferrerName},
	}
}

func toStoreEntry(e hours.Entry) store.TimeEntry {
	var reason *string
	if e.Status == hours.StatusRejected {
		reason = &e.RejectReason
	}
	return store.TimeEntry{
		ID: e.ID, MatterID: e.MatterID, AttorneyID: e.AttorneyID, FirmID: e.FirmID, WorkDate: e.WorkDate, Minutes: e.Minutes,
		Activity: e.Activity, Narrative: e.Narrative, RateCents: e.RateCents, Status: string(e.Status), AdjustsID: e.AdjustsID,
		Source: e.Source, ExternalID: e.ExternalID, SubmittedAt: e.SubmittedAt, DecidedAt: e.DecidedAt, DecidedBy: e.DecidedBy,
		RejectReason: reason, CreatedAt: e.CreatedAt, UpdatedAt: e.CreatedAt, Version: e.Version,
	}
}

// utcDate is the calendar day of t as UTC midnight, whatever zone the driver read it in.
func utcDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// hoursMatters tells the hours domain of matters, from the matters' table in the transaction.
type hoursMatters struct{}

func (hoursMatters) Matters(ctx context.Context, tx hours.Tx, ids []uuid.UUID) (map[uuid.UUID]hours.Matter, error) {
	rows, err := txStore(tx).MattersForTime(ctx, ids)
	out := make(map[uuid.UUID]hours.Matter, len(rows))
	for _, m := range rows {
		out[m.ID] = hours.Matter{ID: m.ID, AttorneyID: m.AttorneyID, FirmID: m.FirmID, Status: m.Status,
			StartedAt: m.StartedAt, EndedAt: m.EndedAt, TimeZone: m.TimeZone}
	}
	return out, err
}

// ledgerFunc credits approved entries in the approving transaction, as the store it is.
type ledgerFunc func(ctx context.Context, tx *store.Store, entries []hours.Approved) error

func (f ledgerFunc) Credit(ctx context.Context, tx hours.Tx, entries []hours.Approved) error {
	return f(ctx, txStore(tx), entries)
}

// newHours returns the hours service on db.
func newHours(db *store.Store, ledger hours.Ledger) hours.Service {
	return hours.NewService(hoursStore{db}, hoursMatters{}, ledger)
}
