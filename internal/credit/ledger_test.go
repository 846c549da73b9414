package credit

import "testing"

func TestTakeBack_UndoesWhatACorrectionRemovesUnderTheOriginalsTerms(t *testing.T) {
	for _, c := range []struct {
		name            string
		granted         Granted
		hours, credited Centihours
		capApplied      bool
	}{
		{"uncapped at 1.5", Granted{LedgerRow: LedgerRow{Hours: 200, Credited: 300}, RatioPercent: 150}, -50, -75, false},
		{"capped with room to spare", Granted{LedgerRow: LedgerRow{Hours: 300, Credited: 300, CapApplied: true}, RatioPercent: 150}, -60, 0, true},
		{"capped past the slack", Granted{LedgerRow: LedgerRow{Hours: 300, Credited: 300, CapApplied: true}, RatioPercent: 150, ReversedHours: -60}, -120, -120, false},
		{"all of it", Granted{LedgerRow: LedgerRow{Hours: 100, Credited: 100}, RatioPercent: 100}, -100, -100, false},
		{"nothing was credited", Granted{LedgerRow: LedgerRow{Hours: 100}, RatioPercent: 100}, -50, 0, false},
	} {
		row := LedgerRow{Hours: c.hours}
		takeBack(&row, &c.granted)
		if row.Credited != c.credited || row.CapApplied != c.capApplied || row.Reason == "" {
			t.Errorf("%s: %+v, want %d credited, capped %v", c.name, row, c.credited, c.capApplied)
		}
	}
}
