package seed

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/probono-match/probono/internal/attorney"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/credit"
	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/partnership"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/referral"
)

// Services are what the samples go through, so that they are validated, encrypted and checked for
// conflicts like anything a user enters.
type Services struct {
	Attorneys    attorney.Service
	Referrals    referral.Service
	Conflicts    conflict.Service
	Partnerships partnership.Service
	Credit       credit.Service
	Offers       offer.Service
	Hours        hours.Service
	Outcomes     outcome.Service
}

// registries are the firms' sample conflict registries, as their coordinators would import them.
// Hartwell & Pierce represents the landlord of the first sample referral (a conflict) and was
// adverse to a Robert Kessler (a possible match for "Bob Kessler", for a coordinator to clear);
// Castellan Brooks represents the debt collector of the third.
var registries = map[string]string{
	"coordinator@hartwell.example": `name,type,role,aliases,matter_ref
Lakeview Property Management LLC,organization,client,Lakeview Properties,HP-1041
Robert Kessler,person,adverse,,HP-0977
Midwest Auto Finance Corp,organization,former_client,Midwest Auto Credit,HP-0412
Calloway Industries Inc,organization,client,,HP-1120
Harborview Medical Group,organization,related,,HP-1120
`,
	"coordinator@castellan.example": `name,type,role,aliases,matter_ref
Summit Collections Agency Inc,organization,client,Summit Collections,CB-2210
Prairie State Bank,organization,client,,CB-1987
Dolores Whitaker,person,adverse,,CB-2004
`,
}

// sampleReferral is a referral and who submits it.
type sampleReferral struct {
	staff  string
	submit bool
	in     referral.Input
}

func sampleReferrals(today time.Time) []sampleReferral {
	in := func(days int) *time.Time { d := today.AddDate(0, 0, days); return &d }
	hours := func(h int) *int { return &h }
	born := func(s string) *time.Time { t, _ := time.Parse(time.DateOnly, s); return &t }
	return []sampleReferral{
		{"staff@northside.example", true, referral.Input{
			PracticeArea: "housing.private_landlord_tenant", Jurisdiction: "IL", Language: "es", Urgency: "urgent",
			Summary:  "Eviction for non-payment after a 30% rent increase; the apartment has had no heat since January. Hearing in two weeks.",
			Deadline: in(14), EstimatedHours: hours(20), RemoteAllowed: true, HouseholdSize: 3, AnnualIncome: 24000,
			Client: referral.Client{Name: "María González", Phone: "312-555-0100", DateOfBirth: born("1985-04-12"), Notes: "Prefers calls after 5pm."},
			Parties: []referral.Party{
				{Name: "María González", Role: "client", Kind: "person"},
				{Name: "Lakeview Property Management", Role: "adverse", Kind: "organization"},
			},
		}},
		{"staff@northside.example", true, referral.Input{
			PracticeArea: "family.custody_visitation", Jurisdiction: "IL", Urgency: "soon",
			Summary:  "Father seeks a parenting-time schedule after the other parent moved out of state with the children.",
			Deadline: in(45), EstimatedHours: hours(35), HouseholdSize: 2, AnnualIncome: 19500,
			Client: referral.Client{Name: "Darnell Price", Email: "darnell.price@example.org"},
			Parties: []referral.Party{
				{Name: "Darnell Price", Role: "client", Kind: "person"},
				{Name: "Bob Kessler", Role: "related", Kind: "person"},
				{Name: "Tanya Price", Role: "adverse", Kind: "person", Aliases: []string{"Tanya Kessler"}},
			},
		}},
		{"staff@riverbend.example", true, referral.Input{
			PracticeArea: "consumer.collection", Jurisdiction: "IL", Urgency: "routine",
			Summary:  "Collection suit over a medical debt the client says was paid by insurance; answer due next month.",
			Deadline: in(30), EstimatedHours: hours(10), LimitedScope: true, RemoteAllowed: true, HouseholdSize: 1, AnnualIncome: 15000,
			Client: referral.Client{Name: "Helen Osei"},
			Parties: []referral.Party{
				{Name: "Helen Osei", Role: "client", Kind: "person"},
				{Name: "Summit Collections", Role: "adverse", Kind: "organization"},
			},
		}},
		{"staff@lakeshore-pd.example", true, referral.Input{
			PracticeArea: "individual_rights.other", Jurisdiction: "IL", Urgency: "routine",
			Summary:        "Petition to seal two dismissed arrests that keep costing the client job offers.",
			EstimatedHours: hours(6), LimitedScope: true, RemoteAllowed: true, HouseholdSize: 4, AnnualIncome: 31000,
			Client:  referral.Client{Name: "Jamal Carter"},
			Parties: []referral.Party{{Name: "Jamal Carter", Role: "client", Kind: "person"}},
		}},
		{"staff@northside.example", false, referral.Input{
			PracticeArea: "employment.wage_claims", Jurisdiction: "IL", Language: "pl", Urgency: "soon",
			Summary:        "Warehouse worker unpaid for six weeks of overtime; the employer has since closed the site.",
			EstimatedHours: hours(15), HouseholdSize: 1, AnnualIncome: 28000,
			Client: referral.Client{Name: "Piotr Nowak"},
			Parties: []referral.Party{
				{Name: "Piotr Nowak", Role: "client", Kind: "person"},
				{Name: "Great Lakes Logistics LLC", Role: "adverse", Kind: "organization"},
			},
		}},
	}
}

