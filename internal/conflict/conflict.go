// Package conflict owns conflict-of-interest checking: each law firm's registry of clients, former
// clients, adverse and related parties, and checks of referrals' parties against it.
//
// Rules: an exact match after normalisation is a conflict, a near match a potential conflict that a
// coordinator clears with a reason. Matching the firm's adverse party with our client or a related
// party, or the firm's current client with our adverse party, blocks; other role pairs are potential
// (a former client, a related party) or nothing (the same side). Conflicts are imputed to the whole
// firm (ABA Model Rule 1.10). For a limited-scope referral of a limited-scope program (ABA Model Rule
// 6.5) a firm conflict is reported as potential, not blocking.
//
// Who may do what: a law firm's coordinators and org admins manage its registry and run, read and
// clear its checks; platform admins may run and read checks for any firm. Others get NotFound.
package conflict

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/store"
)

// Entry is one registry entry: a name with its aliases.
type Entry struct {
	ID        uuid.UUID
	Name      string
	Kind      string // person, organization
	Role      string // client, former_client, adverse, related
	Aliases   []string
	MatterRef string
	CreatedAt time.Time
}

// ImportMode says what an import does with a file that has bad rows.
type ImportMode string

// The import modes.
const (
	// Partial imports the good rows and reports the bad ones.
	Partial ImportMode = "partial"
	// AllOrNothing imports nothing if any row is bad.
	AllOrNothing ImportMode = "all_or_nothing"
)

// RowError is one rejected line of an import.
type RowError struct {
	Line   int
	Reason string
}

// ImportReport says what an import did.
type ImportReport struct {
	Mode            ImportMode
	Committed       bool
	Accepted        int
	Rejected        int
	Errors          []RowError // the first MaxReportedErrors
	ErrorsTruncated bool
}

// MaxReportedErrors caps the rejected lines an import report lists.
const MaxReportedErrors = 1000

// Hit is one registry name that matched a referral party.
type Hit struct {
	ID          uuid.UUID
	EntryID     uuid.UUID
	EntryName   string
	EntryRole   string
	PartyName   string
	PartyRole   string
	Level       Level
	Reason      string
	ClearedAt   *time.Time
	ClearedBy   *uuid.UUID
	ClearReason string
}

// Result is the outcome of a check.
type Result string

// The results: nothing found, hits to clear, a blocking conflict, every potential hit cleared.
const (
	ResultClear     Result = "clear"
	ResultPotential Result = "potential"
	ResultConflict  Result = "conflict"
	ResultCleared   Result = "cleared"
)

// Check is the stored result of checking a referral against one firm.
type Check struct {
	ReferralID uuid.UUID
	FirmID     uuid.UUID
	Result     Result
	CheckedAt  time.Time
	Hits       []Hit
}

// Page is one page of the registry.
type Page struct {
	Entries    []Entry
	Total      int64
	NextCursor string
}

// Service is the contract of the conflict domain.
type Service interface {
	// Entries lists the caller's firm's registry by name, optionally only names similar to q.
	// Returns Forbidden unless the caller is a coordinator or org admin of a law firm.
	Entries(ctx context.Context, p auth.Principal, q, cursor string, limit int) (Page, error)
	// AddEntry adds one entry; errors as Entries, Invalid for a blank name.
	AddEntry(ctx context.Context, p auth.Principal, e Entry) (Entry, error)
	// DeleteEntry removes an entry; errors as Entries, NotFound for another firm's entry.
	DeleteEntry(ctx context.Context, p auth.Principal, entryID uuid.UUID) error
	// Import streams a CSV file (name,type,role,aliases,matter_ref, with a header) into the registry.
	// Returns Invalid, changing nothing, for a file that cannot be read as CSV or lacks the header.
	Import(ctx context.Context, p auth.Principal, csv io.Reader, mode ImportMode) (ImportReport, error)
	// Run checks a referral against a firm's registry now and stores the result. firmID nil means the
	// caller's firm. Returns NotFound for a referral that is not open to firms or a firm the caller
	// may not check.
	Run(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID) (Check, error)
	// Get returns the stored check; errors as Run, NotFound if never checked.
	Get(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID) (Check, error)
	// ClearHit clears a potential hit with a reason, recording who and when. Returns Forbidden unless
	// the caller is a coordinator of the firm, NotFound for an unknown or blocking or cleared hit.
	ClearHit(ctx context.Context, p auth.Principal, referralID, hitID uuid.UUID, reason string) (Check, error)
	// CheckAllFirms checks a referral against every law firm within the transaction tx.
	CheckAllFirms(ctx context.Context, tx *store.Store, referralID uuid.UUID) error
	// CheckOpenReferrals checks every open referral against one firm, as when the firm is new.
	CheckOpenReferrals(ctx context.Context, firmID uuid.UUID) error
}
