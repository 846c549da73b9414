package attorney

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/reference"
	"github.com/probono-match/probono/internal/store"
)

// Store is what the attorney service reads from the database, and its transactions; the store
// provides it.
type Store interface {
	Tx(ctx context.Context, fn func(tx AttorneyTx) error) error
	AttorneyProfileByUser(ctx context.Context, userID uuid.UUID) (store.AttorneyProfile, error)
}

// AttorneyTx is what the attorney service does inside a transaction.
type AttorneyTx interface {
	LockAttorneyProfileVersion(ctx context.Context, userID uuid.UUID) (int, error)
	ReplaceAttorneyProfile(ctx context.Context, p store.AttorneyProfile) error
}

// Accounts reads the accounts attorneys' profiles belong to; the auth domain's service answers it.
type Accounts interface {
	Account(ctx context.Context, userID uuid.UUID) (auth.Account, error)
	OrgAccounts(ctx context.Context, orgID uuid.UUID) ([]auth.Account, error)
}

// NewService returns the attorney service.
func NewService(db Store, accounts Accounts, ref *reference.Service) Service {
	return &service{db: db, accounts: accounts, ref: ref}
}

type service struct {
	db       Store
	accounts Accounts
	ref      *reference.Service
}

var errNotFound = problem.New(problem.NotFound, "Attorney not found.")

// target loads an attorney the caller may read: themselves, or one of their firm's attorneys for
// its coordinators and org admins.
func (s *service) target(ctx context.Context, p auth.Principal, userID uuid.UUID) (auth.Account, error) {
	a, err := s.accounts.Account(ctx, userID)
	if problem.Is(err, problem.NotFound) || (err == nil && (a.OrgID != p.OrgID || a.Role != auth.RoleAttorney)) {
		return a, errNotFound
	}
	if err != nil {
		return a, err
	}
	if p.UserID != userID && p.Role != auth.RoleCoordinator && p.Role != auth.RoleOrgAdmin {
		return a, problem.New(problem.Forbidden, "Only the attorney and their firm's coordinators may see this profile.")
	}
	return a, nil
}

func (s *service) List(ctx context.Context, p auth.Principal) ([]Attorney, error) {
	switch p.Role {
	case auth.RoleAttorney:
		a, err := s.Get(ctx, p, p.UserID)
		return []Attorney{a}, err
	case auth.RoleCoordinator, auth.RoleOrgAdmin:
		if p.OrgKind != auth.KindLawFirm {
			break
		}
		accounts, err := s.accounts.OrgAccounts(ctx, p.OrgID)
		if err != nil {
			return nil, err
		}
		out := []Attorney{}
		for _, a := range accounts {
			if a.Role != auth.RoleAttorney {
				continue
			}
			att, err := s.load(ctx, a)
			if err != nil {
				return nil, err
			}
			out = append(out, att)
		}
		return out, nil
	}
	return nil, problem.New(problem.Forbidden, "Only law firm members may list attorneys.")
}

func (s *service) Get(ctx context.Context, p auth.Principal, userID uuid.UUID) (Attorney, error) {
	a, err := s.target(ctx, p, userID)
	if err != nil {
		return Attorney{}, err
	}
	return s.load(ctx, a)
}

// load returns the attorney's saved profile, or the defaults if they have none yet.
func (s *service) load(ctx context.Context, a auth.Account) (Attorney, error) {
	att := Attorney{UserID: a.ID, Name: a.Name, Email: a.Email, Profile: DefaultProfile}
	row, err := s.db.AttorneyProfileByUser(ctx, a.ID)
	if problem.Is(err, problem.NotFound) {
		return att, nil
	}
	if err != nil {
		return att, err
	}
	att.Profile = fromRow(row)
	updated := row.UpdatedAt
	att.UpdatedAt, att.Version = &updated, row.Version
	return att, nil
}

