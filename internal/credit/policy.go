package credit

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/probono-match/probono/internal/platform/problem"
)

// inForce returns the version of policies (newest effective date first) in force on day; nil when
// none is.
func inForce(policies []Policy, day time.Time) *Policy {
	for i := range policies {
		if !policies[i].EffectiveFrom.After(day) {
			return &policies[i]
		}
	}
	return nil
}

// startMonth is the fiscal year's first month under a policy: January without one.
func startMonth(p *Policy) time.Month {
	if p == nil {
		return time.January
	}
	return time.Month(p.FiscalYearStartMonth)
}

// fiscalYearOf names the fiscal year that holds day: after the calendar year it ends in.
func fiscalYearOf(day time.Time, start time.Month) int {
	if start > time.January && day.Month() >= start {
		return day.Year() + 1
	}
	return day.Year()
}

// periodOf is fiscal year year's days when it starts in month start.
func periodOf(year int, start time.Month) Period {
	first := time.Date(year, start, 1, 0, 0, 0, 0, time.UTC)
	if start > time.January {
		first = first.AddDate(-1, 0, 0)
	}
	return Period{FiscalYear: year, StartsOn: first, EndsOn: first.AddDate(1, 0, -1)}
}

// fiscalPeriod is fiscal year year of a firm, or the one today is in when year is nil. Its first
// month is the one of the version in force on 1 January of that calendar year, which every fiscal
// year named after it contains (the firm's oldest version when none was in force yet).
func fiscalPeriod(policies []Policy, year *int, today time.Time) Period {
	if year == nil {
		y := fiscalYearOf(today, startMonth(inForceOrFirst(policies, today)))
		year = &y
	}
	return periodOf(*year, startMonth(inForceOrFirst(policies, time.Date(*year, time.January, 1, 0, 0, 0, 0, time.UTC))))
}

// inForceOrFirst is the version in force on day, or the oldest when none is yet; nil without any.
func inForceOrFirst(policies []Policy, day time.Time) *Policy {
	if p := inForce(policies, day); p != nil || len(policies) == 0 {
		return p
	}
	return &policies[len(policies)-1]
}

// current is the version whose terms a summary of period shows: the one in force today, or on the
// period's nearest day when today is outside it.
func current(policies []Policy, period Period, today time.Time) *Policy {
	day := today
	if day.Before(period.StartsOn) {
		day = period.StartsOn
	}
	if day.After(period.EndsOn) {
		day = period.EndsOn
	}
	return inForce(policies, day)
}

// Bounds the schema also states.
const (
	minYear, maxYear = 2000, 2100
	maxCapHours      = 5000
	maxBillableHours = 100_000_000
	maxAttorneys     = 100_000
)

// validatedPolicy checks a new version and returns it without its ids.
func validatedPolicy(in PolicyInput) (Policy, error) {
	var fields []problem.FieldError
	if y := in.EffectiveFrom.Year(); y < minYear || y > maxYear {
		fields = append(fields, problem.Field("effective_from", fmt.Sprintf("must be in the years %d to %d", minYear, maxYear)))
	}
	if in.FiscalYearStartMonth < 1 || in.FiscalYearStartMonth > 12 {
		fields = append(fields, problem.Field("fiscal_year_start_month", "must be a month from 1 to 12"))
	}
	var capHours *Centihours
	if in.AnnualCapHours != nil {
		tenths, ok := exactly(*in.AnnualCapHours, 10)
		switch {
		case !ok:
			fields = append(fields, problem.Field("annual_cap_hours", "must be a number of hours in tenths (50 or 50.5)"))
		case tenths <= 0 || tenths > maxCapHours*10:
			fields = append(fields, problem.Field("annual_cap_hours", fmt.Sprintf("must be more than 0 and at most %d hours, or null for no cap", maxCapHours)))
		default:
			c := Centihours(tenths * 10)
			capHours = &c
		}
	}
	ratio, ok := exactly(in.CreditRatio, 100)
	switch {
	case !ok:
		fields = append(fields, problem.Field("credit_ratio", "must have at most two decimals (1 or 1.25)"))
	case ratio <= 0 || ratio > 200:
		fields = append(fields, problem.Field("credit_ratio", "must be more than 0 and at most 2 credit hours per hour"))
	}
	for i, a := range in.EligibleActivities {
		field := fmt.Sprintf("eligible_activities[%d]", i)
		switch {
		case a == Training || a == Supervision:
			fields = append(fields, problem.Field(field, "is set by training_counts and supervision_counts"))
		case !slices.Contains(Activities, a):
			fields = append(fields, problem.Field(field, "is not an activity"))
		case slices.Contains(in.EligibleActivities[:i], a):
			fields = append(fields, problem.Field(field, "is listed twice"))
		}
	}
	if in.MatterEligibility != AllMatters && in.MatterEligibility != LimitedMeansMatters {
		fields = append(fields, problem.Field("matter_eligibility", "must be all or limited_means"))
	}
	if _, ok := ChallengeMarks[in.ChallengeMeasure]; !ok {
		fields = append(fields, problem.Field("challenge_measure", "must be percentage or per_attorney"))
	}
	if len(fields) > 0 {
		return Policy{}, problem.Validation(fields...)
	}
	activities := slices.Clone(in.EligibleActivities)
	if activities == nil {
		activities = []string{}
	}
	return Policy{
		EffectiveFrom: dateOf(in.EffectiveFrom), FiscalYearStartMonth: in.FiscalYearStartMonth, AnnualCap: capHours,
		RatioPercent: int(ratio), EligibleActivities: activities, TrainingCounts: in.TrainingCounts,
		SupervisionCounts: in.SupervisionCounts, MatterEligibility: in.MatterEligibility, ChallengeMeasure: in.ChallengeMeasure,
	}, nil
}

// validatedBillableHours checks a year's figures and returns the hours in centihours.
func validatedBillableHours(year int, in BillableHoursInput) (Centihours, error) {
	var fields []problem.FieldError
	if year < minYear || year > maxYear {
		fields = append(fields, problem.Field("fiscalYear", fmt.Sprintf("must be a year from %d to %d", minYear, maxYear)))
	}
	tenths, ok := exactly(in.Hours, 10)
	switch {
	case !ok:
		fields = append(fields, problem.Field("billable_hours", "must be a number of hours in tenths"))
	case tenths < 0 || tenths > maxBillableHours*10:
		fields = append(fields, problem.Field("billable_hours", fmt.Sprintf("must be from 0 to %d", maxBillableHours)))
	}
	if in.Attorneys < 0 || in.Attorneys > maxAttorneys {
		fields = append(fields, problem.Field("attorneys", fmt.Sprintf("must be from 0 to %d", maxAttorneys)))
	}
	if len(fields) > 0 {
		return 0, problem.Validation(fields...)
	}
	return Centihours(tenths * 10), nil
}

// exactly returns v in units of 1/per when it is a whole number of them (within float error).
func exactly(v float64, per float64) (int64, bool) {
	scaled := v * per
	if math.IsNaN(scaled) || math.IsInf(scaled, 0) || math.Abs(scaled) > 1e15 {
		return 0, false
	}
	whole := math.Round(scaled)
	return int64(whole), math.Abs(scaled-whole) < 1e-6
}

// dateOf is the calendar day of t, as UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
