// Classify and its rules: how two names relate, and why.

package conflict

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

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
	p, e := newName(Normalize(party), partyIsPerson), newName(Normalize(entry), entryIsPerson)
	v := classify(p, e)
	if v.Level == NoMatch && v.Reason == "" {
		v.Reason = fmt.Sprintf("different names (similarity %.2f)", trigramSimilarity(p.tri, e.tri))
	}
	return v
}

// name is a normalised name prepared for comparison: a check compares each
// party with hundreds of candidates, so words and trigrams are worked out once.
type name struct {
	norm    string
	words   []string
	compact string // without spaces
	tri     []trigram
	person  bool
}

func newName(normalized string, person bool) name {
	return name{norm: normalized, words: strings.Fields(normalized), compact: strings.ReplaceAll(normalized, " ", ""),
		tri: trigrams(normalized), person: person}
}

func classify(p, e name) Verdict {
	if p.norm == "" || e.norm == "" {
		return Verdict{NoMatch, "empty name after normalisation"}
	}
	if p.norm == e.norm {
		return Verdict{Conflict, fmt.Sprintf("exact match after normalisation (%q)", p.norm)}
	}
	if p.person && e.person {
		if v, ok := comparePersons(p.words, e.words); ok {
			return v
		}
	}
	sim := trigramSimilarity(p.tri, e.tri)
	if sim >= SimilarityThreshold {
		return Verdict{Potential, fmt.Sprintf("similar names (similarity %.2f)", sim)}
	}
	if reason, ok := spellingVariant(p, e); ok {
		return Verdict{Potential, reason}
	}
	return Verdict{Level: NoMatch} // a check drops these unread; Classify words the reason
}

// spellingVariant catches what trigrams score low on single long words:
// "Walmart"/"Wal-Mart" (0.55) differ only in spacing, "Microsoft"/"Microsft"
// (0.58) by one letter. Short names are left out because one letter there
// is a different name ("Acme"/"Acne").
func spellingVariant(p, e name) (string, bool) {
	if p.compact == e.compact {
		return fmt.Sprintf("same letters, different spacing (%q)", p.compact), true
	}
	if utf8.RuneCountInString(p.compact) >= 6 && utf8.RuneCountInString(e.compact) >= 6 && withinEdits(p.compact, e.compact, 1) {
		return fmt.Sprintf("names one letter apart (%q ~ %q)", p.norm, e.norm), true
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
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la > maxEditRunes || lb > maxEditRunes || abs(la-lb) > k {
		return false
	}
	// What the two share at either end costs no edit, so only the middles are compared; when
	// neither middle is longer than k, no more than k edits can turn one into the other.
	a, b = trimCommon(a, b)
	if max(utf8.RuneCountInString(a), utf8.RuneCountInString(b)) <= k {
		return true
	}
	if k <= 1 {
		return false // the middles differ at both ends, and one edit cannot change both ends
	}
	return editDistance([]rune(a), []rune(b)) <= k
}

// trimCommon removes the longest common prefix of a and b, then their longest common suffix.
func trimCommon(a, b string) (string, string) {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		a, b = a[na:], b[nb:]
	}
	for a != "" && b != "" {
		ra, na := utf8.DecodeLastRuneInString(a)
		rb, nb := utf8.DecodeLastRuneInString(b)
		if ra != rb {
			break
		}
		a, b = a[:len(a)-na], b[:len(b)-nb]
	}
	return a, b
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
