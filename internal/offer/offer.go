// Package offer owns the way from a submitted referral to an attorney who said yes: offers to
// attorneys (sequential, broadcast, routed by a firm's coordinator, or volunteered), their
// acceptance, declines and expiry, the matter an accepted offer opens, and the referral's timeline.
//
// Who may do what:
//   - the referring organisation's staff (and platform admins) offer a referral to the best
//     candidates, one at a time (sequential) or several at once (broadcast), and confirm an
//     attorney who volunteered;
//   - a firm's coordinators and org admins route a referral their firm's check cleared to
//     attorneys of their firm;
//   - an attorney reads, accepts (attesting they know of no conflict) or declines their own offers,
//     volunteers for a referral their firm's check cleared, starts and withdraws from their matters;
//   - offers are seen by their attorney, their firm's coordinators and org admins, the referring
//     organisation and platform admins; matters likewise;
//   - the client's details are shown only to the matter's attorney and their firm's coordinators
//     and org admins, while the matter is active, and every time they are shown it is recorded.
//
// Anything else answers NotFound, as does an object of another organisation.
package offer

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// Mode is how an offer came to be made.
type Mode string

// The modes: the best candidate then the next; the top K at once, the first to accept wins; a
// firm's coordinator chose the attorney; the attorney volunteered and the referrer confirms.
const (
	Sequential Mode = "sequential"
	Broadcast  Mode = "broadcast"
	Routed     Mode = "routed"
	Volunteer  Mode = "volunteer"
)

// Status is where an offer is: pending until the attorney answers, it expires, or another
// attorney's acceptance closes it.
type Status string

// The statuses of an offer.
const (
	Pending  Status = "pending"
	Accepted Status = "accepted"
	Declined Status = "declined"
	Expired  Status = "expired"
	Closed   Status = "closed"
)

// The reasons an attorney declines an offer, and withdraws from a matter; "other" needs a note.
var (
	DeclineReasons  = []string{"no_capacity", "conflict", "outside_expertise", "other"}
	WithdrawReasons = []string{"no_capacity", "conflict", "client_unreachable", "other"}
)

// MaxBroadcast is the most offers one broadcast makes; DefaultBroadcast when the caller names none.
const (
	MaxBroadcast     = 20
	DefaultBroadcast = 3
)

// Brief is what offers and matters show of their referral: never the client.
type Brief struct {
	ID, OrgID                            uuid.UUID
	OrgName, Status                      string
	PracticeArea, Jurisdiction, Language string
	Urgency, Summary                     string
	Deadline                             *time.Time
	EstimatedHours                       *int
	RemoteAllowed, LimitedScope          bool
}

// Offer is an offer as the caller may see it.
type Offer struct {
	ID, ReferralID, AttorneyID, FirmID uuid.UUID
	AttorneyName, FirmName             string
	Mode                               Mode
	Status                             Status
	Score                              *float64
	Rank                               *int
	CreatedAt                          time.Time
	ExpiresAt, ViewedAt, RespondedAt   *time.Time
	DeclineReason, DeclineNote         string
	Referral                           Brief
}

// Matter is a referral an attorney accepted, as the caller may see it. Client is nil except for
// the matter's attorney and their firm's coordinators and org admins while it is active.
type Matter struct {
	ID, ReferralID, AttorneyID, FirmID, OfferID uuid.UUID
	AttorneyName, FirmName                      string
	Status                                      string // active, withdrawn, closed
	StartedAt                                   time.Time
	InProgressAt, EndedAt                       *time.Time
	WithdrawReason, WithdrawNote                string
	// A closed matter's outcome (see internal/outcome): its closing category, whether the
	// client's goal was met, the hours reported, a note, and who closed it.
	Outcome, OutcomeNote string
	GoalMet              *bool
	ClosingHours         *float64
	ClosedBy             *uuid.UUID
	ClosedByName         string
	Referral             Brief
	Client               *referral.Client
}

