package partnership

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/problem"
)

// NewService returns the partnership service.
func NewService(db Store, areas PracticeAreas) Service {
	return &service{db: db, areas: areas, now: time.Now}
}

type service struct {
	db    Store
	areas PracticeAreas
	now   func() time.Time
}

var (
	errNotFound         = problem.New(problem.NotFound, "Partnership not found.")
	errChangedMeanwhile = problem.New(problem.PreconditionFailed, "Someone else changed this partnership after you opened it. Reload it to see their changes, then make yours again.")
	errOverlap          = &problem.Error{Kind: problem.Conflict,
		Detail: "This firm and organization already have a partnership on some of these days; edit that one or choose other dates.",
		Fields: []problem.FieldError{problem.Field("starts_on", "overlaps another partnership of this firm and organization")}}
)

// sortName names the one order of the list in its cursors.
const sortName = "partnerships"

// reads reports whether the caller's role sees their organisation's partnerships.
func reads(p auth.Principal) bool {
	switch p.Role {
	case auth.RoleOrgAdmin, auth.RoleCoordinator, auth.RoleNonprofitStaff:
		return true
	}
	return false
}

// sees reports whether the caller may see a partnership between these organisations.
func sees(p auth.Principal, firmID, referrerID uuid.UUID) bool {
	return p.IsPlatformAdmin() || (reads(p) && (p.OrgID == firmID || p.OrgID == referrerID))
}

// writes reports whether the caller may record a partnership between these organisations.
func writes(p auth.Principal, firmID, referrerID uuid.UUID) bool {
	return p.IsPlatformAdmin() || (p.Role == auth.RoleOrgAdmin && (p.OrgID == firmID || p.OrgID == referrerID))
}

var errForbidden = problem.New(problem.Forbidden, "Only platform admins and the org admins of a partnership's firm or organization may record or change it.")

func (s *service) List(ctx context.Context, p auth.Principal, f ListFilter) ([]Partnership, string, error) {
	if f.Limit <= 0 {
		f.Limit = 25
	}
	filter := StoreFilter{FirmID: f.FirmID, ReferrerID: f.ReferrerID, Limit: f.Limit + 1} // one more tells whether there is a next page
	if f.Cursor != "" {
		at, err := cursor.DecodePosition(f.Cursor, sortName)
		if err != nil {
			return nil, "", err
		}
		filter.After = &Position{CreatedAt: at.At, ID: at.ID}
	}
	switch {
	case p.IsPlatformAdmin():
	case reads(p):
		filter.Member = &p.OrgID
	default:
		return []Partnership{}, "", nil
	}
	rows, err := s.db.Partnerships(ctx, filter)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		last := rows[f.Limit-1]
		next = cursor.EncodePosition(sortName, cursor.Position{At: last.CreatedAt, ID: last.ID})
	}
	return rows, next, nil
}

func (s *service) Get(ctx context.Context, p auth.Principal, id uuid.UUID) (Partnership, error) {
	row, err := s.db.Partnership(ctx, id)
	if problem.Is(err, problem.NotFound) || (err == nil && !sees(p, row.FirmID, row.ReferrerID)) {
		return Partnership{}, errNotFound
	}
	return row, err
}

func (s *service) Create(ctx context.Context, p auth.Principal, in Input) (Partnership, error) {
	if !writes(p, in.FirmID, in.ReferrerID) {
		return Partnership{}, errForbidden
	}
	row, err := s.validated(ctx, in)
	if err != nil {
		return Partnership{}, err
	}
	row.ID, row.CreatedBy, row.Version = uuid.New(), p.UserID, 1
	err = s.db.Tx(ctx, func(tx PartnershipTx) error {
		if err := s.checkSides(ctx, tx, row); err != nil {
			return err
		}
		return tx.SavePartnership(ctx, row)
	})
	if err != nil {
		return Partnership{}, err
	}
	return s.Get(ctx, p, row.ID)
}

