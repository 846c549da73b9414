// Package outcome owns how matters end and what came of them: closing a matter with its Legal
// Services Corporation closing category, the client's feedback (recorded by the referring
// organisation, or given by the client through a single-use link that needs no account), and the
// referring organisation's impact figures.
//
// Who may do what:
//   - the matter's attorney, and their firm's coordinators and org admins, close an active matter
//     (a coordinator closes for an attorney who has left or forgotten); everyone else who sees the
//     matter (the referring organisation, platform admins) is Forbidden;
//   - the referring organisation's staff and org admins record feedback on its closed matters,
//     read it and create feedback links; platform admins read it; the firm's side sees the matter
//     but not what the client said of it (Forbidden): the referring organisation decides what to
//     share;
//   - anyone holding a valid link sees the asking organisation's name, nothing of the matter, and
//     answers once; the public endpoints are rate limited per client address;
//   - the referring organisation's staff and org admins see its impact; platform admins any
//     organisation's, or every referrer's together.
//
// A matter the caller may not see answers NotFound, as does another organisation's impact.
package outcome

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// Categories are the Legal Services Corporation case-closing categories a matter closes with.
var Categories = []string{
	"counsel_advice", "limited_action", "settlement_without_litigation", "settlement_with_litigation",
	"agency_decision", "court_uncontested", "court_contested", "court_appeal", "other",
}

// referralOutcomes names each category as the referral's outcome names it (the referring
// organisation's own closing of a referral uses the longer names).
var referralOutcomes = map[string]string{
	"counsel_advice":                "counsel_and_advice",
	"limited_action":                "limited_action",
	"settlement_without_litigation": "negotiated_settlement_without_litigation",
	"settlement_with_litigation":    "negotiated_settlement_with_litigation",
	"agency_decision":               "administrative_agency_decision",
	"court_uncontested":             "court_decision_uncontested",
	"court_contested":               "court_decision_contested",
	"court_appeal":                  "court_decision_appeal",
	"other":                         "other",
}

// Limits of what people write.
const (
	MaxHours        = 99999.9
	MaxNoteLength   = 2000
	MaxCommentChars = 2000
	// LinkLifetime is how long a feedback link stays valid unused.
	LinkLifetime = 30 * 24 * time.Hour
	// MaxImpactSpan is the longest period the impact figures cover.
	MaxImpactSpan = 5 * 366 * 24 * time.Hour
)

// Closing is how a matter ended: its category, whether the client's goal was met, the hours its
// attorney gave it in all (tenths of an hour), and a note (no client details).
type Closing struct {
	Outcome string
	GoalMet bool
	Hours   float64
	Note    string
}

// FeedbackInput is what a client thought of the help: satisfaction from 1 (very dissatisfied) to
// 5 (very satisfied) and an optional comment, which is confidential.
type FeedbackInput struct {
	Satisfaction int
	Comment      string
}

// Feedback is one recorded piece of feedback. Source is "staff" (RecordedByName names who) or
// "client_link".
type Feedback struct {
	ID             uuid.UUID
	MatterID       uuid.UUID
	Satisfaction   int
	Comment        string
	Source         string
	RecordedByName string
	CreatedAt      time.Time
}

// Link is a feedback link just created: its URL holds the token, shown this once.
type Link struct {
	URL       string
	ExpiresAt time.Time
}

// Ask is what a feedback link's page shows: who asks, never the matter.
type Ask struct {
	OrgName   string
	ExpiresAt time.Time
}

// ImpactFilter selects the impact figures: an organisation (nil: the caller's; platform admins:
// every referrer's) and the days From to To, both included (zero: the last twelve months).
type ImpactFilter struct {
	OrgID    *uuid.UUID
	From, To time.Time
}

// Impact is what a referring organisation's referrals came to in a period.
type Impact struct {
	OrgID    *uuid.UUID
	From, To time.Time // dates, both included
	// Submitted counts the referrals submitted in the period; the times are theirs.
	Submitted        int
	TimeToFirstOffer Durations
	TimeToAcceptance Durations
	// MatchesByMonth counts the matters opened each month of the period, every month listed.
	MatchesByMonth []MonthCount
	Outcomes       Outcomes
	Satisfaction   Satisfaction
	// UnmetNeed counts the referrals submitted in the period that nobody took: expired or
	// withdrawn without ever having a matter, or open more than OpenAfterDays days.
	UnmetNeed     []Need
	OpenAfterDays int
	// ApprovedHours are the hours attorneys logged on the referrals' matters and their firms
	// approved, in the months of the period.
	ApprovedHours float64
}

// Durations are hours from submission: how many referrals got there, the median and the 90th
// percentile (nil when none did).
type Durations struct {
	Count                 int
	MedianHours, P90Hours *float64
}

// MonthCount is how many matters were opened in a month ("2026-03").
type MonthCount struct {
	Month   string
	Matters int
}

// Outcomes are the matters closed in the period: in all, with the client's goal met, the hours
// their attorneys reported, and by category.
type Outcomes struct {
	Closed, GoalMet int
	ReportedHours   float64
	ByCategory      []CategoryCount
}

// CategoryCount is the closed matters of one closing category.
type CategoryCount struct {
	Outcome         string
	Closed, GoalMet int
}

// Satisfaction summarises the feedback recorded in the period: how many, the average score (nil
// without any) and how many gave each score, 1 to 5.
type Satisfaction struct {
	Count        int
	Average      *float64
	Distribution [5]int
}

