package referral

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/reference"
	"github.com/probono-match/probono/internal/store"
)

// Store is what the referral service needs from the database; *store.Store provides it.
type Store interface {
	Tx(ctx context.Context, fn func(tx *store.Store) error) error
	ReferralByID(ctx context.Context, id uuid.UUID) (store.Referral, error)
	ReferralDetailsOf(ctx context.Context, referralIDs []uuid.UUID, withClient bool) ([]store.ReferralParty, []store.ReferralClient, error)
	ReferralChanges(ctx context.Context, referralID uuid.UUID) ([]store.ReferralChange, error)
	ListReferrals(ctx context.Context, f store.ReferralFilter) ([]store.Referral, [][]string, error)
	FirmCleared(ctx context.Context, referralID, firmID uuid.UUID) (bool, error)
}

// TxConflictChecker checks a referral against every law firm inside the caller's transaction, so
// a referral is never open without its checks.
type TxConflictChecker interface {
	CheckAllFirms(ctx context.Context, tx *store.Store, referralID uuid.UUID) error
}

// OfferCloser is what the referral's own moves need of its offers and matter, inside the caller's
// transaction: a withdrawn referral leaves no attorney an offer to answer, and a referral whose
// matter is active is closed by its attorney, with the outcome, not by the referrer.
type OfferCloser interface {
	ClosePendingOffers(ctx context.Context, tx *store.Store, referralID uuid.UUID) error
	HasActiveMatter(ctx context.Context, tx *store.Store, referralID uuid.UUID) (bool, error)
}

// NewService returns the referral service.
func NewService(db Store, ref *reference.Service, cipher *crypto.FieldCipher, conflicts TxConflictChecker, offers OfferCloser) Service {
	return &service{db: db, ref: ref, cipher: cipher, conflicts: conflicts, offers: offers, now: time.Now}
}

type service struct {
	db        Store
	ref       *reference.Service
	cipher    *crypto.FieldCipher
	conflicts TxConflictChecker
	offers    OfferCloser
	now       func() time.Time
}

var (
	errNotFound         = problem.New(problem.NotFound, "Referral not found.")
	errChangedMeanwhile = problem.New(problem.PreconditionFailed, "Someone else changed this referral after you opened it. Reload it to see their changes, then make yours again.")
)

// isReferrer reports whether the caller works for an organisation that refers matters.
func isReferrer(p auth.Principal) bool {
	switch p.OrgKind {
	case auth.KindNonprofit, auth.KindPublicDefender, auth.KindClinic:
		return p.Role == auth.RoleNonprofitStaff || p.Role == auth.RoleOrgAdmin
	}
	return false
}

// view decides what the caller may see of a referral: full for its own organisation, redacted for
// platform admins (once it is submitted: a draft is its organisation's alone) and for law firms
// whose conflict check cleared an open referral, else nothing. db is the pool, or inside Tx the
// transaction.
func (s *service) view(ctx context.Context, db Store, p auth.Principal, r store.Referral) (full bool, err error) {
	switch {
	case p.OrgID == r.OrgID:
		return true, nil
	case p.IsPlatformAdmin() && Status(r.Status) != Draft:
		return false, nil
	case p.OrgKind == auth.KindLawFirm && Status(r.Status).Open():
		cleared, err := db.FirmCleared(ctx, r.ID, p.OrgID)
		if err != nil {
			return false, err
		}
		if cleared {
			return false, nil
		}
	}
	return false, errNotFound
}

// ownReferral loads a referral for writing: NotFound if the caller cannot see it, Forbidden if they
// see it but do not work for the referring organisation, PreconditionFailed if cond does not allow
// its version.
func (s *service) ownReferral(ctx context.Context, tx *store.Store, p auth.Principal, id uuid.UUID, cond etag.Condition) (store.Referral, error) {
	r, err := tx.LockReferral(ctx, id)
	if problem.Is(err, problem.NotFound) {
		return r, errNotFound
	}
	if err != nil {
		return r, err
	}
	if _, err := s.view(ctx, tx, p, r); err != nil {
		return r, err
	}
	if p.OrgID != r.OrgID || !isReferrer(p) {
		return r, problem.New(problem.Forbidden, "Only the referring organization's staff may change this referral.")
	}
	if !cond.Allows(r.Version) {
		return r, errChangedMeanwhile
	}
	return r, nil
}

