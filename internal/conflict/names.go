// Name matching for conflict checks. The database narrows the candidates with
// pg_trgm; the code here decides each candidate and says why, so a person can
// clear near hits with the reason in front of them.

package conflict

import (
	"fmt"
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
// different second word does not. Exact and person-specific rules in Classify
// catch what trigrams miss (initials, nicknames).
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

// PersonKey returns "surname f" (surname, a space, first initial) for a
// person's name, "" if it cannot tell (fewer than two words). The initial is
// taken after nickname canonicalisation, so "Bob Smith" is "smith r".
func PersonKey(name string) string {
	toks := strings.Fields(Normalize(name))
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

// Classify compares a referral party's name with a registry entry's name (both
// raw) and says whether they match and why. partyIsPerson and entryIsPerson
// tell whether each name is a person's (else an organisation's); the
// person-only rules apply when both are people.
//
// Only identical normalised names are a Conflict. A nickname ("Bob" for
// "Robert") is a Potential, not a Conflict: nicknames are ambiguous ("Jack" is
// a name in its own right, "Sam" may be Samuel or Samantha), and a Conflict
// blocks the match with no one looking, while a Potential still guarantees a
// person sees it, so nothing real slips through.
func Classify(party string, partyIsPerson bool, entry string, entryIsPerson bool) Verdict {
	p, e := Normalize(party), Normalize(entry)
	if p == "" || e == "" {
		return Verdict{NoMatch, "empty name after normalisation"}
	}
	if p == e {
		return Verdict{Conflict, fmt.Sprintf("exact match after normalisation (%q)", p)}
	}
	if partyIsPerson && entryIsPerson {
		if v, ok := comparePersons(strings.Fields(p), strings.Fields(e)); ok {
			return v
		}
	}
	sim := Similarity(p, e)
	if sim >= SimilarityThreshold {
		return Verdict{Potential, fmt.Sprintf("similar names (similarity %.2f)", sim)}
	}
	if reason, ok := spellingVariant(p, e); ok {
		return Verdict{Potential, reason}
	}
	return Verdict{NoMatch, fmt.Sprintf("different names (similarity %.2f)", sim)}
}

// spellingVariant catches what trigrams score low on single long words:
// "Walmart"/"Wal-Mart" (0.55) differ only in spacing, "Microsoft"/"Microsft"
// (0.58) by one letter. Short names are left out because one letter there
// is a different name ("Acme"/"Acne").
func spellingVariant(p, e string) (string, bool) {
	cp, ce := strings.ReplaceAll(p, " ", ""), strings.ReplaceAll(e, " ", "")
	if cp == ce {
		return fmt.Sprintf("same letters, different spacing (%q)", cp), true
	}
	if utf8.RuneCountInString(cp) >= 6 && utf8.RuneCountInString(ce) >= 6 && withinEdits(cp, ce, 1) {
		return fmt.Sprintf("names one letter apart (%q ~ %q)", p, e), true
	}
	return "", false
}

// How the first names or surnames of two people relate.
type relation int

const (
	relNone relation = iota
	relVariant
	relPart
	relNickname
	relInitial
	relSame
)

// comparePersons applies the rules that only make sense for people: middle
// names are ignored, first names may be initials, spelling variants or
// nicknames, and a surname may be one part of a double-barrelled one. It
// reports false when the names are not the same person by these rules.
func comparePersons(p, e []string) (Verdict, bool) {
	if len(p) < 2 || len(e) < 2 {
		return Verdict{}, false
	}
	sur, surDesc := surnameRelation(p[len(p)-1], e[len(e)-1], p[1:], e[1:])
	if sur == relNone {
		return Verdict{}, false
	}
	first, firstDesc := firstNameRelation(p[0], e[0])
	if first == relNone {
		return Verdict{}, false
	}
	var reason string
	switch {
	case sur == relSame && first == relSame:
		reason = fmt.Sprintf("same first name and surname, middle names differ (%q)", p[0]+" "+surDesc)
	case sur == relSame && first == relNickname:
		reason = fmt.Sprintf("same name with nickname (%s)", firstDesc)
	case sur == relSame:
		reason = fmt.Sprintf("same surname and first initial (%q)", surDesc+" "+strings.TrimPrefix(firstDesc, "initial "))
	default:
		reason = fmt.Sprintf("first names match (%s) and surnames overlap (%s)", firstDesc, surDesc)
	}
	return Verdict{Potential, reason}, true
}

// surnameRelation compares the last words of two names, and each last word with
// the other name's later words, so "Mary Smith-Jones" meets "Mary Smith".
func surnameRelation(a, b string, restA, restB []string) (relation, string) {
	switch {
	case a == b:
		return relSame, a
	case contains(restB, a):
		return relPart, a
	case contains(restA, b):
		return relPart, b
	case utf8.RuneCountInString(a) >= 4 && utf8.RuneCountInString(b) >= 4 && withinEdits(a, b, 1):
		return relVariant, a + " ~ " + b
	}
	return relNone, ""
}

// firstNameRelation compares two first names, trying each nickname's full
// forms, and describes the match for the reason text.
func firstNameRelation(a, b string) (relation, string) {
	if a == b {
		return relSame, a
	}
	fa, fb := nameForms(a), nameForms(b)
	for _, x := range fa {
		if contains(fb, x) {
			return relNickname, nicknameDesc(a, b, x)
		}
	}
	for _, x := range fa {
		for _, y := range fb {
			if initialsCompatible(x, y) {
				r, _ := utf8.DecodeRuneInString(x)
				return relInitial, "initial " + string(r)
			}
		}
	}
	return relNone, ""
}

func nicknameDesc(a, b, full string) string {
	if a == full || b == full {
		return a + " = " + b
	}
	return a + " = " + b + " = " + full
}

// initialsCompatible says whether two first names with the same initial could
// be written for one person: an initial ("J."), run-together initials ("JQ"),
// a shortening ("Chris"/"Christopher") or a misspelling ("Jon"/"John").
// "Jane" and "John" share only the initial and are not compatible: same
// surname and initial alone would flag every "J. Smith" pair in a big registry.
func initialsCompatible(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if ra != rb {
		return false
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la <= 2 || lb <= 2 || strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		return true
	}
	allowed := 1
	if min(la, lb) >= 5 {
		allowed = 2
	}
	return withinEdits(a, b, allowed)
}

func nameForms(first string) []string {
	return append([]string{first}, nicknames[first]...)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// withinEdits reports whether a and b are at most k single-rune edits apart.
// Names are short; anything past maxEditRunes is not a spelling variant, and
// the cap keeps hostile input from costing quadratic time.
func withinEdits(a, b string, k int) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > maxEditRunes || len(rb) > maxEditRunes || abs(len(ra)-len(rb)) > k {
		return false
	}
	return editDistance(ra, rb) <= k
}

const maxEditRunes = 64

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the Levenshtein distance between ra and rb.
func editDistance(ra, rb []rune) int {
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nicknames maps a common English nickname to the full first names it stands
// for. Ambiguous ones list every full name ("sam": Samuel or Samantha).
var nicknames = map[string][]string{
	"bob": {"robert"}, "bobby": {"robert"}, "rob": {"robert"}, "robbie": {"robert"},
	"bill": {"william"}, "billy": {"william"}, "will": {"william"}, "willie": {"william"},
	"liam": {"william"}, "jim": {"james"}, "jimmy": {"james"}, "jamie": {"james"},
	"mike": {"michael"}, "mikey": {"michael"}, "mick": {"michael"},
	"liz": {"elizabeth"}, "lizzie": {"elizabeth"}, "beth": {"elizabeth"},
	"betty": {"elizabeth"}, "betsy": {"elizabeth"}, "libby": {"elizabeth"},
	"kate": {"katherine", "catherine"}, "katie": {"katherine", "catherine"},
	"kathy": {"katherine", "kathleen"}, "cathy": {"catherine"},
	"tom": {"thomas"}, "tommy": {"thomas"}, "dick": {"richard"}, "rick": {"richard"},
	"ricky": {"richard"}, "rich": {"richard"}, "chuck": {"charles"}, "charlie": {"charles"},
	"peggy": {"margaret"}, "maggie": {"margaret"}, "meg": {"margaret"},
	"jack": {"john"}, "johnny": {"john"}, "joe": {"joseph"}, "joey": {"joseph"},
	"sam": {"samuel", "samantha"}, "sammy": {"samuel", "samantha"},
	"alex": {"alexander", "alexandra"}, "sandy": {"alexandra", "sandra"},
	"dan": {"daniel"}, "danny": {"daniel"}, "dave": {"david"}, "davy": {"david"},
	"ed": {"edward"}, "eddie": {"edward"}, "ted": {"edward", "theodore"},
	"tony": {"anthony"}, "andy": {"andrew"}, "drew": {"andrew"},
	"steve": {"steven", "stephen"}, "chris": {"christopher", "christine", "christina"},
	"matt": {"matthew"}, "nick": {"nicholas"}, "pat": {"patrick", "patricia"},
	"greg": {"gregory"}, "jeff": {"jeffrey"}, "jen": {"jennifer"}, "jenny": {"jennifer"},
	"sue": {"susan"}, "susie": {"susan"}, "ben": {"benjamin"}, "larry": {"lawrence"},
	"jerry": {"gerald", "jerome"}, "fred": {"frederick"}, "harry": {"henry", "harold"},
	"hank": {"henry"}, "pete": {"peter"}, "ron": {"ronald"}, "don": {"donald"},
	"ken": {"kenneth"}, "tim": {"timothy"}, "abby": {"abigail"}, "debbie": {"deborah"},
	"becky": {"rebecca"}, "vicky": {"victoria"}, "cindy": {"cynthia"}, "pam": {"pamela"},
}

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
