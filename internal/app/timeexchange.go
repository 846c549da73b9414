package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/store"
	"github.com/probono-match/probono/internal/timeexchange"
)

// timeExchangeStore is the store as the time exchange domain declares it (see partnershipStore
// for why it lives here).
type timeExchangeStore struct{ s *store.Store }

func (t timeExchangeStore) Tx(ctx context.Context, fn func(tx timeexchange.Tx) error) error {
	return t.s.Tx(ctx, func(tx *store.Store) error { return fn(tx) })
}

func toExportSelection(sel timeexchange.Selection) store.TimeExportSelection {
	return store.TimeExportSelection{FirmID: sel.FirmID, From: sel.From, To: sel.To, AttorneyID: sel.AttorneyID, MatterID: sel.MatterID}
}

func (t timeExchangeStore) ApprovedEntries(ctx context.Context, sel timeexchange.Selection, after *timeexchange.Position, limit int) ([]timeexchange.Entry, error) {
	var from *store.ExportedTimeEntry
	if after != nil {
		from = &store.ExportedTimeEntry{MatterID: after.MatterID, WorkDate: after.WorkDate, ID: after.ID}
	}
	rows, err := t.s.ApprovedTimeEntries(ctx, toExportSelection(sel), from, limit)
	return mapRows(rows, func(r store.ExportedTimeEntry) timeexchange.Entry {
		return timeexchange.Entry{ID: r.ID, MatterID: r.MatterID, ReferralID: r.ReferralID, AttorneyID: r.AttorneyID,
			AttorneyName: r.AttorneyName, AttorneyEmail: r.AttorneyEmail, PracticeArea: r.PracticeArea, WorkDate: r.WorkDate,
			Minutes: r.Minutes, Activity: r.Activity, Narrative: r.Narrative, RateCents: r.RateCents, AdjustsID: r.AdjustsID,
			Source: r.Source, ExternalID: r.ExternalID, ApprovedAt: r.DecidedAt}
	}), err
}

func (t timeExchangeStore) ApprovedValues(ctx context.Context, sel timeexchange.Selection) (map[uuid.UUID]int64, error) {
	return t.s.ApprovedTimeValues(ctx, toExportSelection(sel))
}

func (t timeExchangeStore) FirmAttorneys(ctx context.Context, firmID uuid.UUID, emails []string) (map[string]uuid.UUID, error) {
	return t.s.FirmAttorneysByEmail(ctx, firmID, emails)
}

// importedTime records imported rows through the hours domain, under its rules.
type importedTime struct{ hours hours.Service }

func (i importedTime) RecordImported(ctx context.Context, p auth.Principal, rows []timeexchange.Row) (int, int, []timeexchange.LineError, error) {
	in := make([]hours.Imported, len(rows))
	for j, r := range rows {
		in[j] = hours.Imported{AttorneyID: r.AttorneyID, ExternalID: r.ExternalID, Input: hours.Input{MatterID: r.MatterID,
			WorkDate: r.WorkDate, Minutes: r.Minutes, Activity: r.Activity, Narrative: r.Narrative, RateCents: r.RateCents}}
	}
	created, skipped, faults, err := i.hours.RecordImported(ctx, p, in)
	out := make([]timeexchange.LineError, len(faults))
	for j, f := range faults {
		out[j] = timeexchange.LineError{Line: rows[f.Index].Line, Field: f.Field, Detail: f.Message}
	}
	return created, skipped, out, err
}
