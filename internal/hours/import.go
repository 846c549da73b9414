package hours

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
)

// Imported is an entry a firm's coordinator brings in from the firm's timekeeping system, for one
// of the firm's attorneys; ExternalID is that system's id of it.
type Imported struct {
	Input
	AttorneyID uuid.UUID
	ExternalID string
}

// ImportFault is a rule an imported entry breaks: its index among the imported, and the field.
type ImportFault struct {
	Index          int
	Field, Message string
}

// insertChunk is how many entries one INSERT writes: 20 columns each stay under Postgres's 65,535
// parameters a statement.
const insertChunk = 1000

// RecordImported locks the attorneys of the import, then checks and records its entries; see Service.
func (s *service) RecordImported(ctx context.Context, p auth.Principal, in []Imported) (created, skipped int, faults []ImportFault, err error) {
	if !manages(p, p.OrgID) || p.OrgKind != auth.KindLawFirm {
		return 0, 0, nil, errNotManager
	}
	now := s.now().UTC()
	err = s.db.Tx(ctx, func(tx Tx) error {
		// Under the attorneys' locks, taken in one order so that imports never deadlock, a parallel
		// import of the same file waits and then finds every external id recorded.
		var attorneys []uuid.UUID
		externalIDs := make([]string, 0, len(in))
		matterIDs := make([]uuid.UUID, 0, len(in))
		for _, e := range in {
			if !slices.Contains(attorneys, e.AttorneyID) {
				attorneys = append(attorneys, e.AttorneyID)
			}
			externalIDs, matterIDs = append(externalIDs, e.ExternalID), append(matterIDs, e.MatterID)
		}
		slices.SortFunc(attorneys, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
		for _, a := range attorneys {
			if err := tx.LockAttorney(ctx, a); err != nil {
				return err
			}
		}
		known, err := tx.ImportedExternalIDs(ctx, p.OrgID, externalIDs)
		if err != nil {
			return err
		}
		matters, err := s.matters.Matters(ctx, tx, matterIDs)
		if err != nil {
			return err
		}
		var rows []Entry
		var index []int // rows[k] is in[index[k]]
		for i, e := range in {
			if known[e.ExternalID] {
				skipped++
				continue
			}
			add := func(fields []problem.FieldError) {
				for _, f := range fields {
					faults = append(faults, ImportFault{Index: i, Field: f.Field, Message: f.Message})
				}
			}
			add(entryFaults(e.Minutes, e.Activity, e.Narrative, e.RateCents))
			m, ok := matters[e.MatterID]
			if !ok || m.FirmID != p.OrgID || m.AttorneyID != e.AttorneyID {
				add([]problem.FieldError{problem.Field("matter_id", "is not a matter of this attorney at your firm")})
				continue
			}
			add(dateFaults(m, dateOf(e.WorkDate), now))
			externalID := e.ExternalID
			rows = append(rows, Entry{ID: uuid.New(), MatterID: m.ID, AttorneyID: e.AttorneyID, FirmID: m.FirmID,
				WorkDate: dateOf(e.WorkDate), Minutes: e.Minutes, Activity: e.Activity, Narrative: e.Narrative, RateCents: e.RateCents,
				Status: StatusSubmitted, SubmittedAt: &now, Source: SourceImport, ExternalID: &externalID, CreatedAt: now, Version: 1})
			index = append(index, i)
		}
		if len(faults) > 0 {
			return nil
		}
		for _, a := range attorneys {
			var theirs []Entry
			var at []int
			for k, r := range rows {
				if r.AttorneyID == a {
					theirs, at = append(theirs, r), append(at, index[k])
				}
			}
			over, err := overDays(ctx, tx, a, theirs, nil)
			if err != nil {
				return err
			}
			for k, total := range over {
				faults = append(faults, ImportFault{Index: at[k], Field: "minutes", Message: fmt.Sprintf(
					"would bring the attorney's time on %s to %s hours; an attorney logs at most 24 hours a day",
					theirs[k].WorkDate.Format(time.DateOnly), Hours(total))})
			}
		}
		if len(faults) > 0 {
			return nil
		}
		for chunk := range slices.Chunk(rows, insertChunk) {
			if err := tx.InsertEntries(ctx, chunk); err != nil {
				return err
			}
		}
		created = len(rows)
		return nil
	})
	if err != nil || len(faults) > 0 {
		return 0, 0, faults, err
	}
	return created, skipped, nil, nil
}
