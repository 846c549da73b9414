package offer

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// NewService returns the offer service; windows are the matching settings, for how long offers
// stay open.
func NewService(db Store, referrals Referrals, conflicts Conflicts, ranker Ranker, windows Weighting) Service {
	return newService(db, referrals, conflicts, ranker, windows)
}

func newService(db Store, referrals Referrals, conflicts Conflicts, ranker Ranker, windows Weighting) *service {
	return &service{db: db, referrals: referrals, conflicts: conflicts, ranker: ranker, windows: windows,
		now: func() time.Time { return time.Now().UTC() }}
}

type service struct {
	db        Store
	referrals Referrals
	conflicts Conflicts
	ranker    Ranker
	windows   Weighting
	now       func() time.Time
}

// listLimit bounds the lists: an inbox, a firm's or an organisation's recent offers and matters.
const listLimit = 100

var (
	errOfferNotFound    = problem.New(problem.NotFound, "Offer not found.")
	errMatterNotFound   = problem.New(problem.NotFound, "Matter not found.")
	errReferralNotFound = problem.New(problem.NotFound, "Referral not found.")
	errNotAttorney      = problem.New(problem.Forbidden, "Only the attorney the offer was made to may answer it.")
	errAttestation      = problem.Validation(problem.Field("attest_no_conflict", "must be true: confirm that you know of no conflict"))
	// ErrOfferTaken answers an acceptance that lost to another attorney's.
	ErrOfferTaken = problem.Typed(problem.Conflict, "offer-taken", "Another attorney has already accepted this referral.")
	// ErrConflictNotCleared answers an acceptance while the firm's conflict check is not clear.
	ErrConflictNotCleared = problem.Typed(problem.Conflict, "conflict-not-cleared",
		"Your firm's conflict check of this referral is not clear: your coordinator must clear it before you can accept.")
)

// isReferrer reports whether the caller is staff of the organisation that made the referral.
func isReferrer(p auth.Principal, orgID uuid.UUID) bool { return p.RefersFor(orgID) }

// managesFirm reports whether the caller is a coordinator or org admin of the firm.
func managesFirm(p auth.Principal, firmID uuid.UUID) bool { return p.ManagesFirm(firmID) }

func isAttorney(p auth.Principal) bool {
	return p.OrgKind == auth.KindLawFirm && p.Role == auth.RoleAttorney
}

// listScope is what the caller's lists of offers and matters hold: an attorney's own, a firm's
// for its coordinators and org admins, the referring organisation's referrals' for its staff,
// everything for platform admins; ok is false for anyone else, whose lists are empty.
func listScope(p auth.Principal) (scope store.Scope, ok bool) {
	switch {
	case isAttorney(p):
		scope.AttorneyID = p.UserID
	case managesFirm(p, p.OrgID):
		scope.FirmID = p.OrgID
	case isReferrer(p, p.OrgID):
		scope.ReferrerOrgID = p.OrgID
	case !p.IsPlatformAdmin():
		return scope, false
	}
	return scope, true
}

// sees reports whether the caller may see an offer or matter of attorney at firm, of a referral
// of referrer.
func sees(p auth.Principal, attorney, firm, referrer uuid.UUID) bool {
	return p.UserID == attorney || managesFirm(p, firm) || isReferrer(p, referrer) || p.IsPlatformAdmin()
}

func briefOf(id uuid.UUID, b store.ReferralBrief) Brief {
	out := Brief{ID: id, OrgID: b.ReferralOrgID, OrgName: b.ReferralOrgName, Status: b.ReferralStatus,
		PracticeArea: b.PracticeArea, Jurisdiction: b.Jurisdiction, Urgency: b.Urgency, Summary: b.Summary,
		Deadline: b.Deadline, EstimatedHours: b.EstimatedHours, RemoteAllowed: b.RemoteAllowed, LimitedScope: b.LimitedScope}
	if b.Language != nil {
		out.Language = *b.Language
	}
	return out
}

