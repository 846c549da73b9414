// Package referral owns referrals: what a nonprofit or public defender office asks volunteer
// attorneys to take on, with the client's (encrypted) details, the parties, eligibility and status.
//
// Who may do what:
//   - staff and org admins of referring organisations (nonprofits, public defenders, clinics) create
//     referrals, and edit, submit, withdraw and close their own organisation's;
//   - they see their own organisation's referrals in full;
//   - law firm members see open referrals (submitted, matching, offered) that their firm's conflict
//     check cleared, redacted: no client details, no client party, no income;
//   - platform admins see every submitted referral, redacted; drafts stay with their organisation.
//
// Anything else answers NotFound.
package referral

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/etag"
)

// Status is where a referral is in its life.
type Status string

// The statuses: draft → submitted → matching → offered → accepted → in_progress → closed, or
// withdrawn (before acceptance) or expired (nobody took it).
const (
	Draft      Status = "draft"
	Submitted  Status = "submitted"
	Matching   Status = "matching"
	Offered    Status = "offered"
	Accepted   Status = "accepted"
	InProgress Status = "in_progress"
	Closed     Status = "closed"
	Withdrawn  Status = "withdrawn"
	Expired    Status = "expired"
)

// transitions lists the legal moves of the status machine.
// An accepted referral whose attorney withdraws goes back to matching; one whose matter ends with
// brief advice closes without work having been marked started.
var transitions = map[Status][]Status{
	Draft:      {Submitted, Withdrawn},
	Submitted:  {Matching, Offered, Withdrawn, Expired},
	Matching:   {Offered, Withdrawn, Expired},
	Offered:    {Accepted, Matching, Withdrawn, Expired},
	Accepted:   {InProgress, Matching, Closed},
	InProgress: {Closed, Matching},
}

// byReferrer are the moves the referring organisation makes itself; the others belong to matching
// and to the attorney.
var byReferrer = map[Status]bool{Submitted: true, Withdrawn: true, Closed: true}

// Open reports whether attorneys may still be offered the referral.
func (s Status) Open() bool { return s == Submitted || s == Matching || s == Offered }

// Editable reports whether the referral's details may still change: until it is accepted.
func (s Status) Editable() bool { return s == Draft || s.Open() }

// Client is the person the referral is for. Confidential: encrypted at rest and shown only to the
// referring organisation (and, later, the attorney who accepts).
type Client struct {
	Name        string     `json:"name"`
	Email       string     `json:"email,omitempty"`
	Phone       string     `json:"phone,omitempty"`
	Address     string     `json:"address,omitempty"`
	DateOfBirth *time.Time `json:"date_of_birth,omitempty"`
	Notes       string     `json:"notes,omitempty"`
}

// Party is someone involved in the matter, checked against law firms' conflict registries.
type Party struct {
	Name    string
	Role    string // client, adverse, related
	Kind    string // person, organization
	Aliases []string
}

// Input is what the referring organisation writes.
type Input struct {
	PracticeArea   string
	Jurisdiction   string
	Language       string
	Summary        string
	Urgency        string
	Deadline       *time.Time
	EstimatedHours *int
	LimitedScope   bool
	RemoteAllowed  bool
	MentoredOK     bool
	HouseholdSize  int
	AnnualIncome   int64
	Client         Client
	Parties        []Party
}

// Eligibility is the household's income against the HHS poverty guideline, computed by the server.
type Eligibility struct {
	HouseholdSize  int
	AnnualIncome   *int64 // nil when redacted
	PovertyPercent float64
	GuidelineYear  int
	Region         string
}

// Referral is a referral as the caller may see it.
type Referral struct {
	ID             uuid.UUID
	OrgID          uuid.UUID
	OrgName        string
	Status         Status
	Outcome        string
	PracticeArea   string
	Jurisdiction   string
	Language       string
	Summary        string
	Urgency        string
	Deadline       *time.Time
	EstimatedHours *int
	LimitedScope   bool
	RemoteAllowed  bool
	MentoredOK     bool
	Eligibility    Eligibility
	Client         *Client // nil when redacted
	Parties        []Party
	Redacted       bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
	SubmittedAt    *time.Time
	// Version counts the writes of the details and status; its entity tag is the If-Match of an edit.
	Version int
}

// Change is one entry of a referral's history: who did what to which fields, never the values.
type Change struct {
	At         time.Time
	UserID     uuid.UUID
	UserName   string
	Action     string
	Fields     []string
	FromStatus string
	ToStatus   string
}

// ListFilter selects and orders referrals; Cursor continues a previous page.
type ListFilter struct {
	Status, PracticeArea, Jurisdiction, Urgency string
	Sort                                        string // created (default), deadline, urgency
	Cursor                                      string
	Limit                                       int
}

// Service is the contract of the referral domain.
type Service interface {
	// Create saves a draft, or submits at once. With an idempotency key, a repeat with the same input
	// returns the referral first created; the same key with other input returns Invalid. Returns
	// Forbidden unless the caller works for a referring organisation, Invalid for bad input.
	Create(ctx context.Context, p auth.Principal, in Input, submit bool, idempotencyKey string) (Referral, error)
	// Get returns a referral, redacted outside the referring organisation. Returns NotFound when the
	// caller may not see it.
	Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Referral, error)
	// Update replaces the details and records which fields changed. Returns NotFound as Get,
	// Forbidden outside the referring organisation, Conflict once accepted, Invalid for bad input.
	// With an If-Match condition, returns PreconditionFailed when someone else's write came first.
	Update(ctx context.Context, p auth.Principal, id uuid.UUID, in Input, cond etag.Condition) (Referral, error)
	// Transition moves the referral to another status. Returns Conflict, naming the current status,
	// for a move the status machine does not allow; Forbidden for a move that is not the caller's to
	// make; Invalid when closing without an outcome.
	// PreconditionFailed as Update.
	Transition(ctx context.Context, p auth.Principal, id uuid.UUID, to Status, outcome string, cond etag.Condition) (Referral, error)
	// History lists a referral's changes for the referring organisation. NotFound otherwise.
	History(ctx context.Context, p auth.Principal, id uuid.UUID) ([]Change, error)
	// List returns one page of the referrals the caller may see and the cursor of the next page ("" at
	// the end). Returns Invalid for a malformed cursor.
	List(ctx context.Context, p auth.Principal, f ListFilter) ([]Referral, string, error)
	// OpenForFirm returns those of the referrals given that are open and that the caller's firm's
	// conflict check cleared, redacted as List shows them to law firm members, in no order; none
	// for callers outside a law firm. One query for the rows and one for their parties.
	OpenForFirm(ctx context.Context, p auth.Principal, ids []uuid.UUID) ([]Referral, error)
}

// EventSubmitted is emitted when a referral is submitted, after every firm's conflict check of it
// ran in the same transaction; its job tells the coordinators of the firms that may now see it (if
// they asked to be told) and of those with potential conflicts to clear.
const EventSubmitted = "referral:submitted"

// SubmittedEvent is the payload of EventSubmitted.
type SubmittedEvent struct {
	ReferralID uuid.UUID `json:"referral_id"`
}

// EventStatusChanged is emitted when a referral's status changes; its job tells the referring
// organisation's staff, except whoever changed it.
const EventStatusChanged = "referral:status_changed"

// StatusChangedEvent is the payload of EventStatusChanged.
type StatusChangedEvent struct {
	ReferralID uuid.UUID `json:"referral_id"`
	To         Status    `json:"to"`
	By         uuid.UUID `json:"by"`
}
