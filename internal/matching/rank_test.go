package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func idsOf(cs []Candidate) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.AttorneyID
	}
	return ids
}

func attorneyWith(id string, change func(a *Attorney)) Attorney {
	a := testAttorney()
	a.ID = id
	change(&a)
	return a
}

func TestRankOrderLimitAndExcluded(t *testing.T) {
	r, c := testReferral(), testContext()
	c.Declined["declined"] = true
	as := []Attorney{
		attorneyWith("some", func(a *Attorney) { a.Areas = map[string]Experience{"housing": ExperienceSome} }),
		attorneyWith("expert-b", func(a *Attorney) {}),
		attorneyWith("elsewhere", func(a *Attorney) { a.Admissions = map[string]bool{"WI": true} }),
		attorneyWith("experienced", func(a *Attorney) { a.Areas = map[string]Experience{"housing": ExperienceExperienced} }),
		attorneyWith("expert-a", func(a *Attorney) {}),
		attorneyWith("full", func(a *Attorney) { a.Active = 5 }),
		attorneyWith("declined", func(a *Attorney) {}),
		// Fails the bar and the matters: counted once, by the first.
		attorneyWith("twice", func(a *Attorney) { a.Admissions, a.Active = nil, 5 }),
	}
	wantOrder := []string{"expert-a", "expert-b", "experienced", "some"}
	wantExcluded := map[Constraint]int{ConstraintBarAdmission: 2, ConstraintCapacityMatters: 1, ConstraintDeclined: 1}
	for _, limit := range []int{0, 1, 2, 4, 10} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			rk := Rank(r, as, c, DefaultWeights(), limit)
			want := wantOrder
			if limit > 0 && limit < len(want) {
				want = want[:limit]
			}
			if got := idsOf(rk.Candidates); !slices.Equal(got, want) {
				t.Errorf("order %v, want %v", got, want)
			}
			if rk.Eligible != len(wantOrder) {
				t.Errorf("eligible %d, want %d", rk.Eligible, len(wantOrder))
			}
			if fmt.Sprint(rk.Excluded) != fmt.Sprint(wantExcluded) {
				t.Errorf("excluded %v, want %v", rk.Excluded, wantExcluded)
			}
		})
	}
}

func TestRankNobodyEligible(t *testing.T) {
	rk := Rank(testReferral(), []Attorney{attorneyWith("x", func(a *Attorney) { a.WorkMode = "remote" })},
		Context{Now: testNow}, DefaultWeights(), 5)
	if rk.Candidates == nil || len(rk.Candidates) != 0 || rk.Eligible != 0 || rk.Excluded[ConstraintConflict] != 1 {
		t.Fatalf("ranking %+v, want no candidates and one conflict exclusion", rk)
	}
}

var testZones = func() []*time.Location {
	zones := []*time.Location{nil, time.UTC}
	for _, name := range []string{"America/Chicago", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		zones = append(zones, loc)
	}
	return zones
}()

// randomAttorney varies everything the scores read, and now and then a constraint.
func randomAttorney(rng *rand.Rand, i int) Attorney {
	a := testAttorney()
	a.Location = testZones[rng.IntN(len(testZones))]
	a.ID = fmt.Sprintf("a%05d", i)
	a.FirmID = fmt.Sprintf("f%d", rng.IntN(5))
	a.Areas = map[string]Experience{"housing": Experience(rng.IntN(5))}
	a.AcceptsMentored = rng.IntN(2) == 0
	a.MaxActive, a.Active = rng.IntN(6), rng.IntN(4)
	a.MonthlyBudget, a.HoursThisMonth = float64(rng.IntN(60)), float64(rng.IntN(30))
	a.AnnualGoal, a.HoursThisYear = float64(rng.IntN(3)*50), float64(rng.IntN(120))
	a.RecentOffers = rng.IntN(10)
	a.Windows = nil
	for range rng.IntN(6) {
		start := rng.IntN(20 * 60)
		a.Windows = append(a.Windows, Window{Weekday: time.Weekday(rng.IntN(7)), Start: start, End: start + 30 + rng.IntN(240)})
	}
	for range rng.IntN(3) {
		from := testNow.AddDate(0, 0, rng.IntN(40)-5)
		a.Blackouts = append(a.Blackouts, DateRange{From: from, To: from.AddDate(0, 0, rng.IntN(20))})
	}
	return a
}

