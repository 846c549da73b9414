// Package credit owns billable-hour credit: each law firm's credit policy (versions from an
// effective date), the append-only ledger of the credit each approved time entry earned under the
// policy in force on its date, the billable hours a firm reports per fiscal year, and the Law Firm
// Pro Bono Challenge figures computed from them.
//
// Who may do what:
//   - coordinators and org admins of a law firm record its policy versions and billable hours, and
//     see the firm's credit and every one of its attorneys';
//   - an attorney sees their own credit and ledger, and their firm's policies;
//   - platform admins see everything and may record for any firm (naming it).
//
// Another organisation's firm or attorney answers NotFound; the firm's own members without the
// role, Forbidden. A policy is never edited: a change is a new version from its effective date, and
// credit already granted keeps the version it was granted under.
package credit

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/etag"
)

// Activities are what time is logged for. Training and supervision are governed by their own
// switches of a policy, the others by its list of eligible activities.
var Activities = []string{"client_meeting", "research", "drafting", "court_appearance", "travel", "administrative"}

// The activities with switches of their own.
const (
	Training    = "training"
	Supervision = "supervision"
)

// Matter eligibility: every matter earns credit, or only matters for clients of limited means
// (at or below LimitedMeansPercent of the poverty guideline).
const (
	AllMatters          = "all"
	LimitedMeansMatters = "limited_means"
	LimitedMeansPercent = 200
)

// Challenge measures: pro bono hours as a share of billable hours, or per attorney.
const (
	MeasurePercentage  = "percentage"
	MeasurePerAttorney = "per_attorney"
)

// ChallengeMarks are the Law Firm Pro Bono Challenge's levels for each measure: 3% and 5% of
// billable hours, or 60 and 100 hours per attorney.
var ChallengeMarks = map[string][]float64{MeasurePercentage: {3, 5}, MeasurePerAttorney: {60, 100}}

// ActiveHoursMark is the hours an attorney gives in a year to count among the firm's active
// participants.
const ActiveHoursMark = 20

// Policy is one version of a firm's credit policy, in force from EffectiveFrom until the next
// version's date.
type Policy struct {
	ID            uuid.UUID
	FirmID        uuid.UUID
	EffectiveFrom time.Time // a date, UTC midnight
	// FiscalYearStartMonth is the month (1-12) the firm's fiscal year starts on the first of. A
	// fiscal year is named after the calendar year it ends in.
	FiscalYearStartMonth int
	// AnnualCap is the creditable hours per attorney per fiscal year; nil: no cap.
	AnnualCap *Centihours
	// RatioPercent is the credit per approved hour, in hundredths (150: 1.5 credit hours an hour).
	RatioPercent       int
	EligibleActivities []string // a subset of Activities
	TrainingCounts     bool
	SupervisionCounts  bool
	MatterEligibility  string // AllMatters or LimitedMeansMatters
	ChallengeMeasure   string // MeasurePercentage or MeasurePerAttorney
	CreatedBy          uuid.UUID
	CreatedByName      string
	CreatedAt          time.Time
}

// PolicyInput is a new policy version as a coordinator writes it. FirmID is the caller's firm
// unless a platform admin names one.
type PolicyInput struct {
	FirmID               *uuid.UUID
	EffectiveFrom        time.Time
	FiscalYearStartMonth int
	AnnualCapHours       *float64
	CreditRatio          float64
	EligibleActivities   []string
	TrainingCounts       bool
	SupervisionCounts    bool
	MatterEligibility    string
	ChallengeMeasure     string
}

// BillableHours is what a firm reports for a fiscal year for the Challenge: its client-paying
// billable hours and how many attorneys it counts.
type BillableHours struct {
	FirmID     uuid.UUID
	FiscalYear int
	Hours      Centihours // entered in tenths
	Attorneys  int
	UpdatedBy  uuid.UUID
	UpdatedAt  time.Time
	Version    int
}

// BillableHoursInput is what the coordinator enters.
type BillableHoursInput struct {
	Hours     float64
	Attorneys int
}

// Centihours are hundredths of an hour, the ledger's precision for credited hours.
type Centihours int64

// Hours is c in hours.
func (c Centihours) Hours() float64 { return float64(c) / 100 }

// minutesToCentihours converts approved minutes (multiples of 6) to hundredths of an hour exactly.
func minutesToCentihours(minutes int) Centihours { return Centihours(minutes) * 10 / 6 }

// Approved is a time entry just approved, as the hours domain hands it over in the approving
// transaction. Minutes are negative for an entry that corrects (AdjustsID) an approved one.
type Approved struct {
	EntryID, AttorneyID, FirmID, MatterID uuid.UUID
	WorkDate                              time.Time
	Minutes                               int
	Activity                              string
	AdjustsID                             *uuid.UUID
}

