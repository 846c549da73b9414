package matching

import "time"

// This file holds the engine's inputs and outputs: a referral, the attorneys who might take it, what
// the caller knows about their firms, and the candidates and failures the engine answers with.
// Evaluate (why / why not one attorney) and Rank (the eligible attorneys, best first) are in rank.go;
// the hard constraints in constraints.go, the scores in scores.go, the sentences in explain.go.

// Experience is how much an attorney has practised an area, as their profile says.
type Experience int8

// Experience levels, from the profile's attorney_practice_areas.experience.
const (
	ExperienceNone Experience = iota
	ExperienceLearning
	ExperienceSome
	ExperienceExperienced
	ExperienceExpert
)

// Window is a weekly availability window, in minutes after midnight in the attorney's zone.
type Window struct {
	Weekday    time.Weekday
	Start, End int
}

// DateRange is a range of calendar dates, both ends included; only the dates of From and To count.
type DateRange struct{ From, To time.Time }

// Referral is what matching needs of a referral: never the client's details.
type Referral struct {
	ID, OrgID string
	// PracticeArea is the referral's code, e.g. "housing.eviction"; Area is its top-level code
	// ("housing"), equal to PracticeArea when that is top-level; empty, the engine takes it from
	// PracticeArea.
	PracticeArea string
	Area         string
	// Jurisdiction is a state code or a federal district's own code ("US-NYSD").
	Jurisdiction   string
	Language       string    // "" when the client needs no language other than English
	Urgency        string    // routine | soon | urgent | emergency
	Deadline       time.Time // a date; zero: none (the engine then looks 30 days ahead)
	EstimatedHours float64   // 0: unknown (the engine assumes 10)
	RemoteAllowed  bool      // false: the client must be met in person
	MentoredOK     bool      // an attorney still learning the area may take it with a mentor of their firm
	// Names are the display names of the codes above (areas, jurisdiction, language), for the
	// explanations; a code without one is shown as itself.
	Names map[string]string
}

// named is code's display name, or code when it has none.
func (r *Referral) named(code string) string {
	if n := r.Names[code]; n != "" {
		return n
	}
	return code
}

// Attorney is an attorney's profile and current load.
type Attorney struct {
	ID, FirmID      string
	Admissions      map[string]bool       // jurisdiction code -> admission active
	Areas           map[string]Experience // practice area code (top-level or sub-area) -> experience
	Languages       []string
	WorkMode        string // remote | in_person | either
	AcceptsMentored bool   // willing to learn an area they do not practise, under a mentor
	MaxActive       int
	Active          int
	MonthlyBudget   float64
	// HoursThisMonth is the hours committed this month (until time entries exist: the estimated hours
	// of matters started this month).
	HoursThisMonth float64
	AnnualGoal     float64
	HoursThisYear  float64
	Location       *time.Location // of the availability windows; nil is UTC
	Windows        []Window
	Blackouts      []DateRange
	RecentOffers   int // offers received in the last 30 days
}

// ConflictState is the outcome of a firm's conflict check of the referral.
type ConflictState string

// Conflict states; the zero value means the firm has not checked the referral.
const (
	ConflictNotChecked ConflictState = ""
	ConflictClear      ConflictState = "clear"
	ConflictCleared    ConflictState = "cleared"
	ConflictPotential  ConflictState = "potential"
	ConflictConflict   ConflictState = "conflict"
)

// Partnership is a firm's active partnership with the referring organisation.
type Partnership struct {
	Areas        []string // practice area codes covered; empty: all
	PledgedHours float64
	HoursLeft    float64
}

// Context is what the caller knows about the referral's relations to firms and attorneys.
type Context struct {
	Now          time.Time
	Conflicts    map[string]ConflictState   // firm id -> the firm's check of this referral
	Mentors      map[string]map[string]bool // firm id -> area code -> has an experienced or expert attorney
	Partnerships map[string]Partnership     // firm id -> partnership with the referring organisation
	Declined     map[string]bool            // ids of attorneys who declined this referral before
	// MaxRecentOffers is the busiest attorney's RecentOffers, to normalise fairness.
	MaxRecentOffers int
}

// Constraint names a hard constraint; an attorney who fails one is never proposed.
type Constraint string

// The hard constraints, in the order Rank checks them (Ranking.Excluded counts the first failed).
const (
	ConstraintBarAdmission    Constraint = "bar_admission"
	ConstraintPracticeArea    Constraint = "practice_area"
	ConstraintLanguage        Constraint = "language"
	ConstraintCapacityMatters Constraint = "capacity_matters"
	ConstraintCapacityHours   Constraint = "capacity_hours"
	ConstraintBlackout        Constraint = "blackout"
	ConstraintConflict        Constraint = "conflict"
	ConstraintDeclined        Constraint = "declined"
	ConstraintWorkMode        Constraint = "work_mode"
)

// Constraints lists every constraint in checking order.
var Constraints = [...]Constraint{
	ConstraintBarAdmission, ConstraintPracticeArea, ConstraintLanguage, ConstraintCapacityMatters,
	ConstraintCapacityHours, ConstraintBlackout, ConstraintConflict, ConstraintDeclined, ConstraintWorkMode,
}

// Failure is a failed constraint; Why is a sentence a coordinator reads. It names places, areas and
// languages by code: the API maps codes to names.
type Failure struct {
	Constraint Constraint
	Why        string
}

// Factor is one weighted score of a candidate. Name is the weight's JSON name; Value is in [0, 1].
type Factor struct {
	Name   string
	Weight float64
	Value  float64
}

// Candidate is an attorney with their score, in [0, 1], and its breakdown in the order of Weights'
// fields. Mentored: the attorney would take the referral as a learner, mentored within their firm.
type Candidate struct {
	AttorneyID, FirmID string
	Score              float64
	Mentored           bool
	Factors            [factorCount]Factor
}

// Evaluation is one attorney's candidacy: the scores, and every failed constraint (none: eligible).
type Evaluation struct {
	Candidate
	Failures []Failure
}

// Ranking is the eligible attorneys, best first, with how many attorneys each constraint excluded
// (counted by the first constraint they fail) and how many were eligible in all (beyond any limit).
type Ranking struct {
	Candidates []Candidate
	Excluded   map[Constraint]int
	Eligible   int
}