// profiles are the sample attorneys' profiles.
func profiles(today time.Time) map[string]attorney.Profile {
	admitted := func(years int) time.Time { return today.AddDate(-years, 0, 0) }
	evenings := func(zone string, days ...time.Weekday) []attorney.Window {
		var ws []attorney.Window
		for _, d := range days {
			ws = append(ws, attorney.Window{Weekday: d, Start: "18:00", End: "21:00", TimeZone: zone})
		}
		return ws
	}
	chicago := "America/Chicago"
	return map[string]attorney.Profile{
		"priya.raman@hartwell.example": {
			BarAdmissions: []attorney.BarAdmission{{Jurisdiction: "IL", BarNumber: "6301234", Active: true, AdmittedOn: admitted(9)}},
			PracticeAreas: []attorney.PracticeArea{{Code: "housing.private_landlord_tenant", Experience: attorney.Expert}, {Code: "consumer.collection", Experience: attorney.Some}},
			Languages:     []string{"en", "es"}, Availability: evenings(chicago, time.Tuesday, time.Thursday),
			MonthlyHourBudget: 12, MaxActiveMatters: 3, AnnualGoalHours: 60, WorkMode: "either",
		},
		"james.okafor@hartwell.example": {
			BarAdmissions: []attorney.BarAdmission{{Jurisdiction: "IL", BarNumber: "6329876", Active: true, AdmittedOn: admitted(3)}},
			PracticeAreas: []attorney.PracticeArea{{Code: "family.custody_visitation", Experience: attorney.Some}, {Code: "family.domestic_abuse", Experience: attorney.Learning}},
			Languages:     []string{"en"}, Availability: evenings(chicago, time.Monday, time.Wednesday),
			MonthlyHourBudget: 8, MaxActiveMatters: 2, AnnualGoalHours: 50, WorkMode: "in_person", AcceptsMentored: true,
		},
		"elena.vasquez@hartwell.example": {
			BarAdmissions: []attorney.BarAdmission{
				{Jurisdiction: "IL", BarNumber: "6287711", Active: true, AdmittedOn: admitted(14)},
				{Jurisdiction: "IN", BarNumber: "31877-45", Active: true, AdmittedOn: admitted(12)},
			},
			PracticeAreas: []attorney.PracticeArea{{Code: "consumer.collection", Experience: attorney.Expert}, {Code: "employment.wage_claims", Experience: attorney.Experienced}},
			Languages:     []string{"en", "es", "pt"}, Availability: evenings(chicago, time.Saturday),
			MonthlyHourBudget: 15, MaxActiveMatters: 4, AnnualGoalHours: 100, WorkMode: "remote",
		},
		"wei.zhang@castellan.example": {
			BarAdmissions: []attorney.BarAdmission{{Jurisdiction: "IL", BarNumber: "6315550", Active: true, AdmittedOn: admitted(6)}},
			PracticeAreas: []attorney.PracticeArea{{Code: "employment.wage_claims", Experience: attorney.Expert}, {Code: "individual_rights.other", Experience: attorney.Some}},
			Languages:     []string{"en", "zh"}, Availability: evenings(chicago, time.Tuesday, time.Friday),
			MonthlyHourBudget: 10, MaxActiveMatters: 2, AnnualGoalHours: 50, WorkMode: "either",
		},
		"grace.mwangi@castellan.example": {
			BarAdmissions: []attorney.BarAdmission{
				{Jurisdiction: "WI", BarNumber: "1098765", Active: true, AdmittedOn: admitted(8)},
				{Jurisdiction: "IL", BarNumber: "6322001", Active: true, AdmittedOn: admitted(4)},
			},
			PracticeAreas: []attorney.PracticeArea{{Code: "individual_rights.other", Experience: attorney.Experienced}, {Code: "housing.private_landlord_tenant", Experience: attorney.Some}},
			Languages:     []string{"en", "sw", "es"}, Availability: evenings(chicago, time.Monday, time.Thursday),
			Blackouts:         []attorney.DateRange{{Start: today.AddDate(0, 1, 0), End: today.AddDate(0, 1, 10)}},
			MonthlyHourBudget: 20, MaxActiveMatters: 3, AnnualGoalHours: 75, WorkMode: "either",
		},
	}
}