// Step is one entry of a referral's timeline. Attorney and firm are named for matching steps.
type Step struct {
	ID                     int64
	At                     time.Time
	Action                 string
	ActorName              string
	Fields                 []string
	FromStatus, ToStatus   string
	Reason                 string
	AttorneyID             *uuid.UUID
	AttorneyName, FirmName string
}

// MakeInput asks for offers of a referral. Count is the broadcast's size (0: DefaultBroadcast);
// AttorneyIDs names the attorneys of a routed offer, or the candidates a referrer picked.
type MakeInput struct {
	Mode        Mode
	Count       int
	AttorneyIDs []uuid.UUID
}

// ListFilter asks for a page of offers or matters: of one status ("" all) and one referral (Nil
// all), after the cursor the previous page returned, at most Limit (0 or more than 100: 100).
type ListFilter struct {
	Status     string
	ReferralID uuid.UUID
	Cursor     string
	Limit      int
}

// matterStatuses are a matter's statuses: active until the attorney withdraws or closes it.
var matterStatuses = []string{"active", "withdrawn", "closed"}

// Reasoned is a decline or a withdrawal: a reason code, and a note ("other" requires one).
type Reasoned struct {
	Reason, Note string
}

// Service is the contract of the offer domain.
type Service interface {
	// Make offers a referral. Sequential and broadcast: the referring organisation or a platform
	// admin, to the best candidates not offered it yet (or, broadcast, to the eligible candidates
	// named). Routed: a firm's coordinator or org admin, to active attorneys of their firm, once
	// the firm's check cleared the referral. Returns NotFound as Get of the referral, Forbidden
	// for a mode that is not the caller's, Invalid for bad input or an attorney who may not be
	// offered it, Conflict when the referral is not open or an attorney named has a pending offer,
	// and Unavailable while ranking is not wired.
	Make(ctx context.Context, p auth.Principal, referralID uuid.UUID, in MakeInput) ([]Offer, error)
	// List returns a page of the offers the caller sees (see the package doc), newest first, and
	// the next page's cursor ("" on the last). Invalid for an unknown status or a cursor it did
	// not return.
	List(ctx context.Context, p auth.Principal, f ListFilter) ([]Offer, string, error)
	// Get returns one offer, and records the first time its attorney reads it. NotFound when the
	// caller may not see it.
	Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Offer, error)
	// Accept opens the matter, re-running the firm's conflict check in the same transaction.
	// Returns NotFound as Get, Forbidden unless the caller is the offer's attorney, Invalid without
	// the attestation, ErrOfferTaken when another attorney won or the offer is no longer pending,
	// ErrConflictNotCleared when the firm's check is not clear or cleared.
	Accept(ctx context.Context, p auth.Principal, id uuid.UUID, attested bool) (Matter, error)
	// Decline answers an offer with a reason. Errors as Accept, Invalid for a reason that is not
	// one of DeclineReasons or "other" without a note, Conflict when it is no longer pending.
	Decline(ctx context.Context, p auth.Principal, id uuid.UUID, in Reasoned) (Offer, error)
	// Interest records an attorney's "I'm interested" as a volunteer offer for the referring
	// organisation to confirm. Returns NotFound unless the referral is open and the caller's firm's
	// check cleared it, Forbidden unless the caller is an attorney, Invalid without the
	// attestation, Conflict when they already have a pending offer of it.
	Interest(ctx context.Context, p auth.Principal, referralID uuid.UUID, attested bool) (Offer, error)
	// Confirm accepts a volunteer's offer on the referring organisation's behalf, as Accept would.
	// Returns NotFound as Get, Forbidden unless the caller is the referring organisation's staff,
	// Conflict for an offer that is not a pending volunteer's, and Accept's errors.
	Confirm(ctx context.Context, p auth.Principal, offerID uuid.UUID) (Matter, error)
	// Matters lists a page of the matters the caller sees, newest first, as List does.
	Matters(ctx context.Context, p auth.Principal, f ListFilter) ([]Matter, string, error)
	// Matter returns one matter; with the client for those who may see it, recording the reveal.
	// NotFound when the caller may not see it.
	Matter(ctx context.Context, p auth.Principal, id uuid.UUID) (Matter, error)
	// Start records that the attorney began work: the referral moves to in_progress. NotFound as
	// Matter, Forbidden unless the caller is the matter's attorney, Conflict unless the matter is
	// active and its referral accepted.
	Start(ctx context.Context, p auth.Principal, id uuid.UUID) (Matter, error)
	// Withdraw ends the attorney's matter with a reason; the referral goes back to matching (and,
	// sequential, to the next candidate). Errors as Start, Invalid as Decline with WithdrawReasons.
	Withdraw(ctx context.Context, p auth.Principal, id uuid.UUID, in Reasoned) (Matter, error)
	// Timeline lists a referral's history after the cursor, oldest first, and the next page's
	// cursor ("" at the end), for the referring organisation and platform admins. NotFound for
	// anyone else, Invalid for a cursor it did not return.
	Timeline(ctx context.Context, p auth.Principal, referralID uuid.UUID, cursor string, limit int) ([]Step, string, error)
	// Advance offers a referral waiting in sequential matching to the best candidate not offered
	// it yet, when none of its offers is pending; a referral that is not open, or has no candidate
	// left, is left as it is. The job of EventNext runs it; running it twice offers once.
	Advance(ctx context.Context, referralID uuid.UUID) error
	// ExpireDue expires pending offers past their time, in batches, and returns how many. The
	// offer-expiry job runs it; running it twice expires nothing twice.
	ExpireDue(ctx context.Context) (int, error)
	// RemindExpiring emits one reminder per pending offer expiring within ReminderLead.
	RemindExpiring(ctx context.Context) (int, error)
}

