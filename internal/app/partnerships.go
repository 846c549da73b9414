package app

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/partnership"
	"github.com/probono-match/probono/internal/reference"
	"github.com/probono-match/probono/internal/store"
)

// partnershipStore is the store as the partnership domain declares it, converting rows to the
// domain's types; inside Tx it is bound to the transaction. It lives here, not in internal/store,
// because the domain imports auth, which imports the store.
type partnershipStore struct{ s *store.Store }

func (p partnershipStore) Tx(ctx context.Context, fn func(tx partnership.PartnershipTx) error) error {
	return p.s.Tx(ctx, func(tx *store.Store) error { return fn(partnershipStore{tx}) })
}

func (p partnershipStore) Partnership(ctx context.Context, id uuid.UUID) (partnership.Partnership, error) {
	r, err := p.s.PartnershipByID(ctx, id)
	return toDomainPartnership(r), err
}

func (p partnershipStore) LockPartnership(ctx context.Context, id uuid.UUID) (partnership.Partnership, error) {
	r, err := p.s.LockPartnership(ctx, id)
	return toDomainPartnership(r), err
}

func (p partnershipStore) Partnerships(ctx context.Context, f partnership.StoreFilter) ([]partnership.Partnership, error) {
	filter := store.PartnershipFilter{Member: f.Member, FirmID: f.FirmID, ReferrerID: f.ReferrerID, Limit: f.Limit}
	if f.After != nil {
		filter.AfterCreated, filter.AfterID = &f.After.CreatedAt, f.After.ID
	}
	rows, err := p.s.ListPartnerships(ctx, filter)
	return mapRows(rows, toDomainPartnership), err
}

func (p partnershipStore) ActivePartnerships(ctx context.Context, referrerID uuid.UUID, day time.Time) ([]partnership.Partnership, error) {
	rows, err := p.s.ActivePartnerships(ctx, referrerID, day)
	return mapRows(rows, toDomainPartnership), err
}

func (p partnershipStore) ActivePartnershipsOfFirm(ctx context.Context, firmID uuid.UUID, day time.Time) ([]partnership.Partnership, error) {
	rows, err := p.s.ActivePartnershipsOfFirm(ctx, firmID, day)
	return mapRows(rows, toDomainPartnership), err
}

func (p partnershipStore) ActiveOrganizations(ctx context.Context) ([]partnership.Organization, error) {
	orgs, err := p.s.Organizations(ctx)
	out := make([]partnership.Organization, 0, len(orgs))
	for _, o := range orgs {
		if o.DeactivatedAt == nil {
			out = append(out, partnership.Organization{ID: o.ID, Name: o.Name, Kind: auth.OrgKind(o.Kind)})
		}
	}
	return out, err
}

func (p partnershipStore) LockPair(ctx context.Context, firmID, referrerID uuid.UUID) error {
	return p.s.LockPartnershipPair(ctx, firmID, referrerID)
}

func (p partnershipStore) Overlapping(ctx context.Context, firmID, referrerID uuid.UUID, startsOn time.Time, endsOn *time.Time, except uuid.UUID) (bool, error) {
	return p.s.PartnershipOverlaps(ctx, firmID, referrerID, startsOn, endsOn, except)
}

func (p partnershipStore) OrgKinds(ctx context.Context, ids ...uuid.UUID) (map[uuid.UUID]auth.OrgKind, error) {
	kinds, err := p.s.OrganizationKinds(ctx, ids)
	out := make(map[uuid.UUID]auth.OrgKind, len(kinds))
	for id, k := range kinds {
		out[id] = auth.OrgKind(k)
	}
	return out, err
}

func (p partnershipStore) SavePartnership(ctx context.Context, in partnership.Partnership) error {
	row := store.Partnership{
		ID: in.ID, FirmID: in.FirmID, ReferrerID: in.ReferrerID, PracticeAreas: pq.StringArray(in.PracticeAreas),
		PledgedHours: in.PledgedHours, StartsOn: in.StartsOn, EndsOn: in.EndsOn, ContactName: in.ContactName,
		ContactEmail: in.ContactEmail, Notes: in.Notes, CreatedBy: in.CreatedBy, CreatedAt: in.CreatedAt, Version: in.Version,
	}
	return p.s.SavePartnership(ctx, &row)
}

func (p partnershipStore) DeletePartnership(ctx context.Context, id uuid.UUID) error {
	return p.s.DeletePartnership(ctx, id)
}

func toDomainPartnership(r store.Partnership) partnership.Partnership {
	delivered := float64(r.DeliveredMinutes) / 60
	areas := []string(r.PracticeAreas)
	if areas == nil {
		areas = []string{}
	}
	var endsOn *time.Time
	if r.EndsOn != nil {
		d := r.EndsOn.UTC()
		endsOn = &d
	}
	return partnership.Partnership{
		ID: r.ID, FirmID: r.FirmID, FirmName: r.FirmName, ReferrerID: r.ReferrerID, ReferrerName: r.ReferrerName,
		PracticeAreas: areas, PledgedHours: r.PledgedHours, DeliveredHours: delivered,
		HoursLeft: max(0, float64(r.PledgedHours)-delivered),
		StartsOn:  r.StartsOn.UTC(), EndsOn: endsOn, ContactName: r.ContactName, ContactEmail: r.ContactEmail,
		Notes: r.Notes, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version,
	}
}

func mapRows[A, B any](in []A, f func(A) B) []B {
	out := make([]B, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// practiceAreas answers the partnership domain's question about codes from the reference catalog.
type practiceAreas struct{ ref *reference.Service }

func (a practiceAreas) HasPracticeArea(ctx context.Context, code string) (bool, error) {
	c, err := a.ref.Catalog(ctx)
	if err != nil {
		return false, err
	}
	return c.HasPracticeArea(code), nil
}