// Need is unmet need in one practice area and jurisdiction.
type Need struct {
	PracticeArea, Jurisdiction string
	Count, Expired, Withdrawn  int
	Open                       int
}

// Service is the contract of the outcome domain.
type Service interface {
	// Close ends an active matter with its outcome: the matter is closed, its referral closed with
	// the outcome, the referring organisation told, and the closing audited. Returns NotFound when
	// the caller may not see the matter, Forbidden unless the caller may close it (see the package
	// doc), Invalid for an unknown category, hours out of range or a note too long, Conflict when
	// the matter is not active.
	Close(ctx context.Context, p auth.Principal, matterID uuid.UUID, in Closing) (offer.Matter, error)
	// RecordFeedback records the client's feedback as the referring organisation heard it.
	// Returns NotFound as Close, Forbidden unless the caller is the referring organisation's,
	// Invalid for a score out of 1–5 or a comment too long, Conflict unless the matter is closed.
	RecordFeedback(ctx context.Context, p auth.Principal, matterID uuid.UUID, in FeedbackInput) (Feedback, error)
	// Feedback lists a matter's feedback, newest first. NotFound as Close, Forbidden unless the
	// caller is the referring organisation's or a platform admin.
	Feedback(ctx context.Context, p auth.Principal, matterID uuid.UUID) ([]Feedback, error)
	// CreateLink creates a single-use link asking the client for feedback, valid LinkLifetime; it
	// replaces the matter's earlier unused links. Errors as RecordFeedback.
	CreateLink(ctx context.Context, p auth.Principal, matterID uuid.UUID) (Link, error)
	// Ask returns what the page of a link shows. Gone for a token that is used, expired or was
	// never issued (the same answer for each), RateLimited past the client address's limit.
	Ask(ctx context.Context, token, clientIP string) (Ask, error)
	// Answer records the client's feedback through a link and uses it up. Errors as Ask, and
	// Invalid as RecordFeedback (which leaves the link unused).
	Answer(ctx context.Context, token, clientIP string, in FeedbackInput) error
	// Impact returns the impact figures. NotFound for another organisation's (platform admins
	// excepted), Forbidden unless the caller is a referring organisation's staff or org admin or a
	// platform admin, Invalid for a period out of order or longer than MaxImpactSpan.
	Impact(ctx context.Context, p auth.Principal, f ImpactFilter) (Impact, error)
}

// Store is what the service needs from the database.
type Store interface {
	Reads
	Tx(ctx context.Context, fn func(tx Tx) error) error
}

// Reads are the service's queries.
type Reads interface {
	ClientFeedbackOf(ctx context.Context, matterID uuid.UUID) ([]store.ClientFeedback, error)
	ClientFeedbackByID(ctx context.Context, id uuid.UUID) (store.ClientFeedback, error)
	ValidFeedbackLink(ctx context.Context, hash []byte, now time.Time) (store.FeedbackAsk, error)
	ImpactFigures(ctx context.Context, q store.ImpactQuery) (store.Impact, error)
}

// Tx is the service's transaction.
type Tx interface {
	InsertClientFeedback(ctx context.Context, f *store.ClientFeedback) error
	InsertFeedbackLink(ctx context.Context, l *store.FeedbackLink) error
	ExpireFeedbackLinks(ctx context.Context, matterID uuid.UUID, at time.Time) error
	UseFeedbackLink(ctx context.Context, hash []byte, now time.Time) (store.FeedbackAsk, error)
	Emit(ctx context.Context, e outbox.Event) error
	Audit(ctx context.Context, r audit.Record) error
}

// MatterRef is what the service needs to know of a matter.
type MatterRef struct {
	ID, ReferralID, ReferrerID, AttorneyID, FirmID uuid.UUID
	Status                                         string // active, withdrawn, closed
}

// Matters is what the service does to matters, which the offer domain owns; the methods taking tx
// work in the service's transaction.
type Matters interface {
	// Find returns a matter; NotFound if there is none.
	Find(ctx context.Context, id uuid.UUID) (MatterRef, error)
	// Lock locks a matter until tx ends and returns it.
	Lock(ctx context.Context, tx Tx, id uuid.UUID) (MatterRef, error)
	// Close writes a locked matter's closing: status closed, ended at, by whom.
	Close(ctx context.Context, tx Tx, id uuid.UUID, in Closing, by uuid.UUID, at time.Time) error
	// Shown returns the matter as the caller sees it, after a write.
	Shown(ctx context.Context, p auth.Principal, id uuid.UUID) (offer.Matter, error)
}

// Referrals is what the service does to referrals, through internal/referral, in its transaction.
type Referrals interface {
	// Lock locks the referral until tx ends and returns it, NotFound if there is none.
	Lock(ctx context.Context, tx Tx, id uuid.UUID) (store.Referral, error)
	// Close moves the referral to closed with the outcome (the referral's name of it), recording
	// step; Conflict where the status machine does not allow it.
	Close(ctx context.Context, tx Tx, r store.Referral, outcome string, step referral.Step) error
	// Record records a step that moves no status.
	Record(ctx context.Context, tx Tx, step referral.Step) error
}

// Sealer encrypts and decrypts a feedback comment, bound to its row's id.
type Sealer interface {
	Seal(plaintext, context []byte) (keyID string, sealed []byte)
	Open(keyID string, sealed, context []byte) ([]byte, error)
}

// EventClosed: a matter closed; the referring organisation's staff and the firm's coordinators
// are told. Its payload is the offer domain's offer.MatterEvent.
const EventClosed = "matter:closed"
