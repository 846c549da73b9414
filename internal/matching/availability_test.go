package matching

import (
	"math/rand/v2"
	"testing"
	"time"
)

// naiveAvailability counts day by day and window by window what availabilityOf counts in closed form.
func naiveAvailability(r *Referral, a *Attorney, now time.Time) availability {
	loc := a.Location
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	today := dateDay(local)
	nowMin := local.Hour()*60 + local.Minute()
	last := today + noDeadlineDays
	if !r.Deadline.IsZero() {
		last = max(dateDay(r.Deadline), today)
	}
	v := availability{lastDay: last}
	horizon := urgencyHorizonHours(r.Urgency)
	endDay, endMin := today+int64(horizon/24), nowMin
	if endDay > last {
		endDay, endMin = last, minutesPerDay
	}
	for d := today; d <= last; d++ {
		blocked, date := false, dayDate(d).Format(time.DateOnly)
		for _, b := range a.Blackouts {
			if b.From.Format(time.DateOnly) <= date && date <= b.To.Format(time.DateOnly) {
				blocked = true
			}
		}
		working := len(a.Windows) == 0
		for _, w := range a.Windows {
			if int(w.Weekday) != weekdayOf(d) || w.End <= w.Start {
				continue
			}
			working = true
			if blocked {
				continue
			}
			from := 0
			if d == today {
				from = nowMin
			}
			v.minutes += max(0, min(w.End, minutesPerDay)-max(w.Start, from))
			if horizon > 0 && d <= endDay {
				to := minutesPerDay
				if d == endDay {
					to = endMin
				}
				v.soonMinutes += max(0, min(w.End, to, minutesPerDay)-max(w.Start, from))
			}
		}
		switch {
		case working && blocked:
			v.blocked++
		case working:
			v.open++
		}
	}
	return v
}

func TestAvailabilityAgainstDayByDay(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 3000 {
		r := testReferral()
		r.Urgency = []string{"routine", "soon", "urgent", "emergency"}[rng.IntN(4)]
		r.Deadline = testNow.AddDate(0, 0, rng.IntN(400)-3).Truncate(24 * time.Hour)
		if rng.IntN(5) == 0 {
			r.Deadline = time.Time{}
		}
		a := randomAttorney(rng, i)
		now := testNow.Add(time.Duration(rng.IntN(7*24*60)) * time.Minute)
		k := newClock(&r, now)
		got, want := availabilityOf(&k, &a), naiveAvailability(&r, &a, now)
		if got != want {
			t.Fatalf("attorney %+v, referral %+v, now %v: got %+v, want %+v", a, r, now, got, want)
		}
	}
}

func TestCivilDay(t *testing.T) {
	for d := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2500; d = d.AddDate(0, 0, 13) {
		if got, want := dateDay(d), d.Unix()/86400; got != want {
			t.Fatalf("%v: day %d, want %d", d, got, want)
		}
		if got := weekdayOf(dateDay(d)); got != int(d.Weekday()) {
			t.Fatalf("%v: weekday %d, want %v", d, got, d.Weekday())
		}
	}
}
