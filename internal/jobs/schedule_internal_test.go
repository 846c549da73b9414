package jobs

import (
	"testing"
	"time"
)

func TestParseSpec_EveryTicksAtTheSameTimesInEveryProcess(t *testing.T) {
	next, err := parseSpec("@every 15m")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 10, 7, 31, 0, time.UTC)
	if got, want := next(at), time.Date(2026, 12, 3, 10, 15, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("next(%v) = %v, want %v", at, got, want)
	}
	daily, err := parseSpec("0 7 * * *")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := daily(at), time.Date(2026, 12, 4, 7, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("daily next = %v, want %v", got, want)
	}
	for _, bad := range []string{"@every", "@every 10ms", "@every soon", "61 * * * *", "sometimes"} {
		if _, err := parseSpec(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestDefaultSchedules_Parse(t *testing.T) {
	for _, name := range ScheduleNames() {
		if _, err := parseSpec(defaultSchedules[name].Spec); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
