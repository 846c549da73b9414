package hours

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/problem"
)

func (s *service) Approve(ctx context.Context, p auth.Principal, ids []uuid.UUID) ([]Entry, error) {
	return s.decide(ctx, p, ids, Decision{Status: StatusApproved})
}

func (s *service) Reject(ctx context.Context, p auth.Principal, ids []uuid.UUID, reason string) ([]Entry, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, problem.Validation(problem.Field("reason", "is required: tell the attorney what to change"))
	case utf8.RuneCountInString(reason) > MaxReason:
		return nil, problem.Validation(problem.Field("reason", fmt.Sprintf("must be at most %d characters", MaxReason)))
	}
	return s.decide(ctx, p, ids, Decision{Status: StatusRejected, Reason: &reason})
}

// decide approves or rejects submitted entries, all or none. The entries are locked first, so of two
// coordinators deciding the same entries at once the second finds them decided and changes
// nothing: each entry is approved, and credited, once.
func (s *service) decide(ctx context.Context, p auth.Principal, ids []uuid.UUID, d Decision) ([]Entry, error) {
	if len(ids) == 0 || len(ids) > MaxBulk {
		return nil, problem.Validation(problem.Field("ids", fmt.Sprintf("must name between 1 and %d time entries", MaxBulk)))
	}
	if err := distinct(ids); err != nil {
		return nil, err
	}
	d.DecidedBy, d.DecidedAt = p.UserID, s.now().UTC()
	var out []Entry
	err := s.db.Tx(ctx, func(tx Tx) error {
		locked, err := tx.LockEntries(ctx, ids)
		if err != nil {
			return err
		}
		if err := decidable(p, ids, locked); err != nil {
			return err
		}
		if err := tx.Decide(ctx, ids, d); err != nil {
			return err
		}
		byAttorney := map[uuid.UUID][]uuid.UUID{}
		var attorneys []uuid.UUID
		approved := make([]Approved, 0, len(ids))
		for _, id := range ids {
			e := locked[id]
			if _, ok := byAttorney[e.AttorneyID]; !ok {
				attorneys = append(attorneys, e.AttorneyID)
			}
			byAttorney[e.AttorneyID] = append(byAttorney[e.AttorneyID], id)
			approved = append(approved, Approved{EntryID: id, AttorneyID: e.AttorneyID, FirmID: e.FirmID, MatterID: e.MatterID,
				WorkDate: e.WorkDate, Minutes: e.Minutes, Activity: e.Activity, AdjustsID: e.AdjustsID})
		}
		if d.Status == StatusApproved {
			if err := s.ledger.Credit(ctx, tx, approved); err != nil {
				return err
			}
		}
		event := EventApproved
		if d.Status == StatusRejected {
			event = EventRejected
		}
		for _, a := range attorneys {
			if err := emit(ctx, tx, event, "attorney/"+a.String(), DecidedEvent{AttorneyID: a, EntryIDs: byAttorney[a]}); err != nil {
				return err
			}
		}
		if out, err = tx.EntriesByIDs(ctx, ids); err != nil {
			return err
		}
		return auditDecisions(ctx, tx, p, locked, ids, d)
	})
	return out, err
}

// distinct refuses a list that names an entry twice.
func distinct(ids []uuid.UUID) error {
	seen := make(map[uuid.UUID]bool, len(ids))
	var f faults
	for i, id := range ids {
		if seen[id] {
			f = append(f, problem.Field(fmt.Sprintf("ids[%d]", i), "names a time entry listed before"))
		}
		seen[id] = true
	}
	return f.err()
}

// decidable checks that the caller may decide every entry and that each is submitted: NotFound
// naming the entries they cannot see, Forbidden when they see one they do not decide (their own,
// or as a platform admin), Conflict naming the entries decided already.
func decidable(p auth.Principal, ids []uuid.UUID, locked map[uuid.UUID]Entry) error {
	var missing, decided []problem.FieldError
	forbidden := false
	for i, id := range ids {
		e, ok := locked[id]
		field := fmt.Sprintf("ids[%d]", i)
		switch {
		case !ok || !sees(p, e):
			missing = append(missing, problem.Field(field, "is not a time entry you can see"))
		case !manages(p, e.FirmID):
			forbidden = true
		case e.Status != StatusSubmitted:
			decided = append(decided, problem.Field(field, "is "+string(e.Status)+", not submitted"))
		}
	}
	switch {
	case len(missing) > 0:
		return &problem.Error{Kind: problem.NotFound, Detail: "Time entry not found.", Fields: missing}
	case forbidden:
		return errNotManager
	case len(decided) > 0:
		return &problem.Error{Kind: problem.Conflict, Type: "time-entry-decided",
			Detail: "Some of these time entries are no longer waiting for approval; nothing was changed.", Fields: decided}
	}
	return nil
}

