package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/referral"
)

// sampleEntry is a time entry an attorney logs on a sample matter, and how far it goes: a draft,
// submitted for approval, or approved by the firm's coordinator.
type sampleEntry struct {
	minutes   int
	activity  string
	narrative string
	submit    bool
	approve   bool
}

// sampleMatter is a Northside referral that Hartwell & Pierce's check clears, the attorney its
// coordinator routes it to, the time they log on it, and, when it is done, how it closed and what
// the client thought of the help.
type sampleMatter struct {
	attorney string
	in       referral.Input
	entries  []sampleEntry
	closing  *outcome.Closing
	feedback *outcome.FeedbackInput
}

// The sample matters' estimates are small so that Priya and Elena keep room in their monthly
// budgets for the sample referrals still open.
func sampleMatters() []sampleMatter {
	hours := func(h int) *int { return &h }
	return []sampleMatter{
		{"priya.raman@hartwell.example", referral.Input{
			PracticeArea: "housing.private_landlord_tenant", Jurisdiction: "IL", Urgency: "soon",
			Summary:        "Landlord has not repaired a leaking ceiling for three months and now threatens not to renew the lease.",
			EstimatedHours: hours(2), LimitedScope: true, RemoteAllowed: true, HouseholdSize: 2, AnnualIncome: 21000,
			Client: referral.Client{Name: "Amara Johnson", Phone: "312-555-0142"},
			Parties: []referral.Party{
				{Name: "Amara Johnson", Role: "client", Kind: "person"},
				{Name: "Greenway Court Apartments LLC", Role: "adverse", Kind: "organization"},
			},
		}, []sampleEntry{
			{48, "client_meeting", "Intake call with the client: repair history, photos and the lease.", true, true},
			{30, "research", "Chicago RLTO repair-and-deduct and retaliation provisions.", true, true},
			{42, "drafting", "Demand letter to the landlord citing the repair requests and the anti-retaliation rule.", true, false},
			{18, "drafting", "Notes for the follow-up call once the landlord answers.", false, false},
		}, nil, nil},
		{"elena.vasquez@hartwell.example", referral.Input{
			PracticeArea: "employment.wage_claims", Jurisdiction: "IL", Language: "es", Urgency: "routine",
			Summary:        "Restaurant cook paid a flat weekly sum for 55-hour weeks wants to know what she can claim.",
			EstimatedHours: hours(2), LimitedScope: true, RemoteAllowed: true, HouseholdSize: 3, AnnualIncome: 26000,
			Client: referral.Client{Name: "Lucía Ramírez"},
			Parties: []referral.Party{
				{Name: "Lucía Ramírez", Role: "client", Kind: "person"},
				{Name: "Blue Door Diner Inc", Role: "adverse", Kind: "organization"},
			},
		}, []sampleEntry{
			{60, "client_meeting", "Advice session in Spanish: overtime rules, records to keep, the IDOL wage claim.", true, true},
			{30, "drafting", "Written summary of the advice and the wage claim steps for the client.", true, true},
		}, &outcome.Closing{Outcome: "counsel_advice", GoalMet: true, Hours: 1.5,
			Note: "Client advised on her overtime claim and given the steps to file it with the Department of Labor."},
			&outcome.FeedbackInput{Satisfaction: 5, Comment: "She felt she finally understood her rights and has filed the claim."}},
	}
}

// sampleMatterZone is the sample attorneys' time zone: their days are the days time is logged on.
const sampleMatterZone = "America/Chicago"

// sampleMattersFor opens the sample matters unless Hartwell & Pierce has any: Northside submits
// each referral, Hartwell's coordinator routes it to the attorney, who accepts it attesting to no
// conflict and logs time, which the coordinator approves; a finished matter is closed with its
// outcome and Northside's staff record the client's feedback. A matter starts when it is accepted
// and time may not be logged before that or in the future, so every entry is dated today.
func sampleMattersFor(ctx context.Context, db Lookup, s Services) error {
	coordinator, err := principal(ctx, db, "coordinator@hartwell.example")
	if err != nil {
		return err
	}
	existing, _, err := s.Offers.Matters(ctx, coordinator, offer.ListFilter{Limit: 1})
	if err != nil || len(existing) > 0 {
		return err
	}
	staff, err := principal(ctx, db, "staff@northside.example")
	if err != nil {
		return err
	}
	zone, err := time.LoadLocation(sampleMatterZone)
	if err != nil {
		return err
	}
	for _, m := range sampleMatters() {
		attorney, err := principal(ctx, db, m.attorney)
		if err != nil {
			return err
		}
		r, err := s.Referrals.Create(ctx, staff, m.in, true, "")
		if err != nil {
			return fmt.Errorf("sample matter referral for %s: %w", m.attorney, err)
		}
		offers, err := s.Offers.Make(ctx, coordinator, r.ID, offer.MakeInput{Mode: offer.Routed, AttorneyIDs: []uuid.UUID{attorney.UserID}})
		if err != nil {
			return fmt.Errorf("routing the sample referral to %s: %w", m.attorney, err)
		}
		matter, err := s.Offers.Accept(ctx, attorney, offers[0].ID, true)
		if err != nil {
			return fmt.Errorf("%s accepting the sample referral: %w", m.attorney, err)
		}
		started := matter.StartedAt.In(zone)
		day := time.Date(started.Year(), started.Month(), started.Day(), 0, 0, 0, 0, time.UTC)
		var approve []uuid.UUID
		for _, e := range m.entries {
			entry, err := s.Hours.Create(ctx, attorney, hours.Input{MatterID: matter.ID, WorkDate: day, Minutes: e.minutes,
				Activity: e.activity, Narrative: e.narrative, Submit: e.submit})
			if err != nil {
				return fmt.Errorf("time of %s: %w", m.attorney, err)
			}
			if e.approve {
				approve = append(approve, entry.ID)
			}
		}
		if len(approve) > 0 {
			if _, err := s.Hours.Approve(ctx, coordinator, approve); err != nil {
				return fmt.Errorf("approving the time of %s: %w", m.attorney, err)
			}
		}
		if m.closing != nil {
			if _, err := s.Outcomes.Close(ctx, attorney, matter.ID, *m.closing); err != nil {
				return fmt.Errorf("closing the matter of %s: %w", m.attorney, err)
			}
		}
		if m.feedback != nil {
			if _, err := s.Outcomes.RecordFeedback(ctx, staff, matter.ID, *m.feedback); err != nil {
				return fmt.Errorf("feedback on the matter of %s: %w", m.attorney, err)
			}
		}
	}
	return nil
}
