package conflict

import "testing"

func TestEscapeCell_SpreadsheetFormulasShowAsTextAndUnescapeGivesThemBack(t *testing.T) {
	cases := map[string]string{
		"Acme Inc": "Acme Inc", "": "", "O'Brien": "O'Brien", "'quoted'": "'quoted'",
		"=SUM(A1)": "'=SUM(A1)", "+1 Holdings": "'+1 Holdings", "-42": "'-42", "@Home": "'@Home",
		"\tTab": "'\tTab", "\rCR": "'\rCR", "'=x": "''=x", "''+x": "'''+x", "a=b": "a=b",
	}
	for in, want := range cases {
		got := escapeCell(in)
		if got != want {
			t.Errorf("escapeCell(%q) = %q, want %q", in, got, want)
		}
		if back := unescapeCell(got); back != in {
			t.Errorf("unescapeCell(%q) = %q, want %q", got, back, in)
		}
	}
}

func FuzzEscapeCell_RoundTrips(f *testing.F) {
	for _, s := range []string{"=x", "'=x", "''", "'", "-", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		e := escapeCell(v)
		if formulaStart(e) {
			t.Fatalf("escapeCell(%q) = %q still starts a formula", v, e)
		}
		if back := unescapeCell(e); back != v {
			t.Fatalf("unescapeCell(escapeCell(%q)) = %q", v, back)
		}
	})
}
