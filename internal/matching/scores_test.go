package matching

import (
	"testing"
	"time"
)

func factorValue(t *testing.T, ev Evaluation, name string) float64 {
	t.Helper()
	for _, f := range ev.Factors {
		if f.Name == name {
			if f.Value < 0 || f.Value > 1 {
				t.Fatalf("%s = %v, outside [0, 1]", name, f.Value)
			}
			return f.Value
		}
	}
	t.Fatalf("no factor %s", name)
	return 0
}

// TestScoresMonotonic checks each score over a series of attorneys (or referrals), each a better fit
// than the one before: the value never falls, stays in [0, 1], and ends higher than it started.
func TestScoresMonotonic(t *testing.T) {
	experience := func(e Experience) change {
		return func(r *Referral, a *Attorney, c *Context) {
			a.Areas = map[string]Experience{"housing.eviction": e}
			r.MentoredOK, a.AcceptsMentored, c.Mentors["f1"] = true, true, map[string]bool{"housing": true}
		}
	}
	windows := func(hours int) change {
		return func(r *Referral, a *Attorney, c *Context) {
			a.Windows = []Window{{Weekday: time.Tuesday, Start: 0, End: hours * 60}}
		}
	}
	tests := []struct {
		factor string
		series []change
	}{
		{FactorExperience, []change{experience(ExperienceNone), experience(ExperienceLearning), experience(ExperienceSome),
			experience(ExperienceExperienced), experience(ExperienceExpert)}},
		// One Tuesday window a week, two Tuesdays before the deadline; 2 x 10 hours saturate.
		{FactorAvailability, []change{windows(1), windows(4), windows(10), windows(12)}},
		{FactorAvailability, []change{
			func(r *Referral, a *Attorney, c *Context) { r.Deadline = day(2026, 12, 7) },
			func(r *Referral, a *Attorney, c *Context) { r.Deadline, r.EstimatedHours = day(2026, 12, 7), 5 },
			func(r *Referral, a *Attorney, c *Context) { r.Deadline, r.EstimatedHours = day(2026, 12, 8), 5 },
		}},
		{FactorAvailability, []change{
			func(r *Referral, a *Attorney, c *Context) {
				r.EstimatedHours = 60
				a.Blackouts = []DateRange{{day(2026, 12, 7), day(2026, 12, 17)}}
			},
			func(r *Referral, a *Attorney, c *Context) {
				r.EstimatedHours = 60
				a.Blackouts = []DateRange{{day(2026, 12, 7), day(2026, 12, 9)}}
			},
			func(r *Referral, a *Attorney, c *Context) { r.EstimatedHours = 60 },
		}},
		{FactorCapacity, []change{
			func(r *Referral, a *Attorney, c *Context) { a.Active, a.HoursThisMonth = 4, 30 },
			func(r *Referral, a *Attorney, c *Context) { a.Active, a.HoursThisMonth = 4, 10 },
			func(r *Referral, a *Attorney, c *Context) { a.Active, a.HoursThisMonth = 0, 10 },
			func(r *Referral, a *Attorney, c *Context) { a.Active, a.HoursThisMonth = 0, 0 },
		}},
		{FactorGoal, []change{
			func(r *Referral, a *Attorney, c *Context) { a.HoursThisYear = 80 },
			func(r *Referral, a *Attorney, c *Context) { a.HoursThisYear = 50 },
			func(r *Referral, a *Attorney, c *Context) { a.AnnualGoal = 0 },
			func(r *Referral, a *Attorney, c *Context) { a.HoursThisYear = 10 },
			func(r *Referral, a *Attorney, c *Context) { a.HoursThisYear = 0 },
		}},
		{FactorPartnership, []change{
			func(r *Referral, a *Attorney, c *Context) {},
			func(r *Referral, a *Attorney, c *Context) {
				c.Partnerships = map[string]Partnership{"f1": {Areas: []string{"family"}, PledgedHours: 100, HoursLeft: 100}}
			},
			func(r *Referral, a *Attorney, c *Context) {
				c.Partnerships = map[string]Partnership{"f1": {PledgedHours: 100, HoursLeft: 0}}
			},
			func(r *Referral, a *Attorney, c *Context) {
				c.Partnerships = map[string]Partnership{"f1": {Areas: []string{"housing"}, PledgedHours: 100, HoursLeft: 10}}
			},
			func(r *Referral, a *Attorney, c *Context) {
				c.Partnerships = map[string]Partnership{"f1": {Areas: []string{"housing.eviction"}, PledgedHours: 100, HoursLeft: 90}}
			},
		}},
		{FactorLanguage, []change{
			func(r *Referral, a *Attorney, c *Context) { r.Language = "fr" },
			func(r *Referral, a *Attorney, c *Context) { r.Language = "es" },
		}},
		{FactorFairness, []change{
			func(r *Referral, a *Attorney, c *Context) { a.RecentOffers, c.MaxRecentOffers = 10, 10 },
			func(r *Referral, a *Attorney, c *Context) { a.RecentOffers, c.MaxRecentOffers = 4, 10 },
			func(r *Referral, a *Attorney, c *Context) { a.RecentOffers, c.MaxRecentOffers = 0, 10 },
		}},
		// Friday 10:00 plus 72 hours is Monday 10:00.
		{FactorUrgency, []change{
			func(r *Referral, a *Attorney, c *Context) {
				r.Urgency, a.Windows = "emergency", []Window{{Weekday: time.Wednesday, Start: 540, End: 1020}}
			},
			func(r *Referral, a *Attorney, c *Context) {
				r.Urgency, a.Windows = "emergency", []Window{{Weekday: time.Monday, Start: 540, End: 1020}}
			},
			func(r *Referral, a *Attorney, c *Context) { r.Urgency = "emergency" },
		}},
		{FactorUrgency, []change{
			func(r *Referral, a *Attorney, c *Context) {
				r.Urgency, a.Windows = "soon", []Window{{Weekday: time.Friday, Start: 540, End: 600}}
			},
			func(r *Referral, a *Attorney, c *Context) {
				r.Urgency, a.Windows = "soon", []Window{{Weekday: time.Wednesday, Start: 540, End: 1020}}
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.factor, func(t *testing.T) {
			var values []float64
			for _, ch := range tt.series {
				r, a, c := testReferral(), testAttorney(), testContext()
				ch(&r, &a, &c)
				values = append(values, factorValue(t, Evaluate(r, a, c, DefaultWeights()), tt.factor))
			}
			for i := 1; i < len(values); i++ {
				if values[i] < values[i-1] {
					t.Fatalf("values %v fall at %d", values, i)
				}
			}
			if values[len(values)-1] <= values[0] {
				t.Fatalf("values %v do not rise", values)
			}
		})
	}
}

func TestScoreValues(t *testing.T) {
	tests := []struct {
		name   string
		factor string
		change change
		want   float64
	}{
		{"expert", FactorExperience, func(r *Referral, a *Attorney, c *Context) {}, 1},
		{"mentored learner below a listed learner", FactorExperience, func(r *Referral, a *Attorney, c *Context) {
			a.Areas, a.AcceptsMentored = nil, true
			r.MentoredOK, c.Mentors["f1"] = true, map[string]bool{"housing": true}
		}, mentoredNoneValue},
		// 87 window hours before the deadline saturate at twice the estimate.
		{"saturated availability", FactorAvailability, func(r *Referral, a *Attorney, c *Context) {}, 1},
		{"availability, half of twice the estimate", FactorAvailability, func(r *Referral, a *Attorney, c *Context) {
			r.EstimatedHours = 87
		}, 0.5},
		{"empty capacity", FactorCapacity, func(r *Referral, a *Attorney, c *Context) { a.Active, a.HoursThisMonth = 0, 0 }, 1},
		{"capacity", FactorCapacity, func(r *Referral, a *Attorney, c *Context) {}, (0.8 + 0.75) / 2},
		{"goal", FactorGoal, func(r *Referral, a *Attorney, c *Context) {}, 0.8},
		{"no goal is neutral", FactorGoal, func(r *Referral, a *Attorney, c *Context) { a.AnnualGoal = 0 }, 0.5},
		{"goal met", FactorGoal, func(r *Referral, a *Attorney, c *Context) { a.HoursThisYear = 60 }, 0},
		{"no partnership", FactorPartnership, func(r *Referral, a *Attorney, c *Context) {}, 0},
		{"partnership, all hours left", FactorPartnership, func(r *Referral, a *Attorney, c *Context) {
			c.Partnerships = map[string]Partnership{"f1": {PledgedHours: 100, HoursLeft: 100}}
		}, 1},
		{"no language needed", FactorLanguage, func(r *Referral, a *Attorney, c *Context) {}, 1},
		{"nobody has offers", FactorFairness, func(r *Referral, a *Attorney, c *Context) {}, 1},
		{"routine", FactorUrgency, func(r *Referral, a *Attorney, c *Context) { a.Windows = nil }, 1},
		{"emergency, no time in 72 hours", FactorUrgency, func(r *Referral, a *Attorney, c *Context) {
			r.Urgency, a.Windows = "emergency", []Window{{Weekday: time.Tuesday, Start: 540, End: 1020}}
		}, 0},
		// Friday 10:00-17:00 and Monday 09:00-10:00.
		{"emergency, 8 hours in 72", FactorUrgency, func(r *Referral, a *Attorney, c *Context) { r.Urgency = "urgent" }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, a, c := testReferral(), testAttorney(), testContext()
			tt.change(&r, &a, &c)
			if got := factorValue(t, Evaluate(r, a, c, DefaultWeights()), tt.factor); got != tt.want {
				t.Fatalf("%s = %v, want %v", tt.factor, got, tt.want)
			}
		})
	}
}

func TestScoreIsWeightedMean(t *testing.T) {
	r, a, c := testReferral(), testAttorney(), testContext()
	w := DefaultWeights()
	ev := Evaluate(r, a, c, w)
	var sum, total float64
	for _, f := range ev.Factors {
		sum += f.Weight * f.Value
		total += f.Weight
	}
	if d := ev.Score - sum/total; d > 1e-12 || d < -1e-12 {
		t.Fatalf("score %v, weighted mean %v", ev.Score, sum/total)
	}
	if ev.Factors[0].Weight != w.Experience || ev.Factors[7].Weight != w.Urgency {
		t.Fatalf("factors carry weights %+v, want %+v", ev.Factors, w)
	}
}
