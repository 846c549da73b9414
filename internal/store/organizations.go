package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Organization is a row of organizations.
type Organization struct {
	ID   uuid.UUID
	Name string
	Kind string
	// LimitedScopeProgram marks a referring organisation's program as limited-scope (ABA Rule 6.5).
	LimitedScopeProgram bool
	// DeactivatedAt is set while a platform admin has deactivated the organisation.
	DeactivatedAt *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// CreateOrganization inserts an organisation.
func (s *Store) CreateOrganization(ctx context.Context, o *Organization) error {
	return translate(s.with(ctx).Create(o).Error, "organization")
}

// OrganizationByID returns one organisation.
func (s *Store) OrganizationByID(ctx context.Context, id uuid.UUID) (Organization, error) {
	var o Organization
	return o, translate(s.with(ctx).Take(&o, "id = ?", id).Error, "Organization")
}

// OrganizationByName returns the organisation with this name, compared case-insensitively.
func (s *Store) OrganizationByName(ctx context.Context, name string) (Organization, error) {
	var o Organization
	return o, translate(s.with(ctx).Take(&o, "lower(name) = lower(?)", name).Error, "Organization")
}

// Organizations lists every organisation by name.
func (s *Store) Organizations(ctx context.Context) ([]Organization, error) {
	var os []Organization
	return os, translate(s.with(ctx).Order("lower(name), id").Find(&os).Error, "organizations")
}

// UpdateOrganization writes the given columns of an organisation.
func (s *Store) UpdateOrganization(ctx context.Context, id uuid.UUID, changes map[string]any) error {
	changes["updated_at"] = time.Now().UTC()
	return mustAffect(s.with(ctx).Model(&Organization{}).Where("id = ?", id).Updates(changes), "Organization")
}

// LawFirm returns an organisation that is a law firm; NotFound for any other.
func (s *Store) LawFirm(ctx context.Context, id uuid.UUID) (Organization, error) {
	var o Organization
	return o, translate(s.with(ctx).Where("id = ? AND kind = 'law_firm'", id).Take(&o).Error, "Firm")
}
