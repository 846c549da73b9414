// Package hours owns the time attorneys log on their matters and its approval: entries in 6-minute
// units, drafted and submitted by the matter's attorney, approved or rejected by the coordinators
// and org admins of the attorney's firm, and corrected after approval by adjusting entries.
//
// Who may do what:
//   - the matter's attorney creates, edits (draft or rejected), deletes (draft), submits and adjusts
//     their own entries;
//   - coordinators and org admins of the attorney's firm see the firm's entries and approve or
//     reject submitted ones;
//   - platform admins see every entry; nobody else sees any.
//
// An entry the caller may not see answers NotFound; one they see but may not change, Forbidden; one
// whose status does not allow the action, Conflict.
//
// An entry's work date is a calendar day. "Today" is the day in the attorney's time zone (the zone of
// their availability, UTC when they have given none): no entry is dated after it, none before the
// day the matter was accepted nor after the day it closed or was withdrawn. An attorney's entries of
// one day, drafts and submitted ones included and rejected ones not, add up to at most 24 hours
// (time an adjusting entry takes off counts once approved).
package hours

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/outbox"
)

// Status is where an entry is in its approval.
type Status string

// The statuses: draft → submitted → approved | rejected; a rejected entry is edited and submitted
// again. An approved entry never changes.
const (
	StatusDraft     Status = "draft"
	StatusSubmitted Status = "submitted"
	StatusApproved  Status = "approved"
	StatusRejected  Status = "rejected"
)

// Activities are what the time was spent on.
var Activities = []string{"client_meeting", "research", "drafting", "court_appearance", "travel", "training",
	"supervision", "administrative"}

// Sources say how an entry came in.
const (
	SourceManual = "manual"
	SourceBatch  = "batch"
	SourceImport = "import"
)

// Limits of an entry and of the batch and bulk operations.
const (
	Unit          = 6        // minutes: time is logged in tenths of an hour
	DayMinutes    = 24 * 60  // an attorney's entries of one day add up to at most this
	MaxNarrative  = 4000     // characters
	MaxReason     = 1000     // characters of a rejection's reason
	MaxRateCents  = 10000000 // $100,000 an hour
	MaxBatch      = 500      // entries in one batch
	MaxBulk       = 1000     // entries approved or rejected at once
	DefaultLimit  = 50       // entries in a list page unless asked otherwise
	MaxListLimit  = 200      // entries in a list page at most
	sortWorkDate  = "hours_by_work_date"
	auditTimeType = "time_entry"
)

// Entry is a time entry as the service returns it.
type Entry struct {
	ID           uuid.UUID
	MatterID     uuid.UUID
	AttorneyID   uuid.UUID
	AttorneyName string
	FirmID       uuid.UUID
	WorkDate     time.Time // a date, UTC midnight
	Minutes      int       // negative only for an adjusting entry
	Activity     string
	Narrative    string
	RateCents    *int
	Status       Status
	AdjustsID    *uuid.UUID
	Source       string
	ExternalID   *string
	SubmittedAt  *time.Time
	DecidedAt    *time.Time
	DecidedBy    *uuid.UUID
	// DecidedByName is the name of the coordinator who approved or rejected it.
	DecidedByName string
	RejectReason  string
	CreatedAt     time.Time
	// Version counts the writes; its entity tag is the If-Match of an edit.
	Version int
	Matter  MatterBrief
}

// MatterBrief is what an entry shows of its matter: nothing of the client.
type MatterBrief struct {
	ReferralID   uuid.UUID
	PracticeArea string
	Jurisdiction string
	ReferrerName string
}

// Input is a new entry.
type Input struct {
	MatterID  uuid.UUID
	WorkDate  time.Time
	Minutes   int
	Activity  string
	Narrative string
	RateCents *int
	// Submit sends the entry for approval at once instead of keeping it a draft.
	Submit bool
}

// Update changes an entry's fields; nil leaves one as it is. RateCents with ClearRate removes it.
type Update struct {
	WorkDate  *time.Time
	Minutes   *int
	Activity  *string
	Narrative *string
	RateCents *int
	ClearRate bool
}

// Adjustment corrects an approved entry: Minutes (never zero, negative to take time off) are added to
// it; WorkDate and Activity default to the entry's.
type Adjustment struct {
	Minutes   int
	WorkDate  *time.Time
	Activity  *string
	Narrative string
}

