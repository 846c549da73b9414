package matching

import (
	"testing"
	"time"
)

func TestFactorWhy(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		factor string
		change change
		want   string
	}{
		{FactorExperience, func(r *Referral, a *Attorney, c *Context) {}, "Expert in housing"},
		{FactorExperience, func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing.eviction": ExperienceSome}
		}, "Some experience in housing.eviction"},
		{FactorExperience, func(r *Referral, a *Attorney, c *Context) {
			a.Areas, a.AcceptsMentored = nil, true
			r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
		}, "Willing to learn housing under a mentor at their firm"},
		{FactorExperience, func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing": ExperienceLearning}
			r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
		}, "Learning housing, with a mentor at their firm"},
		// Friday 10:00 to 17:00, then two weeks of 40 hours.
		{FactorAvailability, func(r *Referral, a *Attorney, c *Context) {}, "87 hours free before the deadline on 2026-12-20"},
		// In Chicago it is 04:00, so all of Friday's window is ahead.
		{FactorAvailability, func(r *Referral, a *Attorney, c *Context) { a.Location = chicago },
			"88 hours free before the deadline on 2026-12-20"},
		{FactorAvailability, func(r *Referral, a *Attorney, c *Context) {
			a.Blackouts = []DateRange{{day(2026, 12, 7), day(2026, 12, 11)}}
		}, "47 hours free before the deadline on 2026-12-20"},
		{FactorAvailability, func(r *Referral, a *Attorney, c *Context) {
			r.Deadline, a.Windows = time.Time{}, []Window{{Weekday: time.Saturday, Start: 600, End: 630}}
		}, "2.5 hours free in the next 30 days"},
		{FactorCapacity, func(r *Referral, a *Attorney, c *Context) {}, "Room for 4 more of 5 active matters, 30 of 40 monthly hours free"},
		{FactorGoal, func(r *Referral, a *Attorney, c *Context) {}, "Behind their annual goal: 10 of 50 hours"},
		{FactorGoal, func(r *Referral, a *Attorney, c *Context) { a.HoursThisYear = 55.5 }, "Met their annual goal: 55.5 of 50 hours"},
		{FactorGoal, func(r *Referral, a *Attorney, c *Context) { a.AnnualGoal = 0 }, "No annual goal set"},
		{FactorPartnership, func(r *Referral, a *Attorney, c *Context) {},
			"Their firm has no partnership with the referring organisation covering housing.eviction"},
		{FactorPartnership, func(r *Referral, a *Attorney, c *Context) {
			c.Partnerships = map[string]Partnership{"f1": {PledgedHours: 100, HoursLeft: 40}}
		}, "Their firm's partnership with the referring organisation has 40 of 100 pledged hours left"},
		{FactorPartnership, func(r *Referral, a *Attorney, c *Context) {
			c.Partnerships = map[string]Partnership{"f1": {PledgedHours: 100}}
		}, "Their firm's partnership with the referring organisation has no pledged hours left"},
		{FactorLanguage, func(r *Referral, a *Attorney, c *Context) {}, "The client needs no language other than English"},
		{FactorLanguage, func(r *Referral, a *Attorney, c *Context) { r.Language = "es" }, "Speaks es, the client's language"},
		{FactorLanguage, func(r *Referral, a *Attorney, c *Context) { r.Language = "fr" }, "Does not speak fr, the client's language"},
		{FactorLanguage, func(r *Referral, a *Attorney, c *Context) {
			r.Language, r.Names = "es", map[string]string{"es": "Spanish"}
		}, "Speaks Spanish, the client's language"},
		{FactorExperience, func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing.eviction": ExperienceSome}
			r.Names = map[string]string{"housing.eviction": "Eviction", "housing": "Housing"}
		}, "Some experience in Eviction"},
		{FactorPartnership, func(r *Referral, a *Attorney, c *Context) {
			r.Names = map[string]string{"housing.eviction": "Eviction"}
		},
			"Their firm has no partnership with the referring organisation covering Eviction"},
		{FactorFairness, func(r *Referral, a *Attorney, c *Context) {}, "No offers in the last 30 days"},
		{FactorFairness, func(r *Referral, a *Attorney, c *Context) { a.RecentOffers, c.MaxRecentOffers = 3, 9 },
			"3 offers in the last 30 days; the most any attorney had is 9"},
		{FactorUrgency, func(r *Referral, a *Attorney, c *Context) {}, "Routine referral: no rush"},
		{FactorUrgency, func(r *Referral, a *Attorney, c *Context) { r.Urgency = "emergency" }, "8 hours free in the next 72 hours"},
		{FactorUrgency, func(r *Referral, a *Attorney, c *Context) {
			r.Urgency, a.Windows = "soon", []Window{{Weekday: time.Monday, Start: 600, End: 660}}
		}, "1 hour free in the next 7 days"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			r, a, c := testReferral(), testAttorney(), testContext()
			tt.change(&r, &a, &c)
			ev := Evaluate(r, a, c, DefaultWeights())
			for _, f := range ev.Factors {
				if f.Name == tt.factor {
					if got := f.Why(r, a, c); got != tt.want {
						t.Fatalf("why %q, want %q", got, tt.want)
					}
					return
				}
			}
			t.Fatalf("no factor %s", tt.factor)
		})
	}
}
