package matching

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"
)

// benchPool is n attorneys of 500 firms across ten jurisdictions and eight areas, in four US zones,
// with the windows, blackouts and loads profiles have. allEligible makes every one of them pass the
// referral's constraints, the worst case for ranking.
func benchPool(n int, allEligible bool) ([]Attorney, Context) {
	rng := rand.New(rand.NewPCG(2026, 12))
	jurisdictions := []string{"IL", "NY", "US-NYSD", "CA", "TX", "FL", "WI", "US-ILND", "OH", "PA"}
	areas := []string{"housing", "housing.eviction", "family", "immigration", "consumer", "employment", "benefits", "education"}
	languages := []string{"es", "zh", "vi", "fr", "ar", "ru"}
	var zones []*time.Location
	for _, name := range []string{"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		zones = append(zones, loc)
	}
	c := Context{
		Now:          testNow,
		Conflicts:    map[string]ConflictState{},
		Mentors:      map[string]map[string]bool{},
		Partnerships: map[string]Partnership{},
		Declined:     map[string]bool{},
	}
	for f := range 500 {
		firm := fmt.Sprintf("firm-%03d", f)
		c.Conflicts[firm] = ConflictClear
		if !allEligible && f%10 == 0 {
			c.Conflicts[firm] = ConflictPotential
		}
		c.Mentors[firm] = map[string]bool{"housing": f%2 == 0}
		if f%7 == 0 {
			c.Partnerships[firm] = Partnership{PledgedHours: 200, HoursLeft: float64(f % 200)}
		}
	}
	as := make([]Attorney, n)
	for i := range as {
		a := Attorney{
			ID:              fmt.Sprintf("%08d-0000-4000-8000-%012d", rng.IntN(1e8), i),
			FirmID:          fmt.Sprintf("firm-%03d", rng.IntN(500)),
			Admissions:      map[string]bool{jurisdictions[rng.IntN(len(jurisdictions))]: rng.IntN(10) > 0},
			Areas:           map[string]Experience{areas[rng.IntN(len(areas))]: Experience(1 + rng.IntN(4))},
			WorkMode:        []string{"remote", "in_person", "either", "either"}[rng.IntN(4)],
			AcceptsMentored: rng.IntN(3) == 0,
			MaxActive:       1 + rng.IntN(6),
			Active:          rng.IntN(4),
			MonthlyBudget:   float64(10 + rng.IntN(40)),
			HoursThisMonth:  float64(rng.IntN(20)),
			AnnualGoal:      float64(rng.IntN(3) * 50),
			HoursThisYear:   float64(rng.IntN(100)),
			Location:        zones[rng.IntN(len(zones))],
			RecentOffers:    rng.IntN(8),
		}
		if rng.IntN(2) == 0 {
			a.Admissions[jurisdictions[rng.IntN(len(jurisdictions))]] = true
			a.Areas[areas[rng.IntN(len(areas))]] = Experience(1 + rng.IntN(4))
			a.Languages = []string{languages[rng.IntN(len(languages))]}
		}
		if allEligible {
			a.Admissions["IL"], a.Areas["housing"], a.WorkMode = true, ExperienceSome+Experience(rng.IntN(3)), "either"
			a.MaxActive, a.Active, a.MonthlyBudget, a.HoursThisMonth = 5, rng.IntN(5), 60, float64(rng.IntN(50))
		}
		for wd := range 1 + rng.IntN(5) {
			start := (8 + rng.IntN(10)) * 60
			a.Windows = append(a.Windows, Window{Weekday: time.Weekday(1 + wd), Start: start, End: start + 60*(1+rng.IntN(4))})
		}
		if rng.IntN(4) == 0 {
			from := testNow.AddDate(0, 0, rng.IntN(20)).Truncate(24 * time.Hour)
			a.Blackouts = []DateRange{{From: from, To: from.AddDate(0, 0, rng.IntN(10))}}
		}
		as[i] = a
		c.MaxRecentOffers = max(c.MaxRecentOffers, a.RecentOffers)
	}
	for i := 0; i < n; i += 97 {
		c.Declined[as[i].ID] = true
	}
	return as, c
}

// BenchmarkRank ranks one urgent referral against 50,000 attorneys and reports the 95th percentile
// of the iterations' wall times, and of their CPU times (see threadCPUTime), besides the mean; run it
// with -benchtime=200x for percentiles over 200 ranks.
func BenchmarkRank(b *testing.B) {
	r := testReferral()
	r.Urgency, r.MentoredOK = "urgent", true
	for _, pool := range []struct {
		name        string
		allEligible bool
	}{{"mixed", false}, {"all-eligible", true}} {
		as, c := benchPool(50_000, pool.allEligible)
		for _, limit := range []int{50, 0} {
			b.Run(fmt.Sprintf("%s/limit=%d", pool.name, limit), func(b *testing.B) {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				var wall, cpu []time.Duration
				var rk Ranking
				b.ReportAllocs()
				for b.Loop() {
					start, startCPU := time.Now(), threadCPUTime()
					rk = Rank(r, as, c, DefaultWeights(), limit)
					wall, cpu = append(wall, time.Since(start)), append(cpu, threadCPUTime()-startCPU)
				}
				b.ReportMetric(p95(wall), "p95-ms")
				if cpu[len(cpu)-1] > 0 {
					b.ReportMetric(p95(cpu), "p95-cpu-ms")
				}
				b.ReportMetric(float64(rk.Eligible), "eligible")
			})
		}
	}
}

// p95 is the 95th percentile of the durations, in milliseconds.
func p95(ds []time.Duration) float64 {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return float64(ds[(len(ds)*95+99)/100-1].Microseconds()) / 1000
}
