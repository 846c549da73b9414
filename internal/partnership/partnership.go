// Package partnership owns partnerships: a law firm's commitment to a referring organisation (a
// nonprofit, public defender office or clinic), often a memorandum of understanding, naming the
// practice areas it covers, the hours it pledges a year, its dates and contacts.
//
// Who may do what:
//   - platform admins see, create, edit and delete every partnership;
//   - org admins of either side create, edit and delete their organisation's partnerships, and only
//     ones their organisation is a side of (a firm's admin names their firm as the firm, a
//     nonprofit's admin their organisation as the referrer);
//   - coordinators and staff of either side see their organisation's partnerships; attorneys see none.
//
// A partnership the caller may not see answers NotFound; one they see but may not change, Forbidden.
// A firm and a referrer have at most one partnership on any day: overlapping dates answer Conflict.
package partnership

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/etag"
)

// Partnership is a partnership as the service returns it.
type Partnership struct {
	ID           uuid.UUID
	FirmID       uuid.UUID
	FirmName     string
	ReferrerID   uuid.UUID
	ReferrerName string
	// PracticeAreas are codes, top-level ("housing") or sub-area ("housing.eviction"); empty: all.
	PracticeAreas []string
	PledgedHours  int
	// DeliveredHours are the approved hours of the firm's attorneys on the referrer's matters in
	// the partnership's practice areas, in the months of its dates; HoursLeft is what remains of
	// the pledge (never below 0), for scoring.
	DeliveredHours float64
	HoursLeft      float64
	StartsOn       time.Time  // a date, UTC midnight
	EndsOn         *time.Time // a date; nil: open-ended
	ContactName    string
	ContactEmail   string
	Notes          string
	CreatedBy      uuid.UUID
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Version counts the writes; its entity tag is the If-Match of an edit.
	Version int
}

// Organization is an organisation that can be a side of a partnership.
type Organization struct {
	ID   uuid.UUID
	Name string
	Kind auth.OrgKind
}

// Input is what an admin writes.
type Input struct {
	FirmID        uuid.UUID
	ReferrerID    uuid.UUID
	PracticeAreas []string
	PledgedHours  int
	StartsOn      time.Time
	EndsOn        *time.Time
	ContactName   string
	ContactEmail  string
	Notes         string
}

// ListFilter selects partnerships; Cursor continues a previous page (newest first).
type ListFilter struct {
	FirmID, ReferrerID *uuid.UUID
	Cursor             string
	Limit              int
}

// Service is the contract of the partnership domain.
type Service interface {
	// List returns one page of the partnerships the caller may see and the next page's cursor ("" at
	// the end). Returns Invalid for a malformed cursor.
	List(ctx context.Context, p auth.Principal, f ListFilter) ([]Partnership, string, error)
	// Create records a partnership. Returns Forbidden unless the caller is a platform admin or an
	// org admin of one of its sides, Invalid for bad input (a firm that is not a law firm, a referrer
	// that does not refer, unknown practice areas, dates out of order), Conflict when the firm and
	// referrer already have a partnership on one of its days.
	Create(ctx context.Context, p auth.Principal, in Input) (Partnership, error)
	// Get returns a partnership. Returns NotFound when the caller may not see it.
	Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Partnership, error)
	// Update replaces a partnership; its firm and referrer stay. Returns NotFound as Get, Forbidden
	// unless the caller may change it, Invalid and Conflict as Create (Invalid also for another firm
	// or referrer), and PreconditionFailed when cond does not allow the current version.
	Update(ctx context.Context, p auth.Principal, id uuid.UUID, in Input, cond etag.Condition) (Partnership, error)
	// Delete removes a partnership. Returns NotFound, Forbidden and PreconditionFailed as Update.
	Delete(ctx context.Context, p auth.Principal, id uuid.UUID, cond etag.Condition) error
	// Counterparts lists, by name, the active organisations the caller may record a partnership
	// with: referring organisations for a firm's admin, law firms for a referrer's admin, both for
	// platform admins. Returns Forbidden to anyone else.
	Counterparts(ctx context.Context, p auth.Principal) ([]Organization, error)
	// ActiveFor returns the partnerships of a referring organisation active on a day, by firm id,
	// for matching. It takes no principal: the caller has already decided who may see the referral
	// being matched.
	ActiveFor(ctx context.Context, referrerID uuid.UUID, on time.Time) (map[uuid.UUID]Partnership, error)
	// ActiveOfFirm returns the partnerships of a law firm active on a day, by referrer id, for
	// ranking referrals of many referrers for one of its attorneys. It takes no principal, as
	// ActiveFor.
	ActiveOfFirm(ctx context.Context, firmID uuid.UUID, on time.Time) (map[uuid.UUID]Partnership, error)
}

// Store is what the service needs from the database.
type Store interface {
	// Tx runs fn in one transaction.
	Tx(ctx context.Context, fn func(tx PartnershipTx) error) error
	// Partnership returns one partnership with its sides' names; NotFound when there is none.
	Partnership(ctx context.Context, id uuid.UUID) (Partnership, error)
	// Partnerships returns up to f.Limit partnerships, newest first.
	Partnerships(ctx context.Context, f StoreFilter) ([]Partnership, error)
	// ActivePartnerships returns a referrer's partnerships whose dates include day.
	ActivePartnerships(ctx context.Context, referrerID uuid.UUID, day time.Time) ([]Partnership, error)
	// ActivePartnershipsOfFirm returns a firm's partnerships whose dates include day.
	ActivePartnershipsOfFirm(ctx context.Context, firmID uuid.UUID, day time.Time) ([]Partnership, error)
	// ActiveOrganizations lists the organisations that are not deactivated, by name.
	ActiveOrganizations(ctx context.Context) ([]Organization, error)
}

// PartnershipTx is what the service does inside a transaction.
type PartnershipTx interface {
	// LockPartnership returns a partnership, locked until the transaction ends; NotFound when none.
	LockPartnership(ctx context.Context, id uuid.UUID) (Partnership, error)
	// LockPair serialises writes of one firm and referrer's partnerships until the transaction ends,
	// so two overlapping ones cannot be written at once.
	LockPair(ctx context.Context, firmID, referrerID uuid.UUID) error
	// Overlapping reports whether the firm and referrer have a partnership other than except whose
	// dates meet [startsOn, endsOn] (endsOn nil: open-ended).
	Overlapping(ctx context.Context, firmID, referrerID uuid.UUID, startsOn time.Time, endsOn *time.Time, except uuid.UUID) (bool, error)
	// OrgKinds returns the kind of each of the organisations that exist.
	OrgKinds(ctx context.Context, ids ...uuid.UUID) (map[uuid.UUID]auth.OrgKind, error)
	// SavePartnership inserts or replaces a partnership, with its version as given.
	SavePartnership(ctx context.Context, p Partnership) error
	// DeletePartnership removes a partnership.
	DeletePartnership(ctx context.Context, id uuid.UUID) error
}

// StoreFilter selects partnerships in the store. Member limits them to one organisation's (either
// side); After is the last row of the previous page.
type StoreFilter struct {
	Member, FirmID, ReferrerID *uuid.UUID
	After                      *Position
	Limit                      int
}

// Position is a row's place in the newest-first order.
type Position struct {
	CreatedAt time.Time
	ID        uuid.UUID
}

// PracticeAreas tells which practice area codes exist.
type PracticeAreas interface {
	HasPracticeArea(ctx context.Context, code string) (bool, error)
}