// Samples adds sample attorney profiles, conflict registries, referrals, credit policies and
// matters with time logged to the demo organisations, each only where there is none yet, so running it again changes nothing.
// Registries come before referrals so that the referrals' conflict checks find something.
func Samples(ctx context.Context, db Lookup, s Services, today time.Time) error {
	for email, profile := range profiles(today) {
		p, err := principal(ctx, db, email)
		if err != nil {
			return err
		}
		a, err := s.Attorneys.Get(ctx, p, p.UserID)
		if err != nil {
			return err
		}
		if a.UpdatedAt == nil {
			if _, err := s.Attorneys.Put(ctx, p, p.UserID, profile, etag.Condition{}); err != nil {
				return fmt.Errorf("profile of %s: %w", email, err)
			}
		}
	}
	for email, csv := range registries {
		p, err := principal(ctx, db, email)
		if err != nil {
			return err
		}
		page, err := s.Conflicts.Entries(ctx, p, "", "", 1)
		if err != nil {
			return err
		}
		if page.Total == 0 {
			if _, err := s.Conflicts.Import(ctx, p, strings.NewReader(csv), conflict.AllOrNothing); err != nil {
				return fmt.Errorf("registry of %s: %w", email, err)
			}
		}
	}
	has := map[string]bool{}
	for _, r := range sampleReferrals(today) {
		p, err := principal(ctx, db, r.staff)
		if err != nil {
			return err
		}
		if _, checked := has[r.staff]; !checked {
			existing, _, err := s.Referrals.List(ctx, p, referral.ListFilter{Limit: 1})
			if err != nil {
				return err
			}
			has[r.staff] = len(existing) > 0
		}
		if has[r.staff] {
			continue
		}
		if _, err := s.Referrals.Create(ctx, p, r.in, r.submit, ""); err != nil {
			return fmt.Errorf("referral of %s: %w", r.staff, err)
		}
	}
	if err := samplePartnership(ctx, db, s.Partnerships, today); err != nil {
		return err
	}
	if err := sampleCredit(ctx, db, s.Credit, today); err != nil {
		return err
	}
	return sampleMattersFor(ctx, db, s)
}

