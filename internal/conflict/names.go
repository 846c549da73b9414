// Name matching for conflict checks. The database narrows the candidates with
// pg_trgm; the code here decides each candidate and says why, so a person can
// clear near hits with the reason in front of them.

package conflict

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SimilarityThreshold is the trigram similarity at or above which two
// normalised names are a potential conflict.
//
// pg_trgm's default of 0.3 flags "Delta Airlines" against "Delta Dental"
// (0.30) and "Acme Corp" against "Acme Bank" (0.50 once "corp" is gone), so
// every shared word becomes work for a person. At 0.6 one-letter spelling
// variants of multi-word names still pass ("Jonathan Smyth"/"Jonathon Smyth"
// 0.67, "Acme Holdings"/"Acme Holding" 0.80), while a shared first word with a
// different second word does not. Exact, person and organisation rules in
// Classify catch what trigrams miss (initials, nicknames, romanised spellings,
// trading names, acronyms), and one there keeps apart similar names that share
// only common words.
const SimilarityThreshold = 0.6

// Level is how strongly a registry entry collides with a party.
type Level int

// Levels, weakest first, so callers can compare them with < and >.
const (
	NoMatch   Level = iota // different names: nothing to record
	Potential              // a person must look and clear it, with the reason recorded
	Conflict               // the same name: the firm cannot take the matter without consent
)

// String returns the level as stored and shown: "none", "potential" or "conflict".
func (l Level) String() string {
	switch l {
	case Potential:
		return "potential"
	case Conflict:
		return "conflict"
	default:
		return "none"
	}
}

// Verdict is the outcome of comparing one party with one registry entry.
// Reason is recorded with a potential conflict so whoever clears it sees what matched.
type Verdict struct {
	Level  Level
	Reason string
}

// Normalize returns the comparable form of a person's or organisation's name:
// lower case ASCII-folded letters and digits, single spaces, with honorifics,
// generational and legal-entity suffixes removed and "Surname, First" turned
// into "first surname". Normalize(Normalize(x)) == Normalize(x).
//
// It does not know whether the name is a person's, so the same rules apply to
// both; that is safe because both sides of a comparison go through it.
func Normalize(name string) string {
	return strings.Join(trimNoise(joinParts(splitParts(fold(name))), true), " ")
}

// fold decomposes (NFKD), drops combining marks and apostrophes, lower-cases and
// maps letters that do not decompose (ł, ø, ß). It repeats until nothing changes
// because lower-casing or mapping can produce a character NFKD would change again.
func fold(s string) string {
	for range 8 {
		next := foldOnce(s)
		if next == s {
			break
		}
		s = next
	}
	return s
}

func foldOnce(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) || isApostrophe(r) {
			continue
		}
		r = unicode.ToLower(r)
		if m, ok := letterFold[r]; ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isApostrophe reports characters that join a name rather than split it:
// O'Brien is "obrien", McDonald's is "mcdonalds".
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u02bc', '\u02b9', '\u00b4', '\u2032':
		return true
	}
	return false
}

// letterFold maps lower-case letters that NFKD leaves alone to their usual
// ASCII spelling, so "Łukasz" and "Lukasz" compare equal.
var letterFold = map[rune]string{
	'ł': "l", 'đ': "d", 'ð': "d", 'ø': "o", 'ħ': "h", 'ŧ': "t", 'ı': "i",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ς': "σ", 'ŀ': "l",
}

// splitParts turns folded text into comma-separated parts of word tokens.
// Commas are kept apart because they carry meaning ("Smith, John"; "Acme, Inc.")
// that is lost once punctuation becomes space.
func splitParts(s string) [][]string {
	var parts [][]string
	var cur []string
	var chunk strings.Builder // a run of letters, digits and periods
	flush := func() {
		cur = append(cur, chunkTokens(chunk.String())...)
		chunk.Reset()
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			chunk.WriteRune(r)
		case r == '&':
			flush()
			cur = append(cur, "and")
		case r == ',':
			flush()
			parts = append(parts, cur)
			cur = nil
		default:
			flush()
		}
	}
	flush()
	return append(parts, cur)
}