func toOffer(v store.OfferView) Offer {
	return Offer{ID: v.ID, ReferralID: v.ReferralID, AttorneyID: v.AttorneyID, FirmID: v.FirmID,
		AttorneyName: v.AttorneyName, FirmName: v.FirmName, Mode: Mode(v.Mode), Status: Status(v.Status),
		Score: v.Score, Rank: v.Rank, CreatedAt: v.CreatedAt, ExpiresAt: v.ExpiresAt, ViewedAt: v.ViewedAt,
		RespondedAt: v.RespondedAt, DeclineReason: deref(v.DeclineReason), DeclineNote: deref(v.DeclineNote),
		Referral: briefOf(v.ReferralID, v.ReferralBrief)}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// emit records an event in tx.
func emit(ctx context.Context, tx Tx, eventType, aggregate string, payload any) error {
	e, err := outbox.New(eventType, aggregate, payload)
	if err != nil {
		return err
	}
	return tx.Emit(ctx, e)
}

// visibleOffer loads an offer the caller may see; NotFound otherwise.
func (s *service) visibleOffer(ctx context.Context, p auth.Principal, id uuid.UUID) (store.OfferView, error) {
	v, err := s.db.OfferByID(ctx, id)
	if problem.Is(err, problem.NotFound) || (err == nil && !sees(p, v.AttorneyID, v.FirmID, v.ReferralOrgID)) {
		return v, errOfferNotFound
	}
	return v, err
}

func (s *service) List(ctx context.Context, p auth.Principal, f ListFilter) ([]Offer, string, error) {
	if f.Status != "" && !slices.Contains([]Status{Pending, Accepted, Declined, Expired, Closed}, Status(f.Status)) {
		return nil, "", problem.Validation(problem.Field("status", "is not an offer status"))
	}
	rows, next, err := page(ctx, p, f, "offers-newest", s.db.Offers, func(v store.OfferView) store.Position {
		return store.Position{At: v.CreatedAt, ID: v.ID}
	})
	out := make([]Offer, len(rows))
	for i, r := range rows {
		out[i] = toOffer(r)
	}
	return out, next, err
}

// page reads the page of a list of offers or matters that f asks for, newest first, within the
// caller's scope, and the cursor of the next page ("" on the last); sort names the list in its
// cursors, read reads rows and at gives a row's position.
func page[V any](ctx context.Context, p auth.Principal, f ListFilter, sort string, read func(context.Context, store.ListFilter) ([]V, error),
	at func(V) store.Position) ([]V, string, error) {
	scope, ok := listScope(p)
	if !ok {
		return []V{}, "", nil
	}
	limit := f.Limit
	if limit <= 0 || limit > listLimit {
		limit = listLimit
	}
	// One more row than asked for tells whether there is a next page.
	filter := store.ListFilter{Scope: scope, Status: f.Status, ReferralID: f.ReferralID, Limit: limit + 1}
	if f.Cursor != "" {
		pos, err := cursor.DecodePosition(f.Cursor, sort)
		if err != nil {
			return nil, "", err
		}
		filter.After = &store.Position{At: pos.At, ID: pos.ID}
	}
	rows, err := read(ctx, filter)
	if err != nil || len(rows) <= limit {
		return rows, "", err
	}
	rows = rows[:limit]
	last := at(rows[limit-1])
	return rows, cursor.EncodePosition(sort, cursor.Position{At: last.At, ID: last.ID}), nil
}

func (s *service) Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Offer, error) {
	v, err := s.visibleOffer(ctx, p, id)
	if err != nil {
		return Offer{}, err
	}
	if p.UserID != v.AttorneyID || v.ViewedAt != nil || Status(v.Status) != Pending {
		return toOffer(v), nil
	}
	// The attorney's first look at a pending offer is a step of the referral's history.
	err = s.db.Tx(ctx, func(tx Tx) error {
		o, err := tx.LockOffer(ctx, id)
		if err != nil || o.ViewedAt != nil {
			return err
		}
		if err := tx.UpdateOffer(ctx, id, map[string]any{"viewed_at": s.now()}); err != nil {
			return err
		}
		return s.referrals.Record(ctx, tx, referral.Step{ReferralID: o.ReferralID, UserID: p.UserID, Action: "viewed", AttorneyID: &o.AttorneyID})
	})
	if err != nil {
		return Offer{}, err
	}
	v, err = s.db.OfferByID(ctx, id)
	return toOffer(v), err
}

