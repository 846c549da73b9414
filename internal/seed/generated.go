package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/referral"
)

// Volume is how much made-up data Generated adds, for load tests and a demo of a busy office.
type Volume struct {
	// Referrals is the number of submitted referrals, spread over the demo referring organisations.
	Referrals int
	// RegistryEntries is the number of conflict registry entries added to each demo law firm.
	RegistryEntries int
}

// generatorSeed fixes the made-up data: every run of Generated with the same volume adds the same
// names, areas and dates (relative to today), so measurements on it can be compared.
const generatorSeed = 2026

var (
	givenNames  = []string{"Ana", "Luis", "Keisha", "Tomasz", "Mei", "Omar", "Grace", "Dmitri", "Fatou", "Ravi", "Chloe", "Andre", "Yuki", "Samuel", "Nadia", "Hector", "Ingrid", "Kwame", "Rosa", "Elijah"}
	familyNames = []string{"Alvarado", "Brennan", "Chowdhury", "Dubois", "Eze", "Fitzgerald", "Gutierrez", "Haddad", "Ivanova", "Jablonski", "Kowalczyk", "Lindqvist", "Mensah", "Nakamura", "Okonkwo", "Petrov", "Quintero", "Rasmussen", "Szabo", "Thibodeaux"}
	// Adverse organisations are made of words no demo registry entry uses, so most checks clear.
	orgWords    = []string{"Granite", "Willow", "Beacon", "Meridian", "Copper", "Juniper", "Falcon", "Harbor", "Sterling", "Cedar"}
	orgKinds    = []string{"Property Group LLC", "Lending Co", "Staffing Inc", "Auto Sales", "Realty Trust", "Recovery Services"}
	matterTypes = []struct{ area, summary string }{
		{"housing.private_landlord_tenant", "Eviction notice served after the tenant asked for repairs to the heating."},
		{"housing.public_housing", "Housing authority proposes to end the lease over a guest's conduct."},
		{"consumer.collection", "Collection suit over a credit card debt the client does not recognise."},
		{"consumer.predatory_lending", "Title loan at 300% APR; the lender threatens repossession of the only car."},
		{"family.custody_visitation", "Parent seeks a parenting-time schedule after a move out of state."},
		{"family.domestic_abuse", "Petition for an order of protection after repeated threats."},
		{"employment.wage_claims", "Unpaid overtime for three months at a warehouse that has since closed."},
		{"employment.discrimination", "Dismissed a week after disclosing a pregnancy to the manager."},
		{"individual_rights.other", "Petition to seal old dismissed arrests that keep costing job offers."},
	}
	jurisdictions = []string{"IL", "IL", "IL", "IN", "WI"}
	languages     = []string{"", "", "", "es", "pl", "zh"}
	urgencies     = []string{"urgent", "soon", "routine", "routine"}
	registryRoles = []string{"client", "adverse", "former_client", "related"}
	// Registry names come from lists of their own, so that they rarely match a generated party.
	registryGiven  = []string{"Bartholomew", "Cordelia", "Ignatius", "Philippa", "Leopold", "Winifred", "Thaddeus", "Octavia", "Cornelius", "Henrietta"}
	registryFamily = []string{"Ashworth", "Blackwood", "Carrington", "Drummond", "Eversley", "Fairbanks", "Gainsborough", "Hollingsworth", "Kingsley", "Montague", "Pemberton", "Sotheby"}
	registryOrgs   = []string{"Ironclad", "Northwind", "Summitview", "Bluestone", "Redwood", "Oakhurst"}
)

// Generated adds made-up submitted referrals, each with its client, parties and conflict checks,
// and made-up registry entries, through the services like anything a user enters. Registry entries
// come first, so that the referrals' checks search a registry of that size. It adds the whole
// volume on every run: it is meant for throw-away databases.
func Generated(ctx context.Context, db Lookup, s Services, today time.Time, v Volume) error {
	rng := rand.New(rand.NewPCG(generatorSeed, generatorSeed))
	if v.RegistryEntries > 0 {
		for _, coordinator := range []string{"coordinator@hartwell.example", "coordinator@castellan.example"} {
			p, err := principal(ctx, db, coordinator)
			if err != nil {
				return err
			}
			csv := generatedRegistry(rng, v.RegistryEntries)
			if _, err := s.Conflicts.Import(ctx, p, strings.NewReader(csv), conflict.AllOrNothing); err != nil {
				return fmt.Errorf("generated registry of %s: %w", coordinator, err)
			}
		}
	}
	var staff []auth.Principal
	for _, email := range []string{"staff@northside.example", "staff@riverbend.example", "staff@lakeshore-pd.example"} {
		p, err := principal(ctx, db, email)
		if err != nil {
			return err
		}
		staff = append(staff, p)
	}
	for i := range v.Referrals {
		if _, err := s.Referrals.Create(ctx, staff[i%len(staff)], generatedReferral(rng, today), true, ""); err != nil {
			return fmt.Errorf("generated referral %d: %w", i+1, err)
		}
	}
	return nil
}

func pick[T any](rng *rand.Rand, from []T) T { return from[rng.IntN(len(from))] }

func personName(rng *rand.Rand) string { return pick(rng, givenNames) + " " + pick(rng, familyNames) }

func generatedReferral(rng *rand.Rand, today time.Time) referral.Input {
	matter := pick(rng, matterTypes)
	client := personName(rng)
	in := referral.Input{
		PracticeArea: matter.area, Jurisdiction: pick(rng, jurisdictions), Language: pick(rng, languages),
		Urgency: pick(rng, urgencies), Summary: matter.summary,
		LimitedScope: rng.IntN(3) == 0, RemoteAllowed: rng.IntN(2) == 0,
		HouseholdSize: 1 + rng.IntN(5), AnnualIncome: int64(12000 + 1000*rng.IntN(30)),
		Client: referral.Client{Name: client, Phone: fmt.Sprintf("312-555-%04d", rng.IntN(10000))},
		Parties: []referral.Party{
			{Name: client, Role: "client", Kind: "person"},
			{Name: pick(rng, orgWords) + " " + pick(rng, orgKinds), Role: "adverse", Kind: "organization"},
		},
	}
	if rng.IntN(2) == 0 {
		in.Parties = append(in.Parties, referral.Party{Name: personName(rng), Role: "related", Kind: "person"})
	}
	if rng.IntN(4) > 0 {
		d := today.AddDate(0, 0, 7+rng.IntN(90))
		in.Deadline = &d
	}
	if rng.IntN(4) > 0 {
		h := 5 + rng.IntN(40)
		in.EstimatedHours = &h
	}
	return in
}

// generatedRegistry is a registry CSV of n made-up entries, persons and organisations alike.
func generatedRegistry(rng *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("name,type,role,aliases,matter_ref\n")
	for i := range n {
		name, kind := pick(rng, registryGiven)+" "+pick(rng, registryFamily), "person"
		if rng.IntN(3) == 0 {
			name, kind = pick(rng, registryOrgs)+" "+pick(rng, registryFamily)+" Holdings", "organization"
		}
		fmt.Fprintf(&b, "%s,%s,%s,,GEN-%05d\n", name, kind, pick(rng, registryRoles), i+1)
	}
	return b.String()
}