// chunkTokens splits a run such as "l.l.c." or "j.smith" at its periods. A run
// made only of single letters is an initialism and is joined ("llc", "na"),
// so dotted suffixes are recognised; anything else splits into words.
func chunkTokens(chunk string) []string {
	pieces := strings.FieldsFunc(chunk, func(r rune) bool { return r == '.' })
	for _, p := range pieces {
		r, n := utf8.DecodeRuneInString(p)
		if n != len(p) || !unicode.IsLetter(r) {
			return pieces
		}
	}
	if len(pieces) == 0 {
		return nil
	}
	return []string{strings.Join(pieces, "")}
}

// joinParts puts comma-separated parts back together. Parts that are only
// noise ("Inc.", "Jr.") are dropped, and two short name-like parts are read as
// "Surname, First" and swapped. If everything was noise the words are kept, so
// a name never normalises to nothing just because it is "Company, Inc.".
func joinParts(parts [][]string) []string {
	if len(parts) == 1 {
		return parts[0]
	}
	var kept [][]string
	for _, p := range parts {
		if p = trimNoise(p, false); len(p) > 0 {
			kept = append(kept, p)
		}
	}
	switch {
	case len(kept) == 0:
		return concat(parts)
	case len(kept) == 2 && looksLikeSurnameFirst(kept[0], kept[1]):
		return concat([][]string{kept[1], kept[0]})
	default:
		return concat(kept)
	}
}

func concat(parts [][]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// looksLikeSurnameFirst guards the swap so that "Skadden, Arps, ..." style firm
// names and "Acme Bank, Trust Department" keep their order.
func looksLikeSurnameFirst(surname, given []string) bool {
	if len(surname) > 3 || len(given) > 3 {
		return false
	}
	for _, t := range append(append([]string{}, surname...), given...) {
		if orgWords[t] || strings.ContainsFunc(t, unicode.IsDigit) {
			return false
		}
	}
	return true
}

var orgWords = setOf("and", "of", "the", "for", "bank", "group", "holding", "holdings",
	"partners", "associates", "trust", "foundation", "association", "university",
	"services", "international", "fund", "church", "county", "city", "state",
	"department", "center", "centre", "hospital", "school", "law", "firm")

// trimNoise strips honorifics and "the" from the front and legal-entity and
// generational suffixes from the end, repeating until stable ("Acme Co. Ltd").
// A "&"/"and" left dangling by a suffix ("Smith & Co.") goes too. With keepOne
// the last word is never removed, so "The Company" stays "company".
func trimNoise(toks []string, keepOne bool) []string {
	lo := 0
	if keepOne {
		lo = 1
	}
	for {
		n := len(toks)
		for len(toks) > lo && leadingNoise[toks[0]] {
			toks = toks[1:]
		}
		stripped := false
		for len(toks) > lo && trailingNoise[toks[len(toks)-1]] {
			toks, stripped = toks[:len(toks)-1], true
		}
		for stripped && len(toks) > lo && toks[len(toks)-1] == "and" {
			toks = toks[:len(toks)-1]
		}
		if len(toks) == n {
			return toks
		}
	}
}

// leadingNoise is removed from the start only: "Dr Pepper" becomes "pepper",
// which costs nothing because both sides of a comparison lose it alike.
var leadingNoise = setOf("the", "mr", "mrs", "ms", "mx", "miss", "dr", "prof",
	"professor", "hon", "rev", "sir", "dame")

// trailingNoise is removed from the end only, so "Coca Cola" and "Inc Magazine"
// keep their words.
var trailingNoise = setOf(
	"inc", "incorporated", "llc", "ltd", "limited", "co", "company", "corp",
	"corporation", "pllc", "llp", "lllp", "lp", "pc", "na", "plc", "gmbh", "pty",
	"jr", "sr", "ii", "iii", "iv", "esq", "phd")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// personKey returns "surname f" (surname, a space, first initial) for a
// person's normalised name, "" if it cannot tell (fewer than two words). The
// initial is taken after nickname canonicalisation, so "Bob Smith" is "smith r".
func personKey(normalized string) string {
	toks := strings.Fields(normalized)
	if len(toks) < 2 {
		return ""
	}
	first := toks[0]
	if c := nicknames[first]; len(c) > 0 {
		first = c[0]
	}
	r, _ := utf8.DecodeRuneInString(first)
	return toks[len(toks)-1] + " " + string(r)
}