func (s *service) Update(ctx context.Context, p auth.Principal, id uuid.UUID, in Input, cond etag.Condition) (Partnership, error) {
	updated, err := s.validated(ctx, in)
	if err != nil {
		return Partnership{}, err
	}
	err = s.db.Tx(ctx, func(tx PartnershipTx) error {
		row, err := s.own(ctx, tx, p, id, cond)
		if err != nil {
			return err
		}
		// Moving a partnership to other organisations would take it from one of its sides.
		var fields []problem.FieldError
		if updated.FirmID != row.FirmID {
			fields = append(fields, problem.Field("firm_id", "cannot change: record a new partnership instead"))
		}
		if updated.ReferrerID != row.ReferrerID {
			fields = append(fields, problem.Field("referrer_id", "cannot change: record a new partnership instead"))
		}
		if len(fields) > 0 {
			return problem.Validation(fields...)
		}
		updated.ID, updated.CreatedBy, updated.CreatedAt, updated.Version = row.ID, row.CreatedBy, row.CreatedAt, row.Version+1
		if err := s.checkSides(ctx, tx, updated); err != nil {
			return err
		}
		return tx.SavePartnership(ctx, updated)
	})
	if err != nil {
		return Partnership{}, err
	}
	return s.Get(ctx, p, id)
}

func (s *service) Delete(ctx context.Context, p auth.Principal, id uuid.UUID, cond etag.Condition) error {
	return s.db.Tx(ctx, func(tx PartnershipTx) error {
		if _, err := s.own(ctx, tx, p, id, cond); err != nil {
			return err
		}
		return tx.DeletePartnership(ctx, id)
	})
}

func (s *service) Counterparts(ctx context.Context, p auth.Principal) ([]Organization, error) {
	if !p.IsPlatformAdmin() && p.Role != auth.RoleOrgAdmin {
		return nil, errForbidden
	}
	orgs, err := s.db.ActiveOrganizations(ctx)
	if err != nil {
		return nil, err
	}
	out := []Organization{}
	for _, o := range orgs {
		firm, referrer := o.Kind == auth.KindLawFirm, refers(o.Kind)
		switch {
		case p.IsPlatformAdmin() && (firm || referrer),
			p.OrgKind == auth.KindLawFirm && referrer,
			refers(p.OrgKind) && firm:
			out = append(out, o)
		}
	}
	return out, nil
}

// refers reports whether organisations of a kind refer matters to firms.
func refers(kind auth.OrgKind) bool {
	return kind == auth.KindNonprofit || kind == auth.KindPublicDefender || kind == auth.KindClinic
}

func (s *service) ActiveFor(ctx context.Context, referrerID uuid.UUID, on time.Time) (map[uuid.UUID]Partnership, error) {
	rows, err := s.db.ActivePartnerships(ctx, referrerID, dateOf(on))
	return byID(rows, func(p Partnership) uuid.UUID { return p.FirmID }), err
}

func (s *service) ActiveOfFirm(ctx context.Context, firmID uuid.UUID, on time.Time) (map[uuid.UUID]Partnership, error) {
	rows, err := s.db.ActivePartnershipsOfFirm(ctx, firmID, dateOf(on))
	return byID(rows, func(p Partnership) uuid.UUID { return p.ReferrerID }), err
}

// byID keys partnerships of one side by their other side: a pair has one partnership on a day.
func byID(rows []Partnership, other func(Partnership) uuid.UUID) map[uuid.UUID]Partnership {
	out := make(map[uuid.UUID]Partnership, len(rows))
	for _, r := range rows {
		out[other(r)] = r
	}
	return out
}

