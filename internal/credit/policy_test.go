package credit

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFiscalYear_IsNamedAfterTheCalendarYearItEndsIn(t *testing.T) {
	for _, c := range []struct {
		day        string
		start      time.Month
		year       int
		starts, to string
	}{
		{"2026-01-01", time.January, 2026, "2026-01-01", "2026-12-31"},
		{"2026-12-31", time.January, 2026, "2026-01-01", "2026-12-31"},
		{"2026-06-30", time.July, 2026, "2025-07-01", "2026-06-30"},
		{"2026-07-01", time.July, 2027, "2026-07-01", "2027-06-30"},
		{"2025-10-01", time.October, 2026, "2025-10-01", "2026-09-30"},
		{"2028-01-31", time.February, 2028, "2027-02-01", "2028-01-31"},
		{"2028-02-29", time.February, 2029, "2028-02-01", "2029-01-31"},
	} {
		year := fiscalYearOf(day(c.day), c.start)
		p := periodOf(year, c.start)
		if year != c.year || p.StartsOn != day(c.starts) || p.EndsOn != day(c.to) || day(c.day).Before(p.StartsOn) || day(c.day).After(p.EndsOn) {
			t.Errorf("%s from month %d: fiscal year %d, %s to %s; want %d, %s to %s", c.day, c.start, year,
				p.StartsOn.Format(time.DateOnly), p.EndsOn.Format(time.DateOnly), c.year, c.starts, c.to)
		}
	}
}

func TestInForce_IsTheNewestVersionFromOnOrBeforeTheDay(t *testing.T) {
	policies := []Policy{{EffectiveFrom: day("2026-07-01"), RatioPercent: 200}, {EffectiveFrom: day("2026-01-01"), RatioPercent: 100}}
	for d, want := range map[string]int{"2025-12-31": 0, "2026-01-01": 100, "2026-06-30": 100, "2026-07-01": 200, "2030-01-01": 200} {
		got := 0
		if p := inForce(policies, day(d)); p != nil {
			got = p.RatioPercent
		}
		if got != want {
			t.Errorf("%s: ratio %d, want %d", d, got, want)
		}
	}
}

func TestExactly_ReadsDecimalsThatFloatsCannotHoldExactly(t *testing.T) {
	for _, c := range []struct {
		v     float64
		per   float64
		units int64
		ok    bool
	}{
		{1.15, 100, 115, true}, {0.29, 100, 29, true}, {2.01, 100, 201, true}, {1.125, 100, 0, false},
		{50.3, 10, 503, true}, {50.25, 10, 0, false}, {412000.1, 10, 4120001, true}, {-3, 10, -30, true},
	} {
		units, ok := exactly(c.v, c.per)
		if ok != c.ok || (ok && units != c.units) {
			t.Errorf("exactly(%v, %v) = %d, %v; want %d, %v", c.v, c.per, units, ok, c.units, c.ok)
		}
	}
}