func (s *service) Put(ctx context.Context, p auth.Principal, userID uuid.UUID, profile Profile, cond etag.Condition) (Attorney, error) {
	a, err := s.target(ctx, p, userID)
	if err != nil {
		return Attorney{}, err
	}
	if p.UserID != userID && p.Role != auth.RoleCoordinator {
		return Attorney{}, problem.New(problem.Forbidden, "Only the attorney and their firm's coordinators may edit this profile.")
	}
	catalog, err := s.ref.Catalog(ctx)
	if err != nil {
		return Attorney{}, err
	}
	if fields := validate(catalog, profile); len(fields) > 0 {
		return Attorney{}, problem.Validation(fields...)
	}
	err = s.db.Tx(ctx, func(tx AttorneyTx) error {
		version, err := tx.LockAttorneyProfileVersion(ctx, userID)
		if err != nil {
			return err
		}
		if !cond.Allows(version) {
			return problem.New(problem.PreconditionFailed, "Someone else changed this profile after you opened it. Reload it to see their changes, then make yours again.")
		}
		row := toRow(userID, profile)
		row.Version = version + 1
		return tx.ReplaceAttorneyProfile(ctx, row)
	})
	if err != nil {
		return Attorney{}, err
	}
	return s.load(ctx, a)
}

// validate checks what the API schema cannot: codes against the reference data, time zones, the
// order of times and dates, and duplicates.
func validate(c *reference.Catalog, p Profile) []problem.FieldError {
	var fields []problem.FieldError
	bad := func(format string, i int, msg string) {
		fields = append(fields, problem.Field(fmt.Sprintf(format, i), msg))
	}
	seen := map[string]bool{}
	for i, b := range p.BarAdmissions {
		if !c.HasJurisdiction(b.Jurisdiction) {
			bad("bar_admissions[%d].jurisdiction", i, "is not a known jurisdiction")
		} else if seen["bar:"+b.Jurisdiction] {
			bad("bar_admissions[%d].jurisdiction", i, "is listed twice")
		}
		seen["bar:"+b.Jurisdiction] = true
		if b.AdmittedOn.After(time.Now()) {
			bad("bar_admissions[%d].admitted_on", i, "is in the future")
		}
	}
	for i, a := range p.PracticeAreas {
		if !c.HasPracticeArea(a.Code) {
			bad("practice_areas[%d].code", i, "is not a known practice area")
		} else if seen["area:"+a.Code] {
			bad("practice_areas[%d].code", i, "is listed twice")
		}
		seen["area:"+a.Code] = true
	}
	for i, l := range p.Languages {
		if !c.HasLanguage(l) {
			bad("languages[%d]", i, "is not an ISO 639-1 language code")
		} else if seen["lang:"+l] {
			bad("languages[%d]", i, "is listed twice")
		}
		seen["lang:"+l] = true
	}
	for i, w := range p.Availability {
		if _, err := time.LoadLocation(w.TimeZone); err != nil || w.TimeZone == "Local" {
			bad("availability[%d].time_zone", i, "is not an IANA time zone")
		}
		if w.End <= w.Start {
			bad("availability[%d].end", i, "must be after start")
		}
	}
	for i, d := range p.Blackouts {
		if d.End.Before(d.Start) {
			bad("blackouts[%d].end", i, "must not be before start")
		} else if j := overlapping(p.Blackouts[:i], d); j >= 0 {
			bad("blackouts[%d].start", i, fmt.Sprintf("overlaps unavailable period %d", j+1))
		}
	}
	return fields
}

// overlapping returns the index of the first well-formed period of earlier that shares a day with
// d, or -1. Profiles hold at most a hundred periods, so comparing each pair costs nothing.
func overlapping(earlier []DateRange, d DateRange) int {
	for j, e := range earlier {
		if !e.End.Before(e.Start) && !d.Start.After(e.End) && !e.Start.After(d.End) {
			return j
		}
	}
	return -1
}
