// Package timeexchange moves time between Probono Match and a firm's own systems: it exports the
// firm's approved pro bono time as CSV or as a LEDES 1998B file for its billing system, and imports
// time exported from its timekeeping system as CSV.
//
// Who may do what: only the coordinators and org admins of a law firm export its time and import
// time for its attorneys; everyone else is Forbidden. Nothing is ever read or written of another
// firm: an imported row naming an attorney or a matter that is not the firm's is a fault of that row.
//
// Exports never hold client details: a matter is named by its id and its referral's, never by its
// client. Narratives are the attorneys' own words about their work, which may tell of the client's
// affairs; they are the firm's attorneys' words going to the firm's own systems, so exports carry
// them unless the caller asks to leave them out (then a LEDES line describes its activity instead).
// Amounts are billable-equivalent: the entry's rate times its hours, 0 when it has no rate.
package timeexchange

import (
	"context"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
)

// Format is the layout of an export.
type Format string

// The formats.
const (
	CSV   Format = "csv"
	LEDES Format = "ledes"
)

// ExportFilter selects the approved entries of the caller's firm an export writes: work dates from
// From to To, both included; To defaults to today (UTC) and From to the first of January of To's year.
type ExportFilter struct {
	Format     Format
	From, To   *time.Time
	AttorneyID *uuid.UUID
	MatterID   *uuid.UUID
	// WithoutNarratives leaves the attorneys' narratives out of the file.
	WithoutNarratives bool
}

// Limits of an import.
const (
	MaxImportBytes = 10 << 20 // the largest file an import takes
	MaxImportRows  = 10000    // rows of time in one file, imported in one transaction
	MaxLineBytes   = 16 << 10 // the longest line: a narrative of 4,000 characters and the rest
	MaxErrors      = 100      // faults an import report lists; it counts the others
)

// ImportReport says what an import did. Either every row was recorded (Committed) or none was:
// Errors then lists the faults of the rows by line (the header is line 1).
type ImportReport struct {
	Committed bool
	Created   int
	// Skipped counts the rows whose external id the firm imported before: an import run twice
	// adds nothing the second time.
	Skipped         int
	Errors          []LineError
	ErrorsTruncated bool
}

// LineError is a fault of one row of an import file: a rule it breaks, by the column at fault.
type LineError struct {
	Line   int
	Field  string // the column at fault; "" for the row as a whole
	Detail string
}

// Service is the contract of time exchange.
type Service interface {
	// Export writes the caller's firm's approved entries selected by f to w, streamed a page at a
	// time, and records the export in the audit trail. Returns Forbidden unless the caller manages
	// a law firm, Invalid for an unknown format or a period that ends before it starts. An error
	// after the first byte was written leaves the file cut short.
	Export(ctx context.Context, p auth.Principal, f ExportFilter, w io.Writer) error
	// Import records the rows of a CSV file from the firm's timekeeping system as submitted entries
	// of the firm's attorneys, all or none, under the same rules as entries logged here. Returns
	// Forbidden as Export, Invalid (field "body") when the file as a whole is unreadable (not
	// UTF-8, a NUL byte, a line too long, the wrong header), TooLarge past MaxImportBytes, and a
	// report listing the rows at fault otherwise.
	Import(ctx context.Context, p auth.Principal, upload io.Reader) (ImportReport, error)
}

// Entry is an approved entry as an export writes it, with its attorney and its matter's referral.
type Entry struct {
	ID, MatterID, ReferralID, AttorneyID uuid.UUID
	AttorneyName, AttorneyEmail          string
	PracticeArea                         string
	WorkDate                             time.Time
	Minutes                              int
	Activity                             string
	Narrative                            string
	RateCents                            *int
	AdjustsID                            *uuid.UUID
	Source                               string
	ExternalID                           *string
	ApprovedAt                           time.Time
}

// Selection is what the store reads for an export: one firm's approved entries in a period.
type Selection struct {
	FirmID               uuid.UUID
	From, To             time.Time
	AttorneyID, MatterID *uuid.UUID
}

// Position is an entry's place in the export's order: by matter, then work date, then id.
type Position struct {
	MatterID uuid.UUID
	WorkDate time.Time
	ID       uuid.UUID
}

// Store is what the service needs from the database.
type Store interface {
	// Tx runs fn in one transaction.
	Tx(ctx context.Context, fn func(tx Tx) error) error
	// ApprovedEntries returns up to limit entries of sel after the position, in Position order.
	ApprovedEntries(ctx context.Context, sel Selection, after *Position, limit int) ([]Entry, error)
	// ApprovedValues returns each matter's billable-equivalent value in cents: the sum over its
	// entries of sel of minutes × rate_cents / 60, each rounded to the cent half away from zero.
	ApprovedValues(ctx context.Context, sel Selection) (map[uuid.UUID]int64, error)
	// FirmAttorneys returns the firm's attorneys among the emails (lower-cased), by email.
	FirmAttorneys(ctx context.Context, firmID uuid.UUID, emails []string) (map[string]uuid.UUID, error)
}

// Tx is what the service does inside a transaction.
type Tx interface {
	Audit(ctx context.Context, r audit.Record) error
}

// Row is one parsed row of an import, for the hours domain to check and record.
type Row struct {
	Line       int
	ExternalID string
	AttorneyID uuid.UUID
	MatterID   uuid.UUID
	WorkDate   time.Time
	Minutes    int
	Activity   string
	Narrative  string
	RateCents  *int
}

// Recorder records imported rows as submitted entries of the firm whose coordinator imports them,
// under the hours domain's rules (a port to the hours domain).
type Recorder interface {
	// RecordImported records every row or none. Rows whose external id the firm has already are
	// skipped; the others are checked as any entry is (the matter is the attorney's and the firm's,
	// dates within the matter and not in the future, 6-minute units, 24 hours a day). Returns the
	// counts, or the faults of the rows when any breaks a rule (and records nothing).
	RecordImported(ctx context.Context, p auth.Principal, rows []Row) (created, skipped int, faults []LineError, err error)
}
