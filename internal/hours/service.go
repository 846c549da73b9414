package hours

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
)

// NewService returns the hours service: matters tells it of the matters entries are logged on,
// ledger credits the entries it approves.
func NewService(db Store, matters Matters, ledger Ledger) Service {
	return &service{db: db, matters: matters, ledger: ledger, now: time.Now}
}

type service struct {
	db      Store
	matters Matters
	ledger  Ledger
	now     func() time.Time
}

var (
	errNotFound         = problem.New(problem.NotFound, "Time entry not found.")
	errNotTheAttorney   = problem.New(problem.Forbidden, "Only the entry's attorney may do this.")
	errOnlyAttorneys    = problem.New(problem.Forbidden, "Only attorneys log time, on their own matters.")
	errNotManager       = problem.New(problem.Forbidden, "Only the coordinators and org admins of the attorney's firm may approve or reject time.")
	errChangedMeanwhile = problem.New(problem.PreconditionFailed, "This time entry changed after you opened it. Reload it to see the change, then make yours again.")
)

// manages reports whether the caller approves the time of a firm's attorneys.
func manages(p auth.Principal, firmID uuid.UUID) bool {
	return (p.Role == auth.RoleCoordinator || p.Role == auth.RoleOrgAdmin) && p.OrgID == firmID
}

// sees reports whether the caller may see an entry.
func sees(p auth.Principal, e Entry) bool {
	return p.IsPlatformAdmin() || p.UserID == e.AttorneyID || manages(p, e.FirmID)
}

func (s *service) Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Entry, error) {
	e, err := s.db.Entry(ctx, id)
	if problem.Is(err, problem.NotFound) || (err == nil && !sees(p, e)) {
		return Entry{}, errNotFound
	}
	return e, err
}

func (s *service) List(ctx context.Context, p auth.Principal, f ListFilter) ([]Entry, string, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxListLimit)
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, "", problem.Validation(problem.Field("to", "is before from"))
	}
	filter := StoreFilter{AttorneyID: f.AttorneyID, MatterID: f.MatterID, Status: f.Status, From: f.From, To: f.To, Limit: limit + 1}
	if f.Cursor != "" {
		after, err := cursor.DecodePosition(f.Cursor, sortWorkDate)
		if err != nil {
			return nil, "", err
		}
		filter.After = &after
	}
	switch {
	case p.IsPlatformAdmin():
	case p.Role == auth.RoleAttorney:
		filter.Attorney = &p.UserID
	case manages(p, p.OrgID):
		filter.Firm = &p.OrgID
	default:
		return []Entry{}, "", nil
	}
	rows, err := s.db.Entries(ctx, filter)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = cursor.EncodePosition(sortWorkDate, cursor.Position{At: last.WorkDate, ID: last.ID})
	}
	return rows, next, nil
}

func (s *service) Create(ctx context.Context, p auth.Principal, in Input) (Entry, error) {
	out, err := s.record(ctx, p, []Input{in}, SourceManual, func(_ int, name string) string { return name })
	if err != nil {
		return Entry{}, err
	}
	return out[0], nil
}

func (s *service) Batch(ctx context.Context, p auth.Principal, in []Input) ([]Entry, error) {
	if len(in) == 0 || len(in) > MaxBatch {
		return nil, problem.Validation(problem.Field("entries", fmt.Sprintf("must hold between 1 and %d entries", MaxBatch)))
	}
	return s.record(ctx, p, in, SourceBatch, func(i int, name string) string { return entryField(i, name) })
}

// record checks and records new entries of the caller's, all or none; field names each entry's
// fields in the errors.
func (s *service) record(ctx context.Context, p auth.Principal, in []Input, source string, field func(i int, name string) string) ([]Entry, error) {
	if p.Role != auth.RoleAttorney {
		return nil, errOnlyAttorneys
	}
	now := s.now().UTC()
	rows := make([]Entry, len(in))
	var out []Entry
	err := s.db.Tx(ctx, func(tx Tx) error {
		if err := tx.LockAttorney(ctx, p.UserID); err != nil {
			return err
		}
		ids := make([]uuid.UUID, 0, len(in))
		for _, e := range in {
			ids = append(ids, e.MatterID)
		}
		matters, err := s.matters.Matters(ctx, tx, ids)
		if err != nil {
			return err
		}
		var faults faults
		for i, e := range in {
			at := func(name string) string { return field(i, name) }
			faults.add(at, entryFaults(e.Minutes, e.Activity, e.Narrative, e.RateCents))
			m, ok := matters[e.MatterID]
			if !ok || m.AttorneyID != p.UserID {
				faults.add(at, []problem.FieldError{problem.Field("matter_id", "is not one of your matters")})
				continue
			}
			faults.add(at, dateFaults(m, dateOf(e.WorkDate), now))
			rows[i] = Entry{ID: uuid.New(), MatterID: m.ID, AttorneyID: p.UserID, FirmID: m.FirmID, WorkDate: dateOf(e.WorkDate),
				Minutes: e.Minutes, Activity: e.Activity, Narrative: e.Narrative, RateCents: e.RateCents, Status: StatusDraft,
				Source: source, CreatedAt: now, Version: 1}
			if e.Submit {
				rows[i].Status, rows[i].SubmittedAt = StatusSubmitted, &now
			}
		}
		if err := faults.err(); err != nil {
			return err
		}
		if err := checkDays(ctx, tx, p.UserID, rows, nil, field); err != nil {
			return err
		}
		if err := tx.InsertEntries(ctx, rows); err != nil {
			return err
		}
		out, err = tx.EntriesByIDs(ctx, entryIDs(rows))
		return err
	})
	return out, err
}

