package offer

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

func toMatter(v store.MatterView) Matter {
	return Matter{ID: v.ID, ReferralID: v.ReferralID, AttorneyID: v.AttorneyID, FirmID: v.FirmID, OfferID: v.OfferID,
		AttorneyName: v.AttorneyName, FirmName: v.FirmName, Status: v.Status, StartedAt: v.StartedAt,
		InProgressAt: v.InProgressAt, EndedAt: v.EndedAt, WithdrawReason: deref(v.WithdrawReason), WithdrawNote: deref(v.WithdrawNote),
		Outcome: deref(v.Outcome), OutcomeNote: deref(v.OutcomeNote), GoalMet: v.GoalMet, ClosingHours: v.ClosingHours,
		ClosedBy: v.ClosedBy, ClosedByName: deref(v.ClosedByName),
		Referral: briefOf(v.ReferralID, v.ReferralBrief)}
}

// visibleMatter loads a matter the caller may see; NotFound otherwise.
func (s *service) visibleMatter(ctx context.Context, p auth.Principal, id uuid.UUID) (store.MatterView, error) {
	v, err := s.db.MatterByID(ctx, id)
	if problem.Is(err, problem.NotFound) || (err == nil && !sees(p, v.AttorneyID, v.FirmID, v.ReferralOrgID)) {
		return v, errMatterNotFound
	}
	return v, err
}

// showsClient reports whether the caller is shown the matter's client: its attorney and their
// firm's coordinators and org admins, while it is active. The referring organisation has the
// client's details already, in the referral.
func showsClient(p auth.Principal, v store.MatterView) bool {
	return v.Status == "active" && (p.UserID == v.AttorneyID || managesFirm(p, v.FirmID))
}

func (s *service) Matters(ctx context.Context, p auth.Principal, f ListFilter) ([]Matter, string, error) {
	if f.Status != "" && !slices.Contains(matterStatuses, f.Status) {
		return nil, "", problem.Validation(problem.Field("status", "is not a matter status"))
	}
	rows, next, err := page(ctx, p, f, "matters-newest", s.db.Matters, func(v store.MatterView) store.Position {
		return store.Position{At: v.StartedAt, ID: v.ID}
	})
	out := make([]Matter, len(rows))
	for i, r := range rows {
		out[i] = toMatter(r)
	}
	return out, next, err
}

func (s *service) Matter(ctx context.Context, p auth.Principal, id uuid.UUID) (Matter, error) {
	v, err := s.visibleMatter(ctx, p, id)
	if err != nil || !showsClient(p, v) {
		return toMatter(v), err
	}
	client, err := s.referrals.Client(ctx, v.ReferralID)
	if err != nil {
		return Matter{}, err
	}
	err = s.db.Tx(ctx, func(tx Tx) error {
		if err := tx.RecordClientReveal(ctx, v.ReferralID, v.ID, p.UserID); err != nil {
			return err
		}
		return tx.Audit(ctx, revealed(p, v))
	})
	if err != nil {
		return Matter{}, err
	}
	out := toMatter(v)
	out.Client = &client
	return out, nil
}

// ownMatter loads a matter for its attorney to act on: NotFound as Matter, Forbidden for anyone
// else who sees it.
func (s *service) ownMatter(ctx context.Context, p auth.Principal, id uuid.UUID) (store.MatterView, error) {
	v, err := s.visibleMatter(ctx, p, id)
	if err == nil && p.UserID != v.AttorneyID {
		err = problem.New(problem.Forbidden, "Only the matter's attorney may do this.")
	}
	return v, err
}

// lockActive locks a matter's referral, then the matter, and returns both; Conflict unless the
// matter is active.
func (s *service) lockActive(ctx context.Context, tx Tx, v store.MatterView) (store.Referral, store.Matter, error) {
	r, err := s.referrals.Lock(ctx, tx, v.ReferralID)
	if err != nil {
		return r, store.Matter{}, err
	}
	m, err := tx.LockMatter(ctx, v.ID)
	if err == nil && m.Status != "active" {
		err = problem.New(problem.Conflict, "The matter is %s.", m.Status)
	}
	return r, m, err
}

func (s *service) Start(ctx context.Context, p auth.Principal, id uuid.UUID) (Matter, error) {
	v, err := s.ownMatter(ctx, p, id)
	if err != nil {
		return Matter{}, err
	}
	err = s.db.Tx(ctx, func(tx Tx) error {
		r, m, err := s.lockActive(ctx, tx, v)
		if err != nil {
			return err
		}
		if referral.Status(r.Status) != referral.Accepted {
			return problem.New(problem.Conflict, "Work on this matter has started already.")
		}
		if err := tx.UpdateMatter(ctx, m.ID, map[string]any{"in_progress_at": s.now()}); err != nil {
			return err
		}
		step := referral.Step{ReferralID: r.ID, UserID: p.UserID, Action: "matter_started", AttorneyID: &m.AttorneyID}
		if err := s.referrals.Move(ctx, tx, r, referral.InProgress, step); err != nil {
			return err
		}
		return emit(ctx, tx, EventMatterStarted, "matter/"+m.ID.String(), MatterEvent{MatterID: m.ID})
	})
	if err != nil {
		return Matter{}, err
	}
	return s.matterAfterWrite(ctx, id)
}

func (s *service) Withdraw(ctx context.Context, p auth.Principal, id uuid.UUID, in Reasoned) (Matter, error) {
	v, err := s.ownMatter(ctx, p, id)
	if err != nil {
		return Matter{}, err
	}
	if err := validReason(in, WithdrawReasons); err != nil {
		return Matter{}, err
	}
	err = s.db.Tx(ctx, func(tx Tx) error {
		r, m, err := s.lockActive(ctx, tx, v)
		if err != nil {
			return err
		}
		changes := map[string]any{"status": "withdrawn", "ended_at": s.now(), "withdraw_reason": in.Reason, "withdraw_note": nil}
		if in.Note != "" {
			changes["withdraw_note"] = in.Note
		}
		if err := tx.UpdateMatter(ctx, m.ID, changes); err != nil {
			return err
		}
		step := referral.Step{ReferralID: r.ID, UserID: p.UserID, Action: "matter_withdrawn", AttorneyID: &m.AttorneyID, Reason: in.Reason}
		if err := s.referrals.Move(ctx, tx, r, referral.Matching, step); err != nil {
			return err
		}
		if Mode(v.OfferMode) == Sequential {
			if err := emitNext(ctx, tx, r.ID); err != nil {
				return err
			}
		}
		return emit(ctx, tx, EventMatterWithdrawn, "matter/"+m.ID.String(), MatterEvent{MatterID: m.ID})
	})
	if err != nil {
		return Matter{}, err
	}
	return s.matterAfterWrite(ctx, id)
}

// matterAfterWrite reads a matter after its attorney changed it, without the client: the client's
// details are shown by Matter alone, where each showing is recorded.
func (s *service) matterAfterWrite(ctx context.Context, id uuid.UUID) (Matter, error) {
	v, err := s.db.MatterByID(ctx, id)
	return toMatter(v), err
}
