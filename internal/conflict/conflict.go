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
//
// Confidentiality: a registry could be used as an oracle (add a guessed name, read the client's
// spelling back), so a hit on a referral's client shows only the firm's own entry, the roles, the
// level and the kind of match. A coordinator resolves such a hit by asking the referring
// organisation (an Inquiry): is the entry the same person, or may this coordinator learn the name?
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
	// Who added the entry; nil for entries from before this was recorded.
	CreatedBy     *uuid.UUID
	CreatedByName string
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
	// Recheck follows the re-check of the firm's open referrals that a committed import starts.
	Recheck *ImportProgress
}

// ImportProgress is how far the re-check after an import has got: queued, checking (Checked of
// ToCheck referrals) or done. Until its referral has been checked again, the firm does not see it.
type ImportProgress struct {
	ID         uuid.UUID
	Status     string
	Checked    int
	ToCheck    int
	CreatedAt  time.Time
	FinishedAt *time.Time
}

// FinishedImport is what the import-finished notification says: who imported and how many lines
// were added and rejected.
type FinishedImport struct {
	ImportedBy         *uuid.UUID
	Accepted, Rejected int
}

// EventRegistryImported is emitted when an import commits; its job re-checks the firm's open
// referrals under the registry as it now is.
const EventRegistryImported = "conflict:registry_imported"

// RegistryImported is the payload of EventRegistryImported.
type RegistryImported struct {
	ImportID uuid.UUID `json:"import_id"`
	FirmID   uuid.UUID `json:"firm_id"`
}

// MaxReportedErrors caps the rejected lines an import report lists.
const MaxReportedErrors = 1000

// Match is the kind of name match of a hit: all a hit on a referral's client says of the name.
type Match string

// The kinds of match: the same name after normalisation, or any near match.
const (
	MatchExact   Match = "exact"
	MatchSimilar Match = "similar"
)

