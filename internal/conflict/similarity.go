// A Go port of pg_trgm's similarity, so thresholds mean the same here and in SQL.

package conflict

import (
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
	ta, tb := trigrams(a), trigrams(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for t := range ta {
		if tb[t] {
			common++
		}
	}
	return float64(float32(common) / float32(len(ta)+len(tb)-common))
}

// trigrams returns the distinct trigrams of s as pg_trgm's show_trgm would,
// each as a 3-rune string.
func trigrams(s string) map[string]bool {
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	set := make(map[string]bool, len(s)+2*len(words))
	for _, w := range words {
		padded := []rune("  " + strings.ToLower(w) + " ")
		for i := 0; i+3 <= len(padded); i++ {
			set[string(padded[i:i+3])] = true
		}
	}
	return set
}
