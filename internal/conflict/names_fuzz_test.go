package conflict

import (
	"strings"
	"testing"
)

// FuzzNormalize checks the properties callers rely on: Normalize never
// panics, is idempotent (so stored normalised names can be normalised again),
// and returns lower-case words separated by single spaces. Classify and the match
// keys must not panic on whatever Normalize accepts.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", " ", ".,-/()!?", "Inc LLC", "The Company, Inc.", ",,,", "Smith,", ", John",
		"Smith, John, Jr.", "Dr. Jane O'Neil-Smith Jr.", "María Zoë Łukasz", "ＡＣＭＥ Ｉｎｃ",
		"Straße", "ŉ", "Ⅻ", "İstanbul", "ΣΑΣ", "東京", "L.L.C.", "a.b.c.", "&&&", "Smith & Co & Co",
		"\xff\xfe", "a\u0301\u0327", "The The", "Mr Mrs Dr", "x, y, z", "\u1e9e", "ǅ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if again := Normalize(got); again != got {
			t.Fatalf("not idempotent: Normalize(%q) = %q, Normalize(%q) = %q", s, got, got, again)
		}
		if strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces", s, got)
		}
		if strings.ToLower(got) != got {
			t.Fatalf("Normalize(%q) = %q is not lower case", s, got)
		}
		_ = personKey(Normalize(s))
		_, _ = probeKeys(got, true), probeKeys(got, false)
		_ = Classify(s, true, got, true)
		_ = Classify(s, false, "Acme Corp", false)
	})
}