// LedgerRow is the credit one approved entry earned: never changed once written.
type LedgerRow struct {
	ID         int64
	EntryID    uuid.UUID
	AttorneyID uuid.UUID
	FirmID     uuid.UUID
	PolicyID   *uuid.UUID // nil when no policy was in force
	FiscalYear int
	WorkDate   time.Time
	Hours      Centihours // the entry's hours (a multiple of 10)
	Credited   Centihours
	CapApplied bool
	Reason     string
	CreatedAt  time.Time
}

// Period is a fiscal year: its name and its days, StartsOn to EndsOn inclusive.
type Period struct {
	FiscalYear       int
	StartsOn, EndsOn time.Time
}

// Month is the hours of one calendar month.
type Month struct {
	Month    time.Time // the first of the month
	Hours    Centihours
	Credited Centihours
}

// AreaHours is the approved hours of one practice area.
type AreaHours struct {
	PracticeArea string
	Hours        Centihours
}

// AttorneyCredit is one attorney's fiscal year.
type AttorneyCredit struct {
	AttorneyID, FirmID uuid.UUID
	AttorneyName       string
	Period
	Approved, Credited Centihours
	// AnnualCap is the cap of the policy in force (nil: no cap), Remaining what is left of it.
	AnnualCap, Remaining *Centihours
	AnnualGoalHours      int
	// GoalProgress is the approved hours as a fraction of the goal; nil without a goal.
	GoalProgress *float64
	ByMonth      []Month
	ByArea       []AreaHours
}

// Challenge is the firm's standing in the Law Firm Pro Bono Challenge for a fiscal year.
type Challenge struct {
	Measure string
	// BillableHours and Attorneys are what the firm entered; nil until it does.
	BillableHours *Centihours
	Attorneys     *int
	ProBono       Centihours
	// Percentage is pro bono hours per 100 billable hours; nil without billable hours.
	Percentage *float64
	// PerAttorney is pro bono hours per attorney (the entered count, else the platform's); nil
	// without attorneys.
	PerAttorney *float64
	Marks       []float64
	// MetMark is the highest mark the firm's measure reaches; nil when it reaches none.
	MetMark *float64
	// ShareActive is the share of the firm's attorneys on the platform with ActiveHoursMark hours
	// or more; nil without attorneys.
	ShareActive *float64
}

// FirmCredit is a firm's fiscal year.
type FirmCredit struct {
	FirmID   uuid.UUID
	FirmName string
	Period
	Approved, Credited Centihours
	Attorneys          []AttorneyCredit // without ByMonth and ByArea, by name
	ByMonth            []Month
	ByArea             []AreaHours
	Challenge          Challenge
}

// LedgerFilter selects ledger rows; Cursor continues a previous page (newest first).
type LedgerFilter struct {
	AttorneyID *uuid.UUID
	FiscalYear *int
	Cursor     string
	Limit      int
}

// Service is the contract of the credit domain.
type Service interface {
	// Policies lists the caller's firm's policy versions, newest effective date first; a platform
	// admin names the firm. Callers outside a law firm get none.
	Policies(ctx context.Context, p auth.Principal, firmID *uuid.UUID) ([]Policy, error)
	// CreatePolicy records a new version. Returns Forbidden unless the caller is a coordinator or
	// org admin of a law firm (or a platform admin), NotFound for another organisation's firm,
	// Invalid for bad input, Conflict when the firm already has a version from that date.
	CreatePolicy(ctx context.Context, p auth.Principal, in PolicyInput) (Policy, error)
	// SetBillableHours records a firm's billable hours for a fiscal year. Returns NotFound for
	// another organisation's firm (or one that is not a law firm), Forbidden to its members without
	// the role, Invalid for bad input, PreconditionFailed when cond does not allow the version.
	SetBillableHours(ctx context.Context, p auth.Principal, firmID uuid.UUID, year int, in BillableHoursInput, cond etag.Condition) (BillableHours, error)
	// Attorney returns an attorney's fiscal year (the current one when year is nil). Returns
	// NotFound unless the caller is the attorney, a coordinator or org admin of their firm, or a
	// platform admin.
	Attorney(ctx context.Context, p auth.Principal, attorneyID uuid.UUID, year *int) (AttorneyCredit, error)
	// Firm returns a firm's fiscal year. Returns NotFound for another organisation's firm,
	// Forbidden to its members without the role.
	Firm(ctx context.Context, p auth.Principal, firmID uuid.UUID, year *int) (FirmCredit, error)
	// Ledger returns one page of the ledger rows the caller may see (their own; their firm's for
	// coordinators and org admins; all for platform admins) and the next page's cursor. Returns
	// Invalid for a malformed cursor.
	Ledger(ctx context.Context, p auth.Principal, f LedgerFilter) ([]LedgerRow, string, error)
}

