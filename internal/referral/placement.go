package referral

import (
	"context"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Step is a step of a referral's matching, recorded in its history: an offer made, viewed,
// declined, expired or accepted, an attorney's interest, a matter started or withdrawn.
type Step struct {
	ReferralID, UserID uuid.UUID
	// Action is one of the history's actions; status_changed for a move matching makes by itself.
	Action string
	// AttorneyID is the attorney the step concerns, if any; Reason a decline's or withdrawal's code.
	AttorneyID *uuid.UUID
	Reason     string
}

// Placement is what offers and matters do to referrals, inside their own transactions: the status
// moves that belong to matching and the attorney, the steps of the history, and the client's
// details for the attorney who took the referral.
type Placement struct {
	db     placementStore
	cipher *crypto.FieldCipher
}

// NewPlacement returns the referral operations matching needs.
func NewPlacement(db placementStore, cipher *crypto.FieldCipher) *Placement {
	return &Placement{db: db, cipher: cipher}
}

type placementStore interface {
	ReferralByID(ctx context.Context, id uuid.UUID) (store.Referral, error)
	ReferralClientByID(ctx context.Context, referralID uuid.UUID) (store.ReferralClient, error)
}

// Find returns a referral; NotFound if there is none.
func (m *Placement) Find(ctx context.Context, id uuid.UUID) (store.Referral, error) {
	r, err := m.db.ReferralByID(ctx, id)
	if problem.Is(err, problem.NotFound) {
		return r, errNotFound
	}
	return r, err
}

// Lock locks a referral until tx ends; NotFound if there is none.
func (m *Placement) Lock(ctx context.Context, tx *store.Store, id uuid.UUID) (store.Referral, error) {
	r, err := tx.LockReferral(ctx, id)
	if problem.Is(err, problem.NotFound) {
		return r, errNotFound
	}
	return r, err
}

// Move changes a locked referral's status as the status machine allows, and records the step with
// the move. Conflict, naming the current status, for a move it does not allow.
func (m *Placement) Move(ctx context.Context, tx *store.Store, r store.Referral, to Status, step Step) error {
	from := Status(r.Status)
	if !allowed(from, to) {
		return problem.New(problem.Conflict, "A referral that is %s cannot become %s.", from, to)
	}
	if err := tx.SetReferralStatus(ctx, r.ID, string(to), r.Outcome, nil); err != nil {
		return err
	}
	fromS, toS := string(from), string(to)
	return tx.AddReferralChange(ctx, changeOf(step, &fromS, &toS))
}

// Record records a step that moves no status.
func (m *Placement) Record(ctx context.Context, tx *store.Store, step Step) error {
	return tx.AddReferralChange(ctx, changeOf(step, nil, nil))
}

func changeOf(s Step, from, to *string) store.ReferralChange {
	c := store.ReferralChange{ReferralID: s.ReferralID, UserID: s.UserID, Action: s.Action, FromStatus: from, ToStatus: to, AttorneyID: s.AttorneyID}
	if s.Reason != "" {
		c.Reason = &s.Reason
	}
	return c
}

// Client decrypts a referral's client, for the attorney who took it.
func (m *Placement) Client(ctx context.Context, id uuid.UUID) (Client, error) {
	c, err := m.db.ReferralClientByID(ctx, id)
	if err != nil {
		return Client{}, err
	}
	return openClient(m.cipher, c)
}