// ListFilter selects entries; Cursor continues a previous page (newest work date first). From and
// To are dates, both included.
type ListFilter struct {
	AttorneyID, MatterID *uuid.UUID
	Status               *Status
	From, To             *time.Time
	Cursor               string
	Limit                int
}

// Service is the contract of the hours domain.
type Service interface {
	// List returns one page of the entries the caller may see and the next page's cursor ("" at the
	// end): an attorney's own, a firm manager's firm's, all for platform admins, none for anyone
	// else. Returns Invalid for a malformed cursor or a period that ends before it starts.
	List(ctx context.Context, p auth.Principal, f ListFilter) ([]Entry, string, error)
	// Get returns an entry. Returns NotFound when the caller may not see it.
	Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Entry, error)
	// Create records an entry of the caller's on one of their matters, as a draft or submitted.
	// Returns Forbidden unless the caller is an attorney, Invalid for bad input (the date rules, the
	// 24 hours a day, a matter that is not theirs).
	Create(ctx context.Context, p auth.Principal, in Input) (Entry, error)
	// Batch records up to MaxBatch entries as Create does, all or none: Invalid names the fields of
	// every entry at fault as entries[i].field.
	Batch(ctx context.Context, p auth.Principal, in []Input) ([]Entry, error)
	// Update changes a draft or rejected entry of the caller's; a rejected one stays rejected until
	// submitted again. Returns NotFound as Get, Forbidden unless the caller is its attorney, Conflict
	// for an entry in another status, PreconditionFailed when cond does not allow its version,
	// Invalid as Create.
	Update(ctx context.Context, p auth.Principal, id uuid.UUID, in Update, cond etag.Condition) (Entry, error)
	// Delete removes a draft. Returns NotFound, Forbidden and PreconditionFailed as Update, Conflict
	// for an entry that is not a draft.
	Delete(ctx context.Context, p auth.Principal, id uuid.UUID, cond etag.Condition) error
	// Submit sends a draft or rejected entry for approval. Returns NotFound and Forbidden as Update,
	// Conflict for an entry in another status, Invalid when its day would pass 24 hours.
	Submit(ctx context.Context, p auth.Principal, id uuid.UUID) (Entry, error)
	// Approve approves submitted entries, all or none, crediting them in the same transaction.
	// Returns NotFound (naming ids[i]) for an entry the caller may not see, Forbidden unless the
	// caller manages the entries' firm, Conflict (naming ids[i]) for one that is not submitted.
	Approve(ctx context.Context, p auth.Principal, ids []uuid.UUID) ([]Entry, error)
	// Reject returns submitted entries to their attorneys with a reason, all or none. Errors as
	// Approve, and Invalid for a blank or long reason.
	Reject(ctx context.Context, p auth.Principal, ids []uuid.UUID, reason string) ([]Entry, error)
	// Adjust records a submitted entry that corrects an approved one of the caller's. Returns
	// NotFound and Forbidden as Update, Conflict unless the entry is approved and not itself an
	// adjustment, Invalid when the entry's minutes and its adjustments would go below zero, and as
	// Create.
	Adjust(ctx context.Context, p auth.Principal, id uuid.UUID, in Adjustment) (Entry, error)
	// RecordImported records, all or none, entries that a coordinator or org admin of a law firm
	// brings in from the firm's timekeeping system for its attorneys, as submitted entries for the
	// firm's approval. An entry whose external id the firm has already is skipped, so an import run
	// twice adds nothing twice. The others are checked as Create checks an attorney's own (the
	// matter must be the attorney's at the caller's firm); when any breaks a rule, nothing is
	// recorded and the faults are returned by the entries' index. Returns Forbidden unless the
	// caller manages a law firm's time.
	RecordImported(ctx context.Context, p auth.Principal, in []Imported) (created, skipped int, faults []ImportFault, err error)
}

// Matter is what the hours domain needs to know of a matter.
type Matter struct {
	ID         uuid.UUID
	AttorneyID uuid.UUID
	FirmID     uuid.UUID
	Status     string // active, withdrawn, closed
	StartedAt  time.Time
	EndedAt    *time.Time
	// TimeZone is the attorney's IANA time zone; "" for UTC.
	TimeZone string
}