// Hit is one registry name that matched a referral party. On a hit on the referral's client,
// PartyName is empty and PartyWithheld set unless the client's name was disclosed to the caller.
type Hit struct {
	ID            uuid.UUID
	EntryID       uuid.UUID
	EntryName     string
	EntryRole     string
	PartyName     string
	PartyRole     string
	PartyWithheld bool
	Level         Level
	Match         Match
	Reason        string
	Inquiry       *Inquiry // the latest question about a hit on the client
	ClearedAt     *time.Time
	ClearedBy     *uuid.UUID
	ClearReason   string
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

// Question is what a coordinator asks the referring organisation about a hit on its client.
type Question string

// The questions: is the firm's entry the referral's client; may the asking coordinator learn the
// client's name.
const (
	AskSamePerson   Question = "same_person"
	AskDiscloseName Question = "disclose_name"
)

// Answer is the referring organisation's answer; each question has two.
type Answer string

// The answers.
const (
	AnswerSamePerson      Answer = "same_person"
	AnswerDifferentPerson Answer = "different_person"
	AnswerDisclose        Answer = "disclose"
	AnswerDecline         Answer = "decline"
)

// answers lists the answers each question takes.
var answers = map[Question][]Answer{
	AskSamePerson:   {AnswerSamePerson, AnswerDifferentPerson},
	AskDiscloseName: {AnswerDisclose, AnswerDecline},
}

// Inquiry is a coordinator's question about a hit on a referral's client, with the firm's entry
// as it was when asked (which the referring organisation sees) and the answer once given. Who
// asked, who answered and when are kept. A disclosure is to the coordinator who asked, alone: the
// attorney who later accepts the matter sees the client through the referral, not through this.
type Inquiry struct {
	ID             uuid.UUID
	ReferralID     uuid.UUID
	HitID          uuid.UUID
	FirmName       string
	Question       Question
	EntryName      string
	EntryKind      string
	EntryAliases   []string
	AskedBy        uuid.UUID
	AskedByName    string
	AskedAt        time.Time
	Answer         Answer // "" until answered
	AnsweredBy     *uuid.UUID
	AnsweredByName string
	AnsweredAt     *time.Time
}

// Service is the contract of the conflict domain.
type Service interface {
	// Entries lists the caller's firm's registry by name, optionally only names similar to q.
	// Returns Forbidden unless the caller is a coordinator or org admin of a law firm.
	Entries(ctx context.Context, p auth.Principal, q, cursor string, limit int) (Page, error)
	// AddEntry adds one entry; errors as Entries, Invalid for a name without letters or digits, more
	// than MaxAliases aliases or an alias holding ";".
	AddEntry(ctx context.Context, p auth.Principal, e Entry) (Entry, error)
	// UpdateEntry replaces an entry's name, type, role, aliases and matter reference; who added it
	// and when stay. Open referrals the entry matched before or matches now are checked again, its
	// hits found afresh when its names, type or role changed. Errors as AddEntry, NotFound for
	// another firm's entry.
	UpdateEntry(ctx context.Context, p auth.Principal, entryID uuid.UUID, e Entry) (Entry, error)
	// DeleteEntry removes an entry; errors as Entries, NotFound for another firm's entry.
	DeleteEntry(ctx context.Context, p auth.Principal, entryID uuid.UUID) error
	// Import reads a CSV file (name,type,role,aliases,matter_ref, with a header) to a temporary file,
	// then streams it into the registry: nothing waits on the uploader while holding the database.
	// Returns Invalid, changing nothing, for a file that cannot be read as CSV or lacks the header,
	// TooLarge past MaxImportBytes, and Conflict while another import of the firm runs.
	Import(ctx context.Context, p auth.Principal, csv io.Reader, mode ImportMode) (ImportReport, error)
	// ImportProgress reads how far the re-check after one of the firm's imports has got. Forbidden
	// as Entries; NotFound for another firm's import.
	ImportProgress(ctx context.Context, p auth.Principal, importID uuid.UUID) (ImportProgress, error)
	// RecheckImport checks again, one transaction each, the firm's open referrals that an import
	// left waiting, recording progress on the import as it goes; run again, it carries on where it
	// stopped. FinishImport then marks the import done, in the caller's transaction.
	RecheckImport(ctx context.Context, e RegistryImported) error
	FinishImport(ctx context.Context, tx *store.Store, e RegistryImported) (FinishedImport, error)
	// Export writes the firm's registry to w as CSV in the layout Import reads, aliases separated by
	// ";" and cells a spreadsheet would run as formulas escaped with "'" (which Import removes).
	// Errors as Entries, returned before anything is written; a later error leaves w cut short.
	Export(ctx context.Context, p auth.Principal, w io.Writer) error
	// Run checks a referral against a firm's registry now and stores the result. firmID nil means the
	// caller's firm. Returns NotFound for a referral that is not open to firms or a firm the caller
	// may not check.
	Run(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID) (Check, error)
	// Get returns the stored check; errors as Run, NotFound if never checked.
	Get(ctx context.Context, p auth.Principal, referralID uuid.UUID, firmID *uuid.UUID) (Check, error)
	// ClearHit clears a potential hit with a reason, recording who and when. Returns Forbidden unless
	// the caller is a coordinator of the firm, NotFound for an unknown hit, Conflict for a hit that
	// is cleared already or blocking.
	ClearHit(ctx context.Context, p auth.Principal, referralID, hitID uuid.UUID, reason string) (Check, error)
	// Ask puts a question about an uncleared potential hit on the referral's client to the
	// referring organisation. Returns NotFound as Run and for an unknown hit, Forbidden unless the
	// caller is a coordinator of the firm, Conflict for a hit that is not on the client, blocking
	// or cleared, or that already has a question waiting.
	Ask(ctx context.Context, p auth.Principal, referralID, hitID uuid.UUID, q Question) (Inquiry, error)
	// Inquiries lists the firms' questions about hits their checks of the referral still have,
	// oldest first, for the referring organisation's staff. NotFound for anyone else.
	Inquiries(ctx context.Context, p auth.Principal, referralID uuid.UUID) ([]Inquiry, error)
	// AnswerInquiry records the referring organisation's answer with who and when. Returns NotFound
	// as Inquiries and for an unknown question, Invalid for an answer of the other question, Conflict
	// when it was answered already, its hit is gone or the referral is no longer open.
	AnswerInquiry(ctx context.Context, p auth.Principal, referralID, inquiryID uuid.UUID, a Answer) (Inquiry, error)
	// Pending lists the caller's firm's uncleared potential hits on open referrals, oldest first,
	// unless their check has a blocking hit. Returns Forbidden unless the caller is a coordinator or
	// org admin of a law firm, Invalid for a cursor this list did not return.
	Pending(ctx context.Context, p auth.Principal, cursor string, limit int) (PendingPage, error)
	// CheckAllFirms checks a referral against every law firm within the transaction tx.
	CheckAllFirms(ctx context.Context, tx *store.Store, referralID uuid.UUID) error
	// CheckFirm checks a referral against one firm within the transaction tx, keeping the
	// clearances of hits found before, and returns the result.
	CheckFirm(ctx context.Context, tx *store.Store, referralID, firmID uuid.UUID) (Result, error)
	// CheckOpenReferrals checks every open referral against one firm in tx, as when the firm is new.
	CheckOpenReferrals(ctx context.Context, tx *store.Store, firmID uuid.UUID) error
	// FillMatchKeys computes the match keys of registry rows written before they existed, and
	// returns how many rows it filled in. Run at start; a no-op once every row has them.
	FillMatchKeys(ctx context.Context) (int, error)
}