func (s *service) Create(ctx context.Context, p auth.Principal, in Input, submit bool, idempotencyKey string) (Referral, error) {
	if !isReferrer(p) {
		return Referral{}, problem.New(problem.Forbidden, "Only staff of nonprofits, clinics and public defender offices may create referrals.")
	}
	row, err := s.validated(ctx, in)
	if err != nil {
		return Referral{}, err
	}
	row.ID, row.OrgID, row.CreatedBy, row.Status, row.Version = uuid.New(), p.OrgID, p.UserID, string(Draft), 1
	if submit {
		now := s.now().UTC()
		row.Status, row.SubmittedAt = string(Submitted), &now
	}
	requestHash := hashInput(in, submit)
	var existing *uuid.UUID
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		if idempotencyKey != "" {
			k, err := tx.ClaimIdempotencyKey(ctx, p.UserID, idempotencyKey)
			if err == nil {
				if k.RequestHash != requestHash {
					return problem.Validation(problem.Field("Idempotency-Key", "was already used for a different request"))
				}
				existing = &k.ReferralID
				return nil
			}
			if !problem.Is(err, problem.NotFound) {
				return err
			}
		}
		if err := s.save(ctx, tx, &row, in); err != nil {
			return err
		}
		change := store.ReferralChange{ReferralID: row.ID, UserID: p.UserID, Action: "created", ToStatus: &row.Status}
		if err := tx.AddReferralChange(ctx, change); err != nil {
			return err
		}
		if idempotencyKey != "" {
			key := store.IdempotencyKey{UserID: p.UserID, Key: idempotencyKey, RequestHash: requestHash, ReferralID: row.ID}
			if err := tx.SaveIdempotencyKey(ctx, key); err != nil {
				return err
			}
		}
		if submit {
			return s.submitted(ctx, tx, row.ID)
		}
		return nil
	})
	if err != nil {
		return Referral{}, err
	}
	if existing != nil {
		return s.Get(ctx, p, *existing)
	}
	return s.Get(ctx, p, row.ID)
}

// hashInput identifies a request body for idempotency.
func hashInput(in Input, submit bool) string {
	b, _ := json.Marshal(struct {
		In     Input
		Submit bool
	}{in, submit})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (s *service) Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Referral, error) {
	r, err := s.db.ReferralByID(ctx, id)
	if problem.Is(err, problem.NotFound) {
		return Referral{}, errNotFound
	}
	if err != nil {
		return Referral{}, err
	}
	full, err := s.view(ctx, s.db, p, r)
	if err != nil {
		return Referral{}, err
	}
	return s.present(ctx, s.db, r, full)
}

func (s *service) Update(ctx context.Context, p auth.Principal, id uuid.UUID, in Input, cond etag.Condition) (Referral, error) {
	// Validation reads reference data only, so it is done before the row is locked.
	updated, err := s.validated(ctx, in)
	if err != nil {
		return Referral{}, err
	}
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		row, err := s.ownReferral(ctx, tx, p, id, cond)
		if err != nil {
			return err
		}
		if !Status(row.Status).Editable() {
			return problem.New(problem.Conflict, "The referral can no longer be edited: it is %s.", row.Status)
		}
		before, err := s.present(ctx, tx, row, true)
		if err != nil {
			return err
		}
		updated.ID, updated.OrgID, updated.CreatedBy, updated.Status = row.ID, row.OrgID, row.CreatedBy, row.Status
		updated.Outcome, updated.CreatedAt, updated.SubmittedAt = row.Outcome, row.CreatedAt, row.SubmittedAt
		updated.Version = row.Version + 1
		fields := changedFields(before, in)
		if len(fields) == 0 {
			return nil
		}
		if err := s.save(ctx, tx, &updated, in); err != nil {
			return err
		}
		if err := tx.AddReferralChange(ctx, store.ReferralChange{ReferralID: id, UserID: p.UserID, Action: "updated", Fields: fields}); err != nil {
			return err
		}
		if !Status(row.Status).Open() {
			return nil
		}
		if slices.Contains(fields, "parties") || slices.Contains(fields, "client.name") {
			// A clearance was decided about the parties as they were, the client among them; with
			// other parties, the coordinators decide again.
			if err := tx.DeleteConflictChecks(ctx, id); err != nil {
				return err
			}
		}
		return s.conflicts.CheckAllFirms(ctx, tx, id)
	})
	if err != nil {
		return Referral{}, err
	}
	return s.Get(ctx, p, id)
}

