// Package audit lets people read the audit trail that other domains write (through
// internal/platform/audit and the store, in the transactions of what they record), export it as
// CSV, and verify that its hash chain is whole.
//
// Who may do what:
//   - platform admins read and export every organisation's entries, and verify the chain;
//   - an organisation's org admins and coordinators read and export its entries;
//   - nobody else reads the trail (Forbidden). Only platform admins verify: the chain runs through
//     every organisation's rows, and what it reports (how many rows, which is broken) is the
//     platform's.
//
// An entry of another organisation is never returned: filtering by its actor or object gives an
// empty page, as for one that does not exist.
package audit

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
)

// Entry is one row of the trail as readers see it.
type Entry struct {
	ID         int64
	At         time.Time
	ActorID    *uuid.UUID
	ActorName  string
	OrgID      *uuid.UUID
	OrgName    string
	Action     string
	ObjectType string
	ObjectID   string
	Before     json.RawMessage // nil: no state before (or none recorded)
	After      json.RawMessage
	RequestID  string
	IP         string // "" when unknown
}

// Filter selects entries; zero fields select everything. From is inclusive, To exclusive.
type Filter struct {
	ActorID    *uuid.UUID
	Action     string
	ObjectType string
	ObjectID   string
	From, To   *time.Time
	Cursor     string
	Limit      int
}

// Page is one page of entries, newest first; NextCursor is "" on the last page.
type Page struct {
	Entries    []Entry
	NextCursor string
}

// Break names why the chain is broken at a row.
type Break string

// The ways the chain can break.
const (
	// BreakGap: rows are missing (deleted, or the trail ends before its head says it does).
	BreakGap Break = "gap"
	// BreakPrevHash: the row does not carry the hash of the row before it.
	BreakPrevHash Break = "prev_hash_mismatch"
	// BreakHash: the row's fields do not give its hash (it was changed after it was written).
	BreakHash Break = "hash_mismatch"
	// BreakHead: the chain's head does not hold the hash of the last row.
	BreakHead Break = "head_mismatch"
)

// Verification is what recomputing the chain found: OK, or the first broken link.
type Verification struct {
	OK bool
	// Checked is how many rows were found whole before the first break (all of them when OK).
	Checked       int64
	FirstBrokenID *int64
	Reason        Break
	Detail        string
}

// Service is the contract of the audit domain.
type Service interface {
	// List returns one page of the entries the caller may read, newest first. Returns Forbidden
	// for callers who read no entries, Invalid for a cursor it did not return, a limit outside
	// 1..MaxLimit or To not after From.
	List(ctx context.Context, p auth.Principal, f Filter) (Page, error)
	// Export writes every entry List would return (all pages, newest first) to w as CSV, and
	// records the export in the trail before the first row is written. Errors as List, returned
	// before anything is written; a later error leaves w cut short.
	Export(ctx context.Context, p auth.Principal, f Filter, w io.Writer) error
	// Verify recomputes the chain from its first row to its head, a batch at a time, and reports
	// the first broken link. Returns Forbidden unless the caller is a platform admin.
	Verify(ctx context.Context, p auth.Principal) (Verification, error)
}

// The page sizes List takes.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// ActionExported is the action an export of the trail is recorded as.
const ActionExported = "audit.exported"