// ReminderLead is how long before an offer expires its attorney is reminded.
const ReminderLead = 24 * time.Hour

// Store is what the service needs from the database: reads outside transactions, and Tx.
type Store interface {
	Reads
	Tx(ctx context.Context, fn func(tx Tx) error) error
}

// Reads are the queries the service makes; a transaction makes them too.
type Reads interface {
	Offers(ctx context.Context, f store.ListFilter) ([]store.OfferView, error)
	OfferByID(ctx context.Context, id uuid.UUID) (store.OfferView, error)
	Matters(ctx context.Context, f store.ListFilter) ([]store.MatterView, error)
	MatterByID(ctx context.Context, id uuid.UUID) (store.MatterView, error)
	ReferralTimeline(ctx context.Context, referralID uuid.UUID, afterID int64, limit int) ([]store.TimelineEntry, error)
	ActiveMembers(ctx context.Context, orgIDs []uuid.UUID, roles []string) ([]uuid.UUID, error)
	PendingOffers(ctx context.Context, referralID uuid.UUID) (int64, error)
	OfferedAttorneys(ctx context.Context, referralID uuid.UUID) ([]uuid.UUID, error)
}

// Tx is the service's transaction.
type Tx interface {
	Reads
	LockOffer(ctx context.Context, id uuid.UUID) (store.Offer, error)
	InsertOffers(ctx context.Context, offers []store.Offer) error
	UpdateOffer(ctx context.Context, id uuid.UUID, changes map[string]any) error
	CloseOtherOffers(ctx context.Context, referralID, except uuid.UUID, at time.Time) ([]uuid.UUID, error)
	DueOffers(ctx context.Context, now time.Time, limit int) ([]store.Offer, error)
	LockPendingOffer(ctx context.Context, id uuid.UUID) (store.Offer, bool, error)
	LockExpiringOffers(ctx context.Context, now, before time.Time, limit int) ([]store.Offer, error)
	LockMatter(ctx context.Context, id uuid.UUID) (store.Matter, error)
	InsertMatter(ctx context.Context, m store.Matter) error
	UpdateMatter(ctx context.Context, id uuid.UUID, changes map[string]any) error
	RecordClientReveal(ctx context.Context, referralID, matterID, userID uuid.UUID) error
	Emit(ctx context.Context, e outbox.Event) error
	Audit(ctx context.Context, r audit.Record) error
}