// Attorney is an attorney of a law firm on the platform.
type Attorney struct {
	ID, FirmID      uuid.UUID
	Name            string
	AnnualGoalHours int
}

// Firm is a law firm.
type Firm struct {
	ID   uuid.UUID
	Name string
}

// Store is what the service needs from the database.
type Store interface {
	// Tx runs fn in one transaction.
	Tx(ctx context.Context, fn func(tx CreditTx) error) error
	// CreditPolicies returns the firms' policy versions, newest effective date first.
	CreditPolicies(ctx context.Context, firmIDs ...uuid.UUID) ([]Policy, error)
	// LawFirm returns an organisation that is a law firm; NotFound otherwise.
	LawFirm(ctx context.Context, id uuid.UUID) (Firm, error)
	// FirmAttorney returns an attorney member of a law firm; NotFound for anyone else.
	FirmAttorney(ctx context.Context, id uuid.UUID) (Attorney, error)
	// FirmAttorneys returns a firm's attorneys, by name.
	FirmAttorneys(ctx context.Context, firmID uuid.UUID) ([]Attorney, error)
	// LedgerMonths sums a firm's ledger rows of a fiscal year by attorney (one, when attorneyID is
	// set) and month.
	LedgerMonths(ctx context.Context, firmID uuid.UUID, attorneyID *uuid.UUID, fiscalYear int) ([]AttorneyMonth, error)
	// AreaHours sums approved hours by practice area over [from, to), one attorney's when set.
	AreaHours(ctx context.Context, firmID uuid.UUID, attorneyID *uuid.UUID, from, to time.Time) ([]AreaHours, error)
	// BillableHours returns what the firm entered for a fiscal year; NotFound when nothing.
	BillableHours(ctx context.Context, firmID uuid.UUID, year int) (BillableHours, error)
	// LedgerPage returns up to f.Limit ledger rows, newest first.
	LedgerPage(ctx context.Context, f LedgerQuery) ([]LedgerRow, error)
}

// AttorneyMonth is one attorney's ledger sums for a month.
type AttorneyMonth struct {
	AttorneyID uuid.UUID
	Month
}

// LedgerQuery selects ledger rows in the store: FirmID limits them to a firm's, AttorneyID to an
// attorney's; BeforeID is the last row of the previous page.
type LedgerQuery struct {
	FirmID, AttorneyID *uuid.UUID
	FiscalYear         *int
	BeforeID           *int64
	Limit              int
}

// CreditTx is what the service does inside a transaction.
type CreditTx interface {
	// SaveCreditPolicy inserts a policy version; Conflict when the firm has one from that date.
	SaveCreditPolicy(ctx context.Context, p Policy) error
	// LockBillableHours returns what the firm entered for the year, locked until the transaction
	// ends; NotFound when nothing (the year is then locked against a parallel first entry).
	LockBillableHours(ctx context.Context, firmID uuid.UUID, year int) (BillableHours, error)
	// SaveBillableHours inserts or replaces a firm's year, with the version as given.
	SaveBillableHours(ctx context.Context, b BillableHours) error
	// Audit appends to the audit trail; call it last.
	Audit(ctx context.Context, r audit.Record) error
}

// YearKey is one attorney's fiscal year at one firm: what the annual cap counts over.
type YearKey struct {
	AttorneyID, FirmID uuid.UUID
	FiscalYear         int
}

// Granted is the credit an approved entry earned, with what the entries adjusting it took back.
type Granted struct {
	LedgerRow
	// RatioPercent is the ratio of the policy it was granted under (0 without one).
	RatioPercent int
	// Reversed are the hours and credit of the negative entries adjusting it so far (both <= 0).
	ReversedHours, ReversedCredit Centihours
}

// LedgerTx is what writing the ledger needs, inside the approving transaction.
type LedgerTx interface {
	// CreditPolicies returns the firms' policy versions, newest effective date first.
	CreditPolicies(ctx context.Context, firmIDs ...uuid.UUID) ([]Policy, error)
	// LockCreditYears serialises the ledger writes of each attorney's fiscal year until the
	// transaction ends, taking the locks in the order given.
	LockCreditYears(ctx context.Context, keys []YearKey) error
	// CreditedHours sums the credit granted so far in each fiscal year.
	CreditedHours(ctx context.Context, keys []YearKey) (map[YearKey]Centihours, error)
	// PovertyPercents returns each matter's client's income as a percentage of the poverty guideline.
	PovertyPercents(ctx context.Context, matterIDs []uuid.UUID) (map[uuid.UUID]float64, error)
	// GrantedCredit returns the ledger rows of the entries, with what adjusting entries took back.
	GrantedCredit(ctx context.Context, entryIDs []uuid.UUID) (map[uuid.UUID]Granted, error)
	// AppendLedger inserts the rows; Conflict when an entry already has one.
	AppendLedger(ctx context.Context, rows []LedgerRow) error
}
