package matching

import (
	"slices"
	"strings"
	"testing"
	"time"
)

type change func(r *Referral, a *Attorney, c *Context)

func TestConstraints(t *testing.T) {
	tests := []struct {
		name   string
		change change
		fails  Constraint // "": passes every constraint
		why    string     // what the failure's sentence mentions
	}{
		{"admitted in the jurisdiction", func(r *Referral, a *Attorney, c *Context) {}, "", ""},
		{"admitted to the federal district", func(r *Referral, a *Attorney, c *Context) {
			r.Jurisdiction, a.Admissions["US-NYSD"] = "US-NYSD", true
		}, "", ""},
		{"state admission is not the federal district's", func(r *Referral, a *Attorney, c *Context) {
			r.Jurisdiction, a.Admissions["NY"] = "US-NYSD", true
		}, ConstraintBarAdmission, "Not admitted to the bar in US-NYSD"},
		{"not admitted", func(r *Referral, a *Attorney, c *Context) { r.Jurisdiction = "WI" },
			ConstraintBarAdmission, "Not admitted to the bar in WI"},
		{"not admitted, by the jurisdiction's name", func(r *Referral, a *Attorney, c *Context) {
			r.Jurisdiction, r.Names = "WI", map[string]string{"WI": "Wisconsin"}
		}, ConstraintBarAdmission, "Not admitted to the bar in Wisconsin"},
		{"admission inactive", func(r *Referral, a *Attorney, c *Context) { a.Admissions["IL"] = false },
			ConstraintBarAdmission, "Bar admission in IL is not active"},

		{"area taken from the sub-area's code", func(r *Referral, a *Attorney, c *Context) { r.Area = "" }, "", ""},
		{"practises the exact sub-area", func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing.eviction": ExperienceSome}
		}, "", ""},
		{"another sub-area of the area does not count", func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing.foreclosure": ExperienceExpert}
		}, ConstraintPracticeArea, "Does not practise housing.eviction"},
		{"does not practise the area", func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"family": ExperienceExpert}
		}, ConstraintPracticeArea, "Does not practise housing.eviction"},
		{"learning, referral allows no mentoring", func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing": ExperienceLearning}
			c.Mentors["f1"] = map[string]bool{"housing": true}
		}, ConstraintPracticeArea, "Still learning housing"},
		{"learning, mentored at their firm", func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing": ExperienceLearning}
			r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
		}, "", ""},
		{"willing to learn, mentored at their firm", func(r *Referral, a *Attorney, c *Context) {
			a.Areas, a.AcceptsMentored = nil, true
			r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
		}, "", ""},
		{"willing to learn, no mentor at their firm", func(r *Referral, a *Attorney, c *Context) {
			a.Areas, a.AcceptsMentored = nil, true
			r.MentoredOK, c.Mentors["f2"] = true, map[string]bool{"housing": true}
		}, ConstraintPracticeArea, "their firm has no experienced attorney in it"},
		{"mentor at the firm, not willing to learn", func(r *Referral, a *Attorney, c *Context) {
			a.Areas = nil
			r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
		}, ConstraintPracticeArea, "has not offered to learn"},

		{"no language needed", func(r *Referral, a *Attorney, c *Context) { a.Languages = nil }, "", ""},
		{"English needs no match", func(r *Referral, a *Attorney, c *Context) { r.Language, a.Languages = "en", nil }, "", ""},
		{"speaks the client's language", func(r *Referral, a *Attorney, c *Context) { r.Language = "es" }, "", ""},
		{"language codes compare without case", func(r *Referral, a *Attorney, c *Context) { r.Language = "ES" }, "", ""},
		{"does not speak the client's language", func(r *Referral, a *Attorney, c *Context) { r.Language = "fr" },
			ConstraintLanguage, "Does not speak fr"},

		{"one matter below the maximum", func(r *Referral, a *Attorney, c *Context) { a.Active = 4 }, "", ""},
		{"at the maximum of matters", func(r *Referral, a *Attorney, c *Context) { a.Active = 5 },
			ConstraintCapacityMatters, "5 of 5 active matters"},
		{"takes no matters", func(r *Referral, a *Attorney, c *Context) { a.MaxActive, a.Active = 0, 0 },
			ConstraintCapacityMatters, "maximum is 0"},

		{"estimate exactly fills the budget", func(r *Referral, a *Attorney, c *Context) { a.HoursThisMonth = 30 }, "", ""},
		{"estimate exceeds the budget", func(r *Referral, a *Attorney, c *Context) { a.HoursThisMonth = 31 },
			ConstraintCapacityHours, "31 of 40 hours"},
		{"unknown estimate counts as 10 hours", func(r *Referral, a *Attorney, c *Context) {
			r.EstimatedHours, a.HoursThisMonth = 0, 31
		}, ConstraintCapacityHours, "needs about 10"},

		{"blackout over part of the time", func(r *Referral, a *Attorney, c *Context) {
			a.Blackouts = []DateRange{{day(2026, 12, 7), day(2026, 12, 11)}}
		}, "", ""},
		{"blackout over the whole time", func(r *Referral, a *Attorney, c *Context) {
			a.Blackouts = []DateRange{{day(2026, 12, 1), day(2026, 12, 31)}}
		}, ConstraintBlackout, "before the deadline on 2026-12-20"},
		{"overlapping blackouts over every working day", func(r *Referral, a *Attorney, c *Context) {
			// 12-19 and 12-20 are a weekend, when the attorney has no windows.
			a.Blackouts = []DateRange{{day(2026, 12, 10), day(2026, 12, 18)}, {day(2026, 12, 4), day(2026, 12, 12)}}
		}, ConstraintBlackout, "every working day"},
		{"no deadline: blackout over the next 30 days", func(r *Referral, a *Attorney, c *Context) {
			r.Deadline = time.Time{}
			a.Blackouts = []DateRange{{day(2026, 12, 4), day(2027, 1, 1)}} // 01-02 and 01-03 are a weekend
		}, ConstraintBlackout, "in the next 30 days"},
		{"no deadline: today is free", func(r *Referral, a *Attorney, c *Context) {
			r.Deadline = time.Time{}
			a.Blackouts = []DateRange{{day(2026, 12, 5), day(2027, 1, 3)}}
		}, "", ""},
		{"no windows: every day counts", func(r *Referral, a *Attorney, c *Context) {
			a.Windows = nil
			a.Blackouts = []DateRange{{day(2026, 12, 4), day(2026, 12, 19)}}
		}, "", ""},
		{"no windows: blackout over every day", func(r *Referral, a *Attorney, c *Context) {
			a.Windows = nil
			a.Blackouts = []DateRange{{day(2026, 12, 4), day(2026, 12, 20)}}
		}, ConstraintBlackout, "every working day"},
		{"no windows before the deadline is not a blackout", func(r *Referral, a *Attorney, c *Context) {
			r.Deadline = day(2026, 12, 6)
			a.Windows = []Window{{Weekday: time.Tuesday, Start: 600, End: 660}}
		}, "", ""},

		{"conflict check clear", func(r *Referral, a *Attorney, c *Context) {}, "", ""},
		{"conflict check cleared", func(r *Referral, a *Attorney, c *Context) { c.Conflicts["f1"] = ConflictCleared }, "", ""},
		{"conflict check not run", func(r *Referral, a *Attorney, c *Context) { delete(c.Conflicts, "f1") },
			ConstraintConflict, "has not run its conflict check"},
		{"potential conflict", func(r *Referral, a *Attorney, c *Context) { c.Conflicts["f1"] = ConflictPotential },
			ConstraintConflict, "potential conflict"},
		{"conflict", func(r *Referral, a *Attorney, c *Context) { c.Conflicts["f1"] = ConflictConflict },
			ConstraintConflict, "has a conflict"},

		{"someone else declined", func(r *Referral, a *Attorney, c *Context) { c.Declined["a2"] = true }, "", ""},
		{"declined before", func(r *Referral, a *Attorney, c *Context) { c.Declined["a1"] = true },
			ConstraintDeclined, "Declined this referral"},

		{"remote only, remote allowed", func(r *Referral, a *Attorney, c *Context) { a.WorkMode = "remote" }, "", ""},
		{"in person, client met in person", func(r *Referral, a *Attorney, c *Context) {
			r.RemoteAllowed, a.WorkMode = false, "in_person"
		}, "", ""},
		{"either, client met in person", func(r *Referral, a *Attorney, c *Context) { r.RemoteAllowed = false }, "", ""},
		{"remote only, client met in person", func(r *Referral, a *Attorney, c *Context) {
			r.RemoteAllowed, a.WorkMode = false, "remote"
		}, ConstraintWorkMode, "remotely only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, a, c := testReferral(), testAttorney(), testContext()
			tt.change(&r, &a, &c)
			ev := Evaluate(r, a, c, DefaultWeights())
			if tt.fails == "" {
				if len(ev.Failures) != 0 {
					t.Fatalf("failures %+v, want none", ev.Failures)
				}
				return
			}
			if len(ev.Failures) != 1 || ev.Failures[0].Constraint != tt.fails {
				t.Fatalf("failures %+v, want only %s", ev.Failures, tt.fails)
			}
			if why := ev.Failures[0].Why; !strings.Contains(why, tt.why) {
				t.Errorf("why %q, want it to mention %q", why, tt.why)
			}
		})
	}
}

