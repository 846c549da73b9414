// Package attorney owns volunteer attorneys' profiles: bar admissions, practice areas with
// experience, languages, availability, capacity and goals.
//
// Who may do what: an attorney reads and edits their own profile; their firm's coordinators read and
// edit every attorney of the firm, and its org admins read them. Nobody outside the firm reads them
// (the matching engine reads them without a caller). Outside the firm a profile answers NotFound.
package attorney

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/etag"
)

// Experience is how much an attorney knows of a practice area.
type Experience string

// The experience levels, from none (but willing to learn) to expert.
const (
	Learning    Experience = "learning"
	Some        Experience = "some"
	Experienced Experience = "experienced"
	Expert      Experience = "expert"
)

// BarAdmission is a licence to practise in one jurisdiction.
type BarAdmission struct {
	Jurisdiction string
	BarNumber    string
	Active       bool
	AdmittedOn   time.Time
}

// PracticeArea is an area the attorney takes matters in, with their experience of it.
type PracticeArea struct {
	Code       string
	Experience Experience
}

// Window is a weekly time range in which the attorney can work, in their time zone.
type Window struct {
	Weekday  time.Weekday
	Start    string // "HH:MM"
	End      string // "HH:MM", or "24:00"
	TimeZone string
}

// DateRange is a range of days, both ends included.
type DateRange struct {
	Start, End time.Time
}

// WorkMode says whether the attorney works remotely, in person, or either.
type WorkMode string

// Profile is everything matching needs to know about an attorney.
type Profile struct {
	BarAdmissions     []BarAdmission
	PracticeAreas     []PracticeArea
	Languages         []string
	Availability      []Window
	Blackouts         []DateRange
	MonthlyHourBudget int
	MaxActiveMatters  int
	AnnualGoalHours   int
	WorkMode          WorkMode
	AcceptsMentored   bool
}

// Attorney is a profile with whom it belongs to.
type Attorney struct {
	UserID uuid.UUID
	Name   string
	Email  string
	Profile
	// UpdatedAt is nil until the profile is first saved; until then it holds defaults.
	UpdatedAt *time.Time
	// Version counts the profile's saves, 0 before the first; its entity tag is a save's If-Match.
	Version int
}

// DefaultProfile is what a new attorney starts with: a modest commitment and no restrictions.
var DefaultProfile = Profile{MonthlyHourBudget: 10, MaxActiveMatters: 2, AnnualGoalHours: 50, WorkMode: "either"}

// Service is the contract of the attorney domain.
type Service interface {
	// List returns the firm's attorneys to its coordinators and org admins, and an attorney's own
	// profile to them. Returns Forbidden to everyone else.
	List(ctx context.Context, p auth.Principal) ([]Attorney, error)
	// Get returns one attorney. Returns NotFound outside the attorney's firm or for a user who is not
	// an attorney, Forbidden within the firm for callers other than the attorney, coordinators and org admins.
	Get(ctx context.Context, p auth.Principal, userID uuid.UUID) (Attorney, error)
	// Put replaces the profile. Returns NotFound and Forbidden as Get (org admins may not edit), and
	// Invalid, naming each field at fault, for unknown codes, bad times or time zones and duplicates.
	// With an If-Match condition, returns PreconditionFailed when someone else's save came first.
	Put(ctx context.Context, p auth.Principal, userID uuid.UUID, profile Profile, cond etag.Condition) (Attorney, error)
}