// decisionAudit is what the audit trail keeps of a decided entry: its numbers and ids, never its
// narrative or the reason given (either may tell of the client).
type decisionAudit struct {
	Status     Status     `json:"status"`
	AttorneyID uuid.UUID  `json:"attorney_id,omitempty"`
	MatterID   uuid.UUID  `json:"matter_id,omitempty"`
	WorkDate   string     `json:"work_date,omitempty"`
	Minutes    int        `json:"minutes,omitempty"`
	Activity   string     `json:"activity,omitempty"`
	AdjustsID  *uuid.UUID `json:"adjusts_id,omitempty"`
}

func auditDecisions(ctx context.Context, tx Tx, p auth.Principal, locked map[uuid.UUID]Entry, ids []uuid.UUID, d Decision) error {
	action := "hours.approved"
	if d.Status == StatusRejected {
		action = "hours.rejected"
	}
	before, err := json.Marshal(decisionAudit{Status: StatusSubmitted})
	if err != nil {
		return err
	}
	for _, id := range ids {
		e := locked[id]
		after, err := json.Marshal(decisionAudit{Status: d.Status, AttorneyID: e.AttorneyID, MatterID: e.MatterID,
			WorkDate: e.WorkDate.Format(time.DateOnly), Minutes: e.Minutes, Activity: e.Activity, AdjustsID: e.AdjustsID})
		if err != nil {
			return err
		}
		firm := e.FirmID
		if err := tx.Audit(ctx, audit.Record{ActorID: &p.UserID, OrgID: &firm, Action: action, ObjectType: auditTimeType,
			ObjectID: id.String(), Before: before, After: after}); err != nil {
			return err
		}
	}
	return nil
}

func (s *service) Adjust(ctx context.Context, p auth.Principal, id uuid.UUID, in Adjustment) (Entry, error) {
	var out Entry
	err := s.db.Tx(ctx, func(tx Tx) error {
		target, err := s.own(ctx, tx, p, id, etag.Condition{})
		if err != nil {
			return err
		}
		if target.Status != StatusApproved || target.AdjustsID != nil {
			return problem.New(problem.Conflict, "Only an approved time entry is adjusted, and not an adjustment itself: adjust the entry it corrects.")
		}
		now := s.now().UTC()
		e := Entry{ID: uuid.New(), MatterID: target.MatterID, AttorneyID: target.AttorneyID, FirmID: target.FirmID,
			WorkDate: target.WorkDate, Minutes: in.Minutes, Activity: target.Activity, Narrative: in.Narrative,
			RateCents: target.RateCents, Status: StatusSubmitted, AdjustsID: &target.ID, Source: SourceManual,
			SubmittedAt: &now, CreatedAt: now, Version: 1}
		if in.WorkDate != nil {
			e.WorkDate = dateOf(*in.WorkDate)
		}
		if in.Activity != nil {
			e.Activity = *in.Activity
		}
		if err := s.check(ctx, tx, e); err != nil {
			return err
		}
		if err := tx.InsertEntries(ctx, []Entry{e}); err != nil {
			return err
		}
		out, err = one(ctx, tx, e.ID)
		return err
	})
	return out, err
}

// adjustmentRules checks an adjusting entry against the entry it corrects: time taken off stays on
// the day it was logged, so that no day goes below zero and makes room for more than 24 hours, and
// the entry with its adjustments that are not rejected never goes below zero.
func adjustmentRules(ctx context.Context, tx Tx, e Entry) error {
	corrected, err := tx.EntriesByIDs(ctx, []uuid.UUID{*e.AdjustsID})
	if err != nil {
		return err
	}
	if len(corrected) == 0 {
		return errNotFound
	}
	target := corrected[0]
	if e.Minutes < 0 && !e.WorkDate.Equal(target.WorkDate) {
		return problem.Validation(problem.Field("work_date", "must be the corrected entry's date ("+
			target.WorkDate.Format(time.DateOnly)+") when taking time off"))
	}
	if e.Status == StatusRejected {
		return nil
	}
	sum, err := tx.AdjustedMinutes(ctx, target.ID, e.ID)
	if err != nil {
		return err
	}
	if sum+e.Minutes < 0 {
		return problem.Validation(problem.Field("minutes", fmt.Sprintf(
			"would take the corrected entry below zero: it stands at %s hours with its other adjustments", Hours(sum))))
	}
	return nil
}