// referralFor loads a referral for an offer decision: NotFound unless the caller works for the
// referring organisation, is a platform admin (once submitted), or manages or works at a firm
// whose check cleared it while it is open.
func (s *service) referralFor(ctx context.Context, p auth.Principal, id uuid.UUID) (store.Referral, error) {
	r, err := s.referrals.Find(ctx, id)
	if err != nil {
		return r, err
	}
	status := referral.Status(r.Status)
	switch {
	case isReferrer(p, r.OrgID):
		return r, nil
	case p.IsPlatformAdmin() && status != referral.Draft:
		return r, nil
	case p.OrgKind == auth.KindLawFirm && status.Open():
		cleared, err := s.conflicts.Cleared(ctx, id, p.OrgID)
		if err != nil || cleared {
			return r, err
		}
	}
	return r, errReferralNotFound
}

func (s *service) Make(ctx context.Context, p auth.Principal, referralID uuid.UUID, in MakeInput) ([]Offer, error) {
	r, err := s.referralFor(ctx, p, referralID)
	if err != nil {
		return nil, err
	}
	if err := validMake(in); err != nil {
		return nil, err
	}
	if in.Mode != Routed {
		return s.offerRanked(ctx, p, r, in)
	}
	if !managesFirm(p, p.OrgID) {
		return nil, problem.New(problem.Forbidden, "Only a firm's coordinators and org admins route a referral to the firm's attorneys.")
	}
	members, err := s.db.ActiveMembers(ctx, []uuid.UUID{p.OrgID}, []string{string(auth.RoleAttorney)})
	if err != nil {
		return nil, err
	}
	var faults []problem.FieldError
	for i, id := range in.AttorneyIDs {
		if !slices.Contains(members, id) {
			faults = append(faults, problem.Field(indexed("attorney_ids", i), "is not an active attorney of your firm"))
		}
	}
	if len(faults) > 0 {
		return nil, problem.Validation(faults...)
	}
	expires, err := s.expiry(ctx, r.Urgency)
	if err != nil {
		return nil, err
	}
	rows := make([]store.Offer, len(in.AttorneyIDs))
	for i, id := range in.AttorneyIDs {
		rows[i] = store.Offer{ID: uuid.New(), ReferralID: referralID, AttorneyID: id, FirmID: p.OrgID, Mode: string(Routed),
			Status: string(Pending), OfferedBy: &p.UserID, ExpiresAt: &expires}
	}
	if err := s.db.Tx(ctx, func(tx Tx) error { return s.insertOffers(ctx, tx, p.UserID, "offered", rows) }); err != nil {
		return nil, err
	}
	return s.views(ctx, rows)
}

// expiry is when an offer of a referral of the urgency made now expires.
func (s *service) expiry(ctx context.Context, urgency string) (time.Time, error) {
	settings, err := s.windows.Settings(ctx)
	return s.now().Add(settings.OfferWindow(urgency)), err
}