// own locks a partnership for a write: NotFound if the caller cannot see it, Forbidden if they may
// not change it, PreconditionFailed if cond does not allow its version.
func (s *service) own(ctx context.Context, tx PartnershipTx, p auth.Principal, id uuid.UUID, cond etag.Condition) (Partnership, error) {
	row, err := tx.LockPartnership(ctx, id)
	if problem.Is(err, problem.NotFound) || (err == nil && !sees(p, row.FirmID, row.ReferrerID)) {
		return row, errNotFound
	}
	if err != nil {
		return row, err
	}
	if !writes(p, row.FirmID, row.ReferrerID) {
		return row, errForbidden
	}
	if !cond.Allows(row.Version) {
		return row, errChangedMeanwhile
	}
	return row, nil
}

// checkSides checks what needs the database: the kinds of the two organisations, and that the pair
// has no other partnership on these days (under the pair's lock, so parallel writes cannot both pass).
func (s *service) checkSides(ctx context.Context, tx PartnershipTx, row Partnership) error {
	kinds, err := tx.OrgKinds(ctx, row.FirmID, row.ReferrerID)
	if err != nil {
		return err
	}
	var fields []problem.FieldError
	if kinds[row.FirmID] != auth.KindLawFirm {
		fields = append(fields, problem.Field("firm_id", "is not a law firm"))
	}
	if !refers(kinds[row.ReferrerID]) {
		fields = append(fields, problem.Field("referrer_id", "is not a nonprofit, public defender office or clinic"))
	}
	if len(fields) > 0 {
		return problem.Validation(fields...)
	}
	if err := tx.LockPair(ctx, row.FirmID, row.ReferrerID); err != nil {
		return err
	}
	overlap, err := tx.Overlapping(ctx, row.FirmID, row.ReferrerID, row.StartsOn, row.EndsOn, row.ID)
	if err != nil {
		return err
	}
	if overlap {
		return errOverlap
	}
	return nil
}

// maxPledgedHours bounds a pledge (the column's check).
const maxPledgedHours = 100000

// validated checks what the API schema cannot and returns the row to write, without id or version.
func (s *service) validated(ctx context.Context, in Input) (Partnership, error) {
	var fields []problem.FieldError
	seen := map[string]bool{}
	for i, code := range in.PracticeAreas {
		field := fmt.Sprintf("practice_areas[%d]", i)
		known, err := s.areas.HasPracticeArea(ctx, code)
		switch {
		case err != nil:
			return Partnership{}, err
		case !known:
			fields = append(fields, problem.Field(field, "is not a known practice area"))
		case seen[code]:
			fields = append(fields, problem.Field(field, "is listed twice"))
		}
		seen[code] = true
	}
	if in.FirmID == in.ReferrerID {
		fields = append(fields, problem.Field("referrer_id", "must be another organization than the firm"))
	}
	if in.PledgedHours < 0 || in.PledgedHours > maxPledgedHours {
		fields = append(fields, problem.Field("pledged_hours", fmt.Sprintf("must be between 0 and %d", maxPledgedHours)))
	}
	startsOn := dateOf(in.StartsOn)
	var endsOn *time.Time
	if in.EndsOn != nil {
		d := dateOf(*in.EndsOn)
		endsOn = &d
		if d.Before(startsOn) {
			fields = append(fields, problem.Field("ends_on", "is before the start date"))
		}
	}
	email := strings.TrimSpace(in.ContactEmail)
	if email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			fields = append(fields, problem.Field("contact_email", "is not an email address"))
		}
	}
	if len(fields) > 0 {
		return Partnership{}, problem.Validation(fields...)
	}
	areas := in.PracticeAreas
	if areas == nil {
		areas = []string{}
	}
	return Partnership{
		FirmID: in.FirmID, ReferrerID: in.ReferrerID, PracticeAreas: areas, PledgedHours: in.PledgedHours,
		StartsOn: startsOn, EndsOn: endsOn, ContactName: strings.TrimSpace(in.ContactName), ContactEmail: email,
		Notes: strings.TrimSpace(in.Notes),
	}, nil
}

// dateOf is the calendar day of t, as UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
