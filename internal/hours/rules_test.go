package hours

import (
	"testing"
	"time"
)

func TestDateFaults_TodayIsTheAttorneysDayNotUTCs(t *testing.T) {
	// 03:00 UTC on 5 December is still 4 December in Chicago, and already 5 December in Tokyo.
	now := time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC)
	started := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	dec := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		zone string
		day  time.Time
		ok   bool
	}{
		{"America/Chicago", dec(4), true},
		{"America/Chicago", dec(5), false},
		{"Asia/Tokyo", dec(5), true},
		{"Asia/Tokyo", dec(6), false},
		{"", dec(5), true}, // no time zone: UTC
		{"", dec(6), false},
		{"Not/AZone", dec(5), true}, // one Go does not know: UTC
	} {
		faults := dateFaults(Matter{StartedAt: started, TimeZone: c.zone}, c.day, now)
		if (len(faults) == 0) != c.ok {
			t.Errorf("%s on %s: %v", c.zone, c.day.Format(time.DateOnly), faults)
		}
	}
}

func TestDateFaults_TheMattersDaysInTheAttorneysZone(t *testing.T) {
	// Accepted at 02:00 UTC on 10 November: the 9th in Chicago. Withdrawn at 03:00 UTC on the 20th:
	// the 19th in Chicago.
	started := time.Date(2026, 11, 10, 2, 0, 0, 0, time.UTC)
	ended := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	m := Matter{StartedAt: started, EndedAt: &ended, Status: "withdrawn", TimeZone: "America/Chicago"}
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	nov := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	for d, ok := range map[int]bool{8: false, 9: true, 19: true, 20: false} {
		if faults := dateFaults(m, nov(d), now); (len(faults) == 0) != ok {
			t.Errorf("November %d: %v", d, faults)
		}
	}
}

func TestHours_SpellsMinutesInTenths(t *testing.T) {
	for minutes, want := range map[int]string{6: "0.1", 60: "1.0", 150: "2.5", 1440: "24.0", -90: "-1.5", 0: "0.0"} {
		if got := Hours(minutes); got != want {
			t.Errorf("Hours(%d) = %s, want %s", minutes, got, want)
		}
	}
}