func (s *service) Transition(ctx context.Context, p auth.Principal, id uuid.UUID, to Status, outcome string, cond etag.Condition) (Referral, error) {
	err := s.db.Tx(ctx, func(tx *store.Store) error {
		row, err := s.ownReferral(ctx, tx, p, id, cond)
		if err != nil {
			return err
		}
		from := Status(row.Status)
		if !allowed(from, to) {
			return problem.New(problem.Conflict, "A referral that is %s cannot become %s.", from, to)
		}
		if !byReferrer[to] {
			return problem.New(problem.Forbidden, "Moving a referral to %s is done by matching and the attorney, not by the referring organization.", to)
		}
		var out *string
		if to == Closed {
			if active, err := s.offers.HasActiveMatter(ctx, tx, id); err != nil {
				return err
			} else if active {
				return problem.New(problem.Conflict, "This referral's matter is still open: its attorney closes it with the outcome, which closes the referral.")
			}
			if outcome == "" {
				return problem.Validation(problem.Field("outcome", "is required to close a referral"))
			}
			out = &outcome
		} else if outcome != "" {
			return problem.Validation(problem.Field("outcome", "is only given when closing"))
		}
		var submittedAt *time.Time
		if to == Submitted {
			now := s.now().UTC()
			submittedAt = &now
		}
		if err := tx.SetReferralStatus(ctx, id, string(to), out, submittedAt); err != nil {
			return err
		}
		fromS, toS := string(from), string(to)
		change := store.ReferralChange{ReferralID: id, UserID: p.UserID, Action: "status_changed", FromStatus: &fromS, ToStatus: &toS}
		if err := tx.AddReferralChange(ctx, change); err != nil {
			return err
		}
		if err := emit(ctx, tx, EventStatusChanged, id, StatusChangedEvent{ReferralID: id, To: to, By: p.UserID}); err != nil {
			return err
		}
		switch to {
		case Submitted:
			return s.submitted(ctx, tx, id)
		case Withdrawn:
			return s.offers.ClosePendingOffers(ctx, tx, id)
		}
		return nil
	})
	if err != nil {
		return Referral{}, err
	}
	return s.Get(ctx, p, id)
}

// submitted runs every firm's conflict check of a referral just submitted, in its transaction, so
// that no firm sees it before its check has cleared it, and emits EventSubmitted.
func (s *service) submitted(ctx context.Context, tx *store.Store, id uuid.UUID) error {
	if err := s.conflicts.CheckAllFirms(ctx, tx, id); err != nil {
		return err
	}
	return emit(ctx, tx, EventSubmitted, id, SubmittedEvent{ReferralID: id})
}

// emit records an event about the referral in tx.
func emit(ctx context.Context, tx *store.Store, eventType string, id uuid.UUID, payload any) error {
	e, err := outbox.New(eventType, "referral/"+id.String(), payload)
	if err != nil {
		return err
	}
	return tx.Emit(ctx, e)
}

func allowed(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

func (s *service) History(ctx context.Context, p auth.Principal, id uuid.UUID) ([]Change, error) {
	r, err := s.db.ReferralByID(ctx, id)
	if problem.Is(err, problem.NotFound) || (err == nil && r.OrgID != p.OrgID) {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.ReferralChanges(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]Change, len(rows))
	for i, c := range rows {
		out[i] = Change{At: c.At, UserID: c.UserID, UserName: c.UserName, Action: c.Action, Fields: c.Fields,
			FromStatus: deref(c.FromStatus), ToStatus: deref(c.ToStatus)}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
