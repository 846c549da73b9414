package referral

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// validated checks what the API schema cannot (codes against reference data, dates, blank text,
// a client party) and returns the row with eligibility computed.
func (s *service) validated(ctx context.Context, in Input) (store.Referral, error) {
	catalog, err := s.ref.Catalog(ctx)
	if err != nil {
		return store.Referral{}, err
	}
	var fields []problem.FieldError
	if !catalog.HasPracticeArea(in.PracticeArea) {
		fields = append(fields, problem.Field("practice_area", "is not a known practice area"))
	}
	if !catalog.HasJurisdiction(in.Jurisdiction) {
		fields = append(fields, problem.Field("jurisdiction", "is not a known jurisdiction"))
	}
	if in.Language != "" && !catalog.HasLanguage(in.Language) {
		fields = append(fields, problem.Field("language", "is not an ISO 639-1 language code"))
	}
	if strings.TrimSpace(in.Summary) == "" {
		fields = append(fields, problem.Field("summary", "must not be blank"))
	}
	// Dates are calendar days in the caller's time zone, which may be a day behind or ahead of UTC.
	today := s.now().UTC().Truncate(24 * time.Hour)
	if in.Deadline != nil && in.Deadline.Before(today.AddDate(0, 0, -1)) {
		fields = append(fields, problem.Field("deadline", "is in the past"))
	}
	if strings.TrimSpace(in.Client.Name) == "" {
		fields = append(fields, problem.Field("client.name", "must not be blank"))
	}
	if in.Client.DateOfBirth != nil && in.Client.DateOfBirth.After(today.AddDate(0, 0, 1)) {
		fields = append(fields, problem.Field("client.date_of_birth", "is in the future"))
	}
	for i, party := range in.Parties {
		if strings.TrimSpace(party.Name) == "" {
			fields = append(fields, problem.Field(fmt.Sprintf("parties[%d].name", i), "must not be blank"))
		}
	}
	if len(fields) > 0 {
		return store.Referral{}, problem.Validation(fields...)
	}
	el, err := catalog.Eligibility(in.Jurisdiction, in.HouseholdSize, in.AnnualIncome, s.now().Year())
	if err != nil {
		return store.Referral{}, err
	}
	row := store.Referral{
		PracticeArea: in.PracticeArea, Jurisdiction: in.Jurisdiction, Summary: strings.TrimSpace(in.Summary),
		Urgency: in.Urgency, Deadline: in.Deadline, EstimatedHours: in.EstimatedHours,
		LimitedScope: in.LimitedScope, RemoteAllowed: in.RemoteAllowed, MentoredOK: in.MentoredOK,
		HouseholdSize: el.HouseholdSize, AnnualIncome: el.AnnualIncome, PovertyPercent: el.PovertyPercent,
		GuidelineYear: el.GuidelineYear, GuidelineRegion: el.Region,
	}
	if in.Language != "" {
		row.Language = &in.Language
	}
	return row, nil
}

// changedFields names the fields whose values differ between the stored referral and the new input.
func changedFields(before Referral, in Input) []string {
	var out []string
	add := func(name string, changed bool) {
		if changed {
			out = append(out, name)
		}
	}
	add("practice_area", before.PracticeArea != in.PracticeArea)
	add("jurisdiction", before.Jurisdiction != in.Jurisdiction)
	add("language", before.Language != in.Language)
	add("summary", before.Summary != strings.TrimSpace(in.Summary))
	add("urgency", before.Urgency != in.Urgency)
	add("deadline", !sameDate(before.Deadline, in.Deadline))
	add("estimated_hours", !sameInt(before.EstimatedHours, in.EstimatedHours))
	add("limited_scope", before.LimitedScope != in.LimitedScope)
	add("remote_allowed", before.RemoteAllowed != in.RemoteAllowed)
	add("mentored_ok", before.MentoredOK != in.MentoredOK)
	add("eligibility.household_size", before.Eligibility.HouseholdSize != in.HouseholdSize)
	add("eligibility.annual_income", before.Eligibility.AnnualIncome == nil || *before.Eligibility.AnnualIncome != in.AnnualIncome)
	c := before.Client
	add("client.name", c.Name != in.Client.Name)
	add("client.email", c.Email != in.Client.Email)
	add("client.phone", c.Phone != in.Client.Phone)
	add("client.address", c.Address != in.Client.Address)
	add("client.date_of_birth", !sameDate(c.DateOfBirth, in.Client.DateOfBirth))
	add("client.notes", c.Notes != in.Client.Notes)
	add("parties", !sameParties(before.Parties, in.Parties))
	return out
}

func sameDate(a, b *time.Time) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && a.Format(time.DateOnly) == b.Format(time.DateOnly))
}

func sameInt(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func sameParties(a, b []Party) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Role != b[i].Role || a[i].Kind != b[i].Kind || strings.Join(a[i].Aliases, "\x00") != strings.Join(b[i].Aliases, "\x00") {
			return false
		}
	}
	return true
}