// Matters reads matters for the hours domain (a port to the matters' owner).
type Matters interface {
	// Matters returns the matters that exist among ids, by id.
	Matters(ctx context.Context, tx Tx, ids []uuid.UUID) (map[uuid.UUID]Matter, error)
}

// Approved is an entry as the credit ledger is told of it when it is approved.
type Approved struct {
	EntryID, AttorneyID, FirmID, MatterID uuid.UUID
	WorkDate                              time.Time
	Minutes                               int
	Activity                              string
	AdjustsID                             *uuid.UUID
}

// Ledger credits approved entries under their firm's policy, in the approving transaction (a port
// to the credit domain).
type Ledger interface {
	Credit(ctx context.Context, tx Tx, entries []Approved) error
}

// Store is what the service needs from the database.
type Store interface {
	// Tx runs fn in one transaction.
	Tx(ctx context.Context, fn func(tx Tx) error) error
	// Entry returns one entry; NotFound when there is none.
	Entry(ctx context.Context, id uuid.UUID) (Entry, error)
	// Entries returns up to f.Limit entries, newest work date first.
	Entries(ctx context.Context, f StoreFilter) ([]Entry, error)
}

// Tx is what the service does inside a transaction.
type Tx interface {
	// LockAttorney serialises the writes of one attorney's entries until the transaction ends, so
	// that parallel ones cannot together pass 24 hours a day.
	LockAttorney(ctx context.Context, attorneyID uuid.UUID) error
	// LockEntries returns the entries that exist among ids, locked until the transaction ends.
	LockEntries(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]Entry, error)
	// DayMinutes returns the attorney's minutes on each of days, of entries that are not rejected
	// and not among except; time taken off counts once approved.
	DayMinutes(ctx context.Context, attorneyID uuid.UUID, days []time.Time, except []uuid.UUID) (map[time.Time]int, error)
	// AdjustedMinutes returns an approved entry's minutes with those of its adjustments but
	// except, at their lowest: added time once approved, time taken off unless rejected.
	AdjustedMinutes(ctx context.Context, id, except uuid.UUID) (int, error)
	// InsertEntries records new entries.
	InsertEntries(ctx context.Context, entries []Entry) error
	// SaveEntry replaces an entry's fields, with its version as given.
	SaveEntry(ctx context.Context, e Entry) error
	// Decide sets the status, decision and version of entries that were locked, all at once.
	Decide(ctx context.Context, ids []uuid.UUID, d Decision) error
	// DeleteEntry removes an entry.
	DeleteEntry(ctx context.Context, id uuid.UUID) error
	// ImportedExternalIDs returns which of the external ids the firm's entries have already.
	ImportedExternalIDs(ctx context.Context, firmID uuid.UUID, externalIDs []string) (map[string]bool, error)
	// EntriesByIDs returns entries with their names and matters, in the order of ids.
	EntriesByIDs(ctx context.Context, ids []uuid.UUID) ([]Entry, error)
	// Emit records an event in the outbox.
	Emit(ctx context.Context, e outbox.Event) error
	// Audit appends to the audit trail; call it last.
	Audit(ctx context.Context, r audit.Record) error
}

// Decision is what approving or rejecting writes.
type Decision struct {
	Status    Status
	DecidedBy uuid.UUID
	DecidedAt time.Time
	Reason    *string
}

// StoreFilter selects entries in the store. Firm or Attorney limit them to one firm's or one
// attorney's; After is the last row of the previous page.
type StoreFilter struct {
	Firm, Attorney       *uuid.UUID
	AttorneyID, MatterID *uuid.UUID
	Status               *Status
	From, To             *time.Time
	// After is the work date (as At) and id of the previous page's last row.
	After *cursor.Position
	Limit int
}

// Events the domain emits, with ids only.
const (
	// EventApproved: entries of one attorney were approved; the attorney is told.
	EventApproved = "hours:approved"
	// EventRejected: entries of one attorney were returned with a reason; the attorney is told.
	EventRejected = "hours:rejected"
)

// DecidedEvent is the payload of EventApproved and EventRejected: one attorney's entries decided
// at once.
type DecidedEvent struct {
	AttorneyID uuid.UUID   `json:"attorney_id"`
	EntryIDs   []uuid.UUID `json:"entry_ids"`
}
