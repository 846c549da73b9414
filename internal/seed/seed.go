// Package seed creates the demo data that `make run` shows: a platform admin, two law firms, two
// nonprofits and a public defender office, each with staff. Running it again adds only what is missing.
package seed

import (
	"context"
	"fmt"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// DemoPassword is the password of every demo account.
const DemoPassword = "probono-demo-2026"

// Person is one demo login.
type Person struct {
	Email string
	Name  string
	Role  auth.Role
}

// Organization is one demo organisation and its people.
type Organization struct {
	Name   string
	Kind   auth.OrgKind
	People []Person
}

// Demo is the demo data.
var Demo = []Organization{
	{org.PlatformOrganizationName, auth.KindPlatform, []Person{
		{"admin@probono.example", "Pat Alvarez", auth.RolePlatformAdmin},
	}},
	{"Hartwell & Pierce LLP", auth.KindLawFirm, []Person{
		{"coordinator@hartwell.example", "Dana Whitfield", auth.RoleCoordinator},
		{"admin@hartwell.example", "Morgan Hale", auth.RoleOrgAdmin},
		{"priya.raman@hartwell.example", "Priya Raman", auth.RoleAttorney},
		{"james.okafor@hartwell.example", "James Okafor", auth.RoleAttorney},
		{"elena.vasquez@hartwell.example", "Elena Vasquez", auth.RoleAttorney},
	}},
	{"Castellan Brooks LLP", auth.KindLawFirm, []Person{
		{"coordinator@castellan.example", "Sam Brooks", auth.RoleCoordinator},
		{"admin@castellan.example", "Avery Castellan", auth.RoleOrgAdmin},
		{"wei.zhang@castellan.example", "Wei Zhang", auth.RoleAttorney},
		{"grace.mwangi@castellan.example", "Grace Mwangi", auth.RoleAttorney},
	}},
	{"Northside Legal Aid Society", auth.KindNonprofit, []Person{
		{"staff@northside.example", "Lena Ortiz", auth.RoleNonprofitStaff},
		{"admin@northside.example", "Terrence Bell", auth.RoleOrgAdmin},
	}},
	{"Riverbend Tenant Rights Project", auth.KindNonprofit, []Person{
		{"staff@riverbend.example", "Marcus Reed", auth.RoleNonprofitStaff},
		{"admin@riverbend.example", "Hannah Cole", auth.RoleOrgAdmin},
	}},
	{"Lakeshore County Public Defender", auth.KindPublicDefender, []Person{
		{"staff@lakeshore-pd.example", "Aisha Karim", auth.RoleNonprofitStaff},
		{"admin@lakeshore-pd.example", "Victor Nunez", auth.RoleOrgAdmin},
	}},
}

// Lookup is what seeding needs to find what exists already.
type Lookup interface {
	OrganizationByName(ctx context.Context, name string) (store.Organization, error)
	AccountByEmail(ctx context.Context, email string) (store.Account, error)
}

// Run creates whatever part of the demo data is missing and reports how many accounts it created.
func Run(ctx context.Context, db Lookup, orgs org.Service) (created int, err error) {
	for _, o := range Demo {
		row, err := ensureOrganization(ctx, db, orgs, o)
		if err != nil {
			return created, err
		}
		for _, p := range o.People {
			_, err := db.AccountByEmail(ctx, p.Email)
			if err == nil {
				continue
			}
			if !problem.Is(err, problem.NotFound) {
				return created, err
			}
			_, err = orgs.Provision(ctx, org.NewUser{OrgID: row.ID, Email: p.Email, Name: p.Name, Password: DemoPassword, Role: p.Role})
			if err != nil {
				return created, fmt.Errorf("creating %s: %w", p.Email, err)
			}
			created++
		}
	}
	return created, nil
}

func ensureOrganization(ctx context.Context, db Lookup, orgs org.Service, o Organization) (store.Organization, error) {
	existing, err := db.OrganizationByName(ctx, o.Name)
	if !problem.Is(err, problem.NotFound) {
		return existing, err
	}
	created, err := orgs.ProvisionOrganization(ctx, o.Name, o.Kind)
	if err != nil {
		return store.Organization{}, fmt.Errorf("creating %s: %w", o.Name, err)
	}
	return store.Organization{ID: created.ID}, nil
}