// samplePartnership records Hartwell & Pierce's pledge of 500 hours a year of housing work to
// Northside Legal Aid Society for the current year, as the firm's admin would, unless the two
// have a partnership already.
func samplePartnership(ctx context.Context, db Lookup, s partnership.Service, today time.Time) error {
	p, err := principal(ctx, db, "admin@hartwell.example")
	if err != nil {
		return err
	}
	northside, err := db.OrganizationByName(ctx, "Northside Legal Aid Society")
	if err != nil {
		return err
	}
	existing, _, err := s.List(ctx, p, partnership.ListFilter{FirmID: &p.OrgID, ReferrerID: &northside.ID, Limit: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	year := today.Year()
	ends := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	_, err = s.Create(ctx, p, partnership.Input{
		FirmID: p.OrgID, ReferrerID: northside.ID, PracticeAreas: []string{"housing"}, PledgedHours: 500,
		StartsOn: time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC), EndsOn: &ends,
		ContactName: "Dana Whitfield", ContactEmail: "coordinator@hartwell.example",
		Notes: "Memorandum of understanding: eviction defence and tenant matters referred by Northside.",
	})
	if err != nil {
		return fmt.Errorf("partnership of Hartwell & Pierce and Northside: %w", err)
	}
	return nil
}

// creditSample is a firm's sample credit policy and its billable hours for the current fiscal year.
type creditSample struct {
	coordinator string
	policy      credit.PolicyInput
	billable    credit.BillableHoursInput
}

// creditSamples: Hartwell & Pierce credits up to 100 hours a calendar year of matter work,
// training and supervision included, and measures itself by percentage of billable hours;
// Castellan Brooks, whose fiscal year starts in October, credits up to 50 hours, only for clients
// of limited means and not for training, and measures hours per attorney.
func creditSamples(today time.Time) []creditSample {
	hours := func(h float64) *float64 { return &h }
	since := time.Date(today.Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	return []creditSample{
		{"coordinator@hartwell.example", credit.PolicyInput{
			EffectiveFrom: since, FiscalYearStartMonth: 1, AnnualCapHours: hours(100), CreditRatio: 1,
			EligibleActivities: []string{"client_meeting", "research", "drafting", "court_appearance", "travel"},
			TrainingCounts:     true, SupervisionCounts: true, MatterEligibility: credit.AllMatters, ChallengeMeasure: credit.MeasurePercentage,
		}, credit.BillableHoursInput{Hours: 412000, Attorneys: 240}},
		{"coordinator@castellan.example", credit.PolicyInput{
			EffectiveFrom: since, FiscalYearStartMonth: 10, AnnualCapHours: hours(50), CreditRatio: 1,
			EligibleActivities: []string{"client_meeting", "research", "drafting", "court_appearance", "administrative"},
			SupervisionCounts:  true, MatterEligibility: credit.LimitedMeansMatters, ChallengeMeasure: credit.MeasurePerAttorney,
		}, credit.BillableHoursInput{Hours: 96500, Attorneys: 60}},
	}
}

// sampleCredit records each demo firm's credit policy, as its coordinator would, unless it has one,
// and its billable hours for the current fiscal year unless they were entered.
func sampleCredit(ctx context.Context, db Lookup, s credit.Service, today time.Time) error {
	for _, c := range creditSamples(today) {
		p, err := principal(ctx, db, c.coordinator)
		if err != nil {
			return err
		}
		existing, err := s.Policies(ctx, p, nil)
		if err != nil {
			return err
		}
		if len(existing) == 0 {
			if _, err := s.CreatePolicy(ctx, p, c.policy); err != nil {
				return fmt.Errorf("credit policy of %s: %w", c.coordinator, err)
			}
		}
		year, err := s.Firm(ctx, p, p.OrgID, nil)
		if err != nil {
			return err
		}
		if year.Challenge.BillableHours == nil {
			if _, err := s.SetBillableHours(ctx, p, p.OrgID, year.FiscalYear, c.billable, etag.Condition{}); err != nil {
				return fmt.Errorf("billable hours of %s: %w", c.coordinator, err)
			}
		}
	}
	return nil
}

func principal(ctx context.Context, db Lookup, email string) (auth.Principal, error) {
	a, err := db.AccountByEmail(ctx, email)
	if err != nil {
		return auth.Principal{}, fmt.Errorf("%s: %w", email, err)
	}
	return auth.Principal{UserID: a.ID, OrgID: a.OrgID, OrgKind: auth.OrgKind(a.OrgKind), Role: auth.Role(a.Role)}, nil
}