func randomContext(rng *rand.Rand) Context {
	c := testContext()
	c.MaxRecentOffers = 9
	for f := range 5 {
		firm := fmt.Sprintf("f%d", f)
		c.Conflicts[firm] = []ConflictState{ConflictClear, ConflictCleared, ConflictClear, ConflictPotential}[rng.IntN(4)]
		c.Mentors[firm] = map[string]bool{"housing": rng.IntN(2) == 0}
	}
	c.Partnerships = map[string]Partnership{"f1": {PledgedHours: 100, HoursLeft: float64(rng.IntN(101))}}
	return c
}

func randomWeights(rng *rand.Rand) Weights {
	var w Weights
	for w.Validate() != nil {
		v := func() float64 { return float64(rng.IntN(4)) * float64(rng.IntN(30)) / 3 }
		w = Weights{v(), v(), v(), v(), v(), v(), v(), v()}
	}
	return w
}

// TestRankProperties: scores stay in [0, 1], a lone non-zero weight makes the score that factor's
// value, a limited ranking is the full ranking's prefix, and Rank agrees with Evaluate.
func TestRankProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 1))
	eligible := 0
	for round := range 300 {
		r := testReferral()
		r.MentoredOK = rng.IntN(2) == 0
		r.Urgency = []string{"routine", "soon", "urgent", "emergency"}[rng.IntN(4)]
		r.EstimatedHours = float64(rng.IntN(30))
		if rng.IntN(4) == 0 {
			r.Deadline = time.Time{}
		}
		c := randomContext(rng)
		as := make([]Attorney, 1+rng.IntN(40))
		for i := range as {
			as[i] = randomAttorney(rng, rng.IntN(60)) // duplicate ids tie on everything
		}
		w := randomWeights(rng)
		full := Rank(r, as, c, w, 0)
		eligible += full.Eligible
		excluded := 0
		for _, n := range full.Excluded {
			excluded += n
		}
		if full.Eligible != len(full.Candidates) || full.Eligible+excluded != len(as) {
			t.Fatalf("round %d: %d eligible, %d candidates, %d excluded of %d", round, full.Eligible, len(full.Candidates), excluded, len(as))
		}
		for i, cand := range full.Candidates {
			if cand.Score < 0 || cand.Score > 1 {
				t.Fatalf("round %d: score %v outside [0, 1]", round, cand.Score)
			}
			if i > 0 && worse(&full.Candidates[i-1], cand.Score, cand.AttorneyID) {
				t.Fatalf("round %d: %v ranks above %v", round, cand, full.Candidates[i-1])
			}
		}
		limit := 1 + rng.IntN(10)
		top := Rank(r, as, c, w, limit)
		if want := full.Candidates[:min(limit, len(full.Candidates))]; !slices.Equal(top.Candidates, want) {
			t.Fatalf("round %d: top %d %v, want %v", round, limit, idsOf(top.Candidates), idsOf(want))
		}
		ranked, seen := map[string]Candidate{}, map[string]int{}
		for _, cand := range full.Candidates {
			ranked[cand.AttorneyID] = cand
		}
		for _, a := range as {
			seen[a.ID]++
		}
		for _, a := range as {
			ev := Evaluate(r, a, c, w)
			if cand, ok := ranked[a.ID]; ok && seen[a.ID] == 1 && cand != ev.Candidate {
				t.Fatalf("round %d: Rank's %+v, Evaluate's %+v", round, cand, ev.Candidate)
			}
			job := newAssessment(&r, &c)
			s := job.subject(&a)
			if k, failed := s.firstFailure(); failed != (len(ev.Failures) > 0) || failed && ev.Failures[0].Constraint != Constraints[k] {
				t.Fatalf("round %d: Evaluate fails %v, Rank's first failure %q", round, ev.Failures, Constraints[k])
			}
		}
		for i := range factorCount {
			var lone [factorCount]float64
			lone[i] = 1 + float64(rng.IntN(100))
			w := Weights{lone[0], lone[1], lone[2], lone[3], lone[4], lone[5], lone[6], lone[7]}
			for _, cand := range Rank(r, as, c, w, 0).Candidates {
				if cand.Score != cand.Factors[i].Value {
					t.Fatalf("round %d: weight only on %s: score %v, value %v", round, factorNames[i], cand.Score, cand.Factors[i].Value)
				}
			}
		}
	}
	if eligible < 500 {
		t.Fatalf("only %d eligible attorneys in all rounds: the test checks too little", eligible)
	}
}
