package matching

import (
	"testing"
	"time"
)

// The fixtures: on Friday 2026-12-04 at 10:00 UTC, a housing eviction referral in Illinois due on
// 2026-12-20, and an attorney who passes every constraint.
var testNow = time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func testReferral() Referral {
	return Referral{
		ID: "r1", OrgID: "o1", PracticeArea: "housing.eviction", Area: "housing", Jurisdiction: "IL",
		Urgency: "routine", Deadline: day(2026, 12, 20), EstimatedHours: 10, RemoteAllowed: true,
	}
}

// weekdays9to5 are windows from 09:00 to 17:00, Monday to Friday.
func weekdays9to5() []Window {
	var ws []Window
	for wd := time.Monday; wd <= time.Friday; wd++ {
		ws = append(ws, Window{Weekday: wd, Start: 9 * 60, End: 17 * 60})
	}
	return ws
}

func testAttorney() Attorney {
	return Attorney{
		ID: "a1", FirmID: "f1",
		Admissions: map[string]bool{"IL": true},
		Areas:      map[string]Experience{"housing": ExperienceExpert},
		Languages:  []string{"es"},
		WorkMode:   "either",
		MaxActive:  5, Active: 1,
		MonthlyBudget: 40, HoursThisMonth: 10,
		AnnualGoal: 50, HoursThisYear: 10,
		Windows: weekdays9to5(),
	}
}

func testContext() Context {
	return Context{
		Now:       testNow,
		Conflicts: map[string]ConflictState{"f1": ConflictClear},
		Mentors:   map[string]map[string]bool{},
		Declined:  map[string]bool{},
	}
}

func TestFixturesPassEveryConstraint(t *testing.T) {
	ev := Evaluate(testReferral(), testAttorney(), testContext(), DefaultWeights())
	if len(ev.Failures) != 0 {
		t.Fatalf("failures %+v, want none", ev.Failures)
	}
}