// insertOffers records offers of one referral, each a step of its history (action), moves the
// referral to offered if it is not, and emits EventMade; Conflict unless the referral is open.
func (s *service) insertOffers(ctx context.Context, tx Tx, by uuid.UUID, action string, rows []store.Offer) error {
	r, err := s.referrals.Lock(ctx, tx, rows[0].ReferralID)
	if err != nil {
		return err
	}
	if !referral.Status(r.Status).Open() {
		return problem.New(problem.Conflict, "The referral is %s: it can no longer be offered.", r.Status)
	}
	if err := tx.InsertOffers(ctx, rows); err != nil {
		return err
	}
	ids := make([]uuid.UUID, len(rows))
	for i, o := range rows {
		ids[i] = o.ID
		step := referral.Step{ReferralID: r.ID, UserID: by, Action: action, AttorneyID: &rows[i].AttorneyID}
		if i == 0 && referral.Status(r.Status) != referral.Offered {
			err = s.referrals.Move(ctx, tx, r, referral.Offered, step)
		} else {
			err = s.referrals.Record(ctx, tx, step)
		}
		if err != nil {
			return err
		}
	}
	if action == "interested" {
		return emit(ctx, tx, EventVolunteered, "offer/"+ids[0].String(), OfferEvent{OfferID: ids[0]})
	}
	return emit(ctx, tx, EventMade, "referral/"+r.ID.String(), OffersEvent{OfferIDs: ids})
}

// views reads offers just made.
func (s *service) views(ctx context.Context, rows []store.Offer) ([]Offer, error) {
	out := make([]Offer, len(rows))
	for i, o := range rows {
		v, err := s.db.OfferByID(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		out[i] = toOffer(v)
	}
	return out, nil
}

// validMake checks the shape of a request for offers.
func validMake(in MakeInput) error {
	var faults []problem.FieldError
	switch in.Mode {
	case Routed:
		if len(in.AttorneyIDs) == 0 {
			faults = append(faults, problem.Field("attorney_ids", "names the attorneys a routed offer goes to"))
		}
	case Sequential:
		if len(in.AttorneyIDs) > 0 {
			faults = append(faults, problem.Field("attorney_ids", "is not given for a sequential offer, which goes to the best candidate"))
		}
	case Broadcast:
	default:
		faults = append(faults, problem.Field("mode", "must be sequential, broadcast or routed"))
	}
	if in.Count != 0 && (in.Mode != Broadcast || len(in.AttorneyIDs) > 0) {
		faults = append(faults, problem.Field("count", "is given only for a broadcast to the best candidates"))
	}
	if in.Count < 0 || in.Count > MaxBroadcast || len(in.AttorneyIDs) > MaxBroadcast {
		faults = append(faults, problem.Field("count", "a broadcast goes to at most 20 attorneys"))
	}
	for i, id := range in.AttorneyIDs {
		if slices.Contains(in.AttorneyIDs[:i], id) {
			faults = append(faults, problem.Field(indexed("attorney_ids", i), "is named twice"))
		}
	}
	if len(faults) > 0 {
		return problem.Validation(faults...)
	}
	return nil
}

func indexed(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

func (s *service) Interest(ctx context.Context, p auth.Principal, referralID uuid.UUID, attested bool) (Offer, error) {
	if _, err := s.referralFor(ctx, p, referralID); err != nil {
		return Offer{}, err
	}
	if !isAttorney(p) {
		return Offer{}, problem.New(problem.Forbidden, "Only attorneys volunteer for a referral.")
	}
	if !attested {
		return Offer{}, errAttestation
	}
	row := store.Offer{ID: uuid.New(), ReferralID: referralID, AttorneyID: p.UserID, FirmID: p.OrgID, Mode: string(Volunteer),
		Status: string(Pending), OfferedBy: &p.UserID}
	if err := s.db.Tx(ctx, func(tx Tx) error { return s.insertOffers(ctx, tx, p.UserID, "interested", []store.Offer{row}) }); err != nil {
		if errors.Is(err, store.ErrOfferPending) {
			return Offer{}, problem.New(problem.Conflict, "You already have an open offer of this referral.")
		}
		return Offer{}, err
	}
	v, err := s.db.OfferByID(ctx, row.ID)
	return toOffer(v), err
}