// Referrals is what the service does to referrals, through internal/referral; the methods taking
// tx work in the service's transaction.
type Referrals interface {
	// Find returns the referral, NotFound if there is none.
	Find(ctx context.Context, id uuid.UUID) (store.Referral, error)
	// Lock locks the referral until tx ends and returns it, NotFound if there is none.
	Lock(ctx context.Context, tx Tx, id uuid.UUID) (store.Referral, error)
	// Move changes the referral's status as the status machine allows (Conflict otherwise),
	// recording the step with the move.
	Move(ctx context.Context, tx Tx, r store.Referral, to referral.Status, step referral.Step) error
	// Record records a step of the referral's matching that moves no status.
	Record(ctx context.Context, tx Tx, step referral.Step) error
	// Client decrypts the referral's client.
	Client(ctx context.Context, id uuid.UUID) (referral.Client, error)
}

// Ranker ranks a referral's eligible candidates, best first (all of them for limit 0), without
// authorization: the candidate service provides it.
type Ranker interface {
	Ranked(ctx context.Context, referralID uuid.UUID, limit int) ([]matching.Candidate, error)
}

// Conflicts is what the service needs of conflict checks, through internal/conflict.
type Conflicts interface {
	// Recheck runs the firm's check of the referral again in tx (clearances of the same hits
	// stay) and reports whether it is clear or cleared.
	Recheck(ctx context.Context, tx Tx, referralID, firmID uuid.UUID) (bool, error)
	// Cleared reports whether the firm's stored check of the referral is clear or cleared.
	Cleared(ctx context.Context, referralID, firmID uuid.UUID) (bool, error)
}

// The events the service emits, each in the transaction of what it tells of; their payloads carry
// ids only. Jobs in internal/jobs tell people.
const (
	// EventMade: offers were made; their attorneys are told.
	EventMade = "offer:made"
	// EventAccepted: an offer was accepted (or a volunteer confirmed); the referring organisation,
	// the firm's coordinators and the attorneys of the offers it closed are told.
	EventAccepted = "offer:accepted"
	// EventDeclined: an attorney declined; the referring organisation is told.
	EventDeclined = "offer:declined"
	// EventExpired: an offer expired unanswered; its attorney and the referring organisation are told.
	EventExpired = "offer:expired"
	// EventExpiring: an offer expires within ReminderLead; its attorney is reminded.
	EventExpiring = "offer:expiring"
	// EventVolunteered: an attorney volunteered; the referring organisation is asked to confirm.
	EventVolunteered = "offer:volunteered"
	// EventNext: a sequential offer ended unaccepted (declined, expired, or its matter withdrawn);
	// its job offers the referral to the next candidate.
	EventNext = "offer:next"
	// EventMatterStarted: the attorney began work; the referring organisation and the firm's
	// coordinators are told.
	EventMatterStarted = "matter:started"
	// EventMatterWithdrawn: the attorney withdrew; the referring organisation is told.
	EventMatterWithdrawn = "matter:withdrawn"
)

// OffersEvent is the payload of EventMade.
type OffersEvent struct {
	OfferIDs []uuid.UUID `json:"offer_ids"`
}

// OfferEvent is the payload of EventDeclined, EventExpired, EventExpiring and EventVolunteered.
type OfferEvent struct {
	OfferID uuid.UUID `json:"offer_id"`
}

// AcceptedEvent is the payload of EventAccepted: the matter opened, and the offers it closed.
type AcceptedEvent struct {
	MatterID uuid.UUID   `json:"matter_id"`
	Closed   []uuid.UUID `json:"closed"`
}

// ReferralEvent is the payload of EventNext.
type ReferralEvent struct {
	ReferralID uuid.UUID `json:"referral_id"`
}

// MatterEvent is the payload of EventMatterStarted and EventMatterWithdrawn.
type MatterEvent struct {
	MatterID uuid.UUID `json:"matter_id"`
}