func TestEvaluateListsEveryFailure(t *testing.T) {
	r, a, c := testReferral(), testAttorney(), testContext()
	r.Jurisdiction, r.Language, r.RemoteAllowed = "WI", "fr", false
	a.Active, a.HoursThisMonth, a.WorkMode = 5, 40, "remote"
	a.Blackouts = []DateRange{{day(2026, 12, 1), day(2026, 12, 31)}}
	a.Areas = nil
	c.Conflicts["f1"], c.Declined["a1"] = ConflictPotential, true
	ev := Evaluate(r, a, c, DefaultWeights())
	var got []Constraint
	for _, f := range ev.Failures {
		got = append(got, f.Constraint)
		if f.Why == "" {
			t.Errorf("%s has no sentence", f.Constraint)
		}
	}
	if want := Constraints[:]; !slices.Equal(got, want) {
		t.Fatalf("failures %v, want every constraint in order %v", got, want)
	}
}

func TestMentoredCandidate(t *testing.T) {
	r, a, c := testReferral(), testAttorney(), testContext()
	a.Areas, a.AcceptsMentored = nil, true
	r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
	if ev := Evaluate(r, a, c, DefaultWeights()); !ev.Mentored {
		t.Fatal("a learner under a mentor is not marked mentored")
	}
	if ev := Evaluate(r, testAttorney(), c, DefaultWeights()); ev.Mentored {
		t.Fatal("an expert is marked mentored")
	}
}