// own locks an entry of the caller's for a change, under the caller's lock: NotFound if they
// cannot see it, Forbidden unless it is theirs, PreconditionFailed if cond does not allow its
// version.
func (s *service) own(ctx context.Context, tx Tx, p auth.Principal, id uuid.UUID, cond etag.Condition) (Entry, error) {
	if err := tx.LockAttorney(ctx, p.UserID); err != nil {
		return Entry{}, err
	}
	locked, err := tx.LockEntries(ctx, []uuid.UUID{id})
	if err != nil {
		return Entry{}, err
	}
	e, ok := locked[id]
	switch {
	case !ok || !sees(p, e):
		return e, errNotFound
	case e.AttorneyID != p.UserID:
		return e, errNotTheAttorney
	case !cond.Allows(e.Version):
		return e, errChangedMeanwhile
	}
	return e, nil
}

func (s *service) Update(ctx context.Context, p auth.Principal, id uuid.UUID, in Update, cond etag.Condition) (Entry, error) {
	return s.rework(ctx, p, id, cond, "edited", func(e *Entry) { applyUpdate(e, in) })
}

// rework changes a draft or rejected entry of the caller's (verb says how, for the Conflict an
// entry in another status answers), checks every rule against the result and writes it.
func (s *service) rework(ctx context.Context, p auth.Principal, id uuid.UUID, cond etag.Condition, verb string, change func(e *Entry)) (Entry, error) {
	var out Entry
	err := s.db.Tx(ctx, func(tx Tx) error {
		e, err := s.own(ctx, tx, p, id, cond)
		if err != nil {
			return err
		}
		if e.Status != StatusDraft && e.Status != StatusRejected {
			return problem.New(problem.Conflict, "Only draft and rejected time entries can be %s; this one is %s.", verb, e.Status)
		}
		change(&e)
		if err := s.check(ctx, tx, e); err != nil {
			return err
		}
		e.Version++
		if err := tx.SaveEntry(ctx, e); err != nil {
			return err
		}
		out, err = one(ctx, tx, id)
		return err
	})
	return out, err
}

func applyUpdate(e *Entry, in Update) {
	if in.WorkDate != nil {
		e.WorkDate = dateOf(*in.WorkDate)
	}
	if in.Minutes != nil {
		e.Minutes = *in.Minutes
	}
	if in.Activity != nil {
		e.Activity = *in.Activity
	}
	if in.Narrative != nil {
		e.Narrative = *in.Narrative
	}
	if in.RateCents != nil {
		e.RateCents = in.RateCents
	}
	if in.ClearRate {
		e.RateCents = nil
	}
}

// check applies every rule to an entry of the caller's as it is about to be written: its fields,
// its dates, and its day's 24 hours unless it is rejected (which counts again when resubmitted).
func (s *service) check(ctx context.Context, tx Tx, e Entry) error {
	name := func(n string) string { return n }
	var faults faults
	if e.AdjustsID == nil {
		faults.add(name, entryFaults(e.Minutes, e.Activity, e.Narrative, e.RateCents))
	} else {
		faults.add(name, adjustmentFaults(e.Minutes, e.Activity, e.Narrative, e.RateCents))
	}
	matters, err := s.matters.Matters(ctx, tx, []uuid.UUID{e.MatterID})
	if err != nil {
		return err
	}
	faults.add(name, dateFaults(matters[e.MatterID], e.WorkDate, s.now()))
	if err := faults.err(); err != nil {
		return err
	}
	if e.AdjustsID != nil {
		if err := adjustmentRules(ctx, tx, e); err != nil {
			return err
		}
	}
	if e.Status == StatusRejected {
		return nil
	}
	return checkDays(ctx, tx, e.AttorneyID, []Entry{e}, []uuid.UUID{e.ID}, func(_ int, n string) string { return n })
}

func (s *service) Delete(ctx context.Context, p auth.Principal, id uuid.UUID, cond etag.Condition) error {
	return s.db.Tx(ctx, func(tx Tx) error {
		e, err := s.own(ctx, tx, p, id, cond)
		if err != nil {
			return err
		}
		if e.Status != StatusDraft {
			return problem.New(problem.Conflict, "Only drafts can be deleted; this time entry is %s.", e.Status)
		}
		return tx.DeleteEntry(ctx, id)
	})
}

func (s *service) Submit(ctx context.Context, p auth.Principal, id uuid.UUID) (Entry, error) {
	now := s.now().UTC()
	// A rejected entry's time did not count while it was rejected: its dates and its day are
	// checked again, as they are now.
	return s.rework(ctx, p, id, etag.Condition{}, "submitted", func(e *Entry) {
		e.Status, e.SubmittedAt, e.RejectReason, e.DecidedAt, e.DecidedBy = StatusSubmitted, &now, "", nil, nil
	})
}

// one reads one entry back after a write.
func one(ctx context.Context, tx Tx, id uuid.UUID) (Entry, error) {
	rows, err := tx.EntriesByIDs(ctx, []uuid.UUID{id})
	if err != nil {
		return Entry{}, err
	}
	if len(rows) == 0 {
		return Entry{}, errNotFound
	}
	return rows[0], nil
}

func entryIDs(rows []Entry) []uuid.UUID {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

// emit records an event in the outbox.
func emit(ctx context.Context, tx Tx, eventType, aggregate string, payload any) error {
	e, err := outbox.New(eventType, aggregate, payload)
	if err != nil {
		return err
	}
	return tx.Emit(ctx, e)
}

// dateOf is the calendar day of t, as UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
