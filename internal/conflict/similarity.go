// A Go port of pg_trgm's similarity, so thresholds mean the same here and in SQL.

package conflict

import (
	"slices"
	"strings"
	"unicode"
)

// Similarity is a Go port of PostgreSQL pg_trgm's similarity() applied to two
// strings: it gives the number Postgres does, so a threshold tuned here means
// the same in a "%" query. Words are runs of letters and digits, lower-cased
// and padded with two spaces in front and one behind; the score is shared
// distinct trigrams over all distinct trigrams, computed in float4 as Postgres
// does, and 0 when either side has none.
//
// Two differences cannot matter for names: Postgres hashes a trigram of
// multibyte characters to 3 bytes, so two such trigrams may collide there; and
// Postgres's idea of a letter follows the database locale (this is Unicode, as
// in a UTF-8 locale; a "C" locale database treats only ASCII as letters).
func Similarity(a, b string) float64 {
	return trigramSimilarity(trigrams(a), trigrams(b))
}

// trigramSimilarity scores two sorted sets of trigrams as pg_trgm does.
func trigramSimilarity(a, b []trigram) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return float64(float32(common) / float32(len(a)+len(b)-common))
}

// trigram is three runes packed into one number (21 bits each, enough for any
// code point), so a name's trigrams are a sorted slice compared by merging.
type trigram uint64

// trigrams returns the distinct trigrams of s as pg_trgm's show_trgm would, sorted.
func trigrams(s string) []trigram {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	set := make([]trigram, 0, len(s)+2*len(words))
	for _, w := range words {
		a, b := trigram(' '), trigram(' ') // each word is padded with two spaces in front and one behind
		for _, r := range strings.ToLower(w) {
			c := trigram(r)
			set = append(set, a<<42|b<<21|c)
			a, b = b, c
		}
		set = append(set, a<<42|b<<21|' ')
	}
	slices.Sort(set)
	return slices.Compact(set)
}
