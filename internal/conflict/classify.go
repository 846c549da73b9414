// Classify and its rules: how two names relate, and why.

package conflict

import (
	"fmt"
	"strings"
	"unicode"
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
	p, e := newName(party, Normalize(party), partyIsPerson), newName(entry, Normalize(entry), entryIsPerson)
	v := classify(p, e)
	if v.Level == NoMatch && v.Reason == "" {
		v.Reason = fmt.Sprintf("different names (similarity %.2f)", trigramSimilarity(p.tri, e.tri))
	}
	return v
}

// name is a normalised name prepared for comparison: a check compares each
// party with hundreds of candidates, so words and trigrams are worked out once.
type name struct {
	norm     string
	words    []string
	compact  string   // without spaces
	surnames []string // a person's surname forms: see surnameForms
	core     string   // an organisation's core: see coreOf
	acronym  string   // an organisation's initials: see acronymOf
	capitals bool     // written in capitals, as acronyms are
	tri      []trigram
	person   bool
}

// newName prepares the name raw, whose normal form is normalized.
func newName(raw, normalized string, person bool) name {
	n := name{norm: normalized, words: strings.Fields(normalized), compact: strings.ReplaceAll(normalized, " ", ""),
		tri: trigrams(normalized), person: person, capitals: isCapitals(raw)}
	if len(n.words) == 0 {
		return n
	}
	if person {
		n.surnames = surnameForms(n.words)
	} else {
		n.core, n.acronym = coreOf(n.words), acronymOf(n.words)
	}
	return n
}

// isCapitals says whether a raw name is written in capitals, as acronyms are.
func isCapitals(raw string) bool {
	return strings.ContainsFunc(raw, unicode.IsUpper) && !strings.ContainsFunc(raw, unicode.IsLower)
}

func classify(p, e name) Verdict {
	if p.norm == "" || e.norm == "" {
		return Verdict{NoMatch, "empty name after normalisation"}
	}
	if p.norm == e.norm {
		return Verdict{Conflict, fmt.Sprintf("exact match after normalisation (%q)", p.norm)}
	}
	if p.person && e.person {
		if v, ok := comparePersons(p, e); ok {
			return v
		}
	}
	sim := trigramSimilarity(p.tri, e.tri)
	vetoed := ""
	if sim >= SimilarityThreshold {
		reason, differ := "", false
		if !p.person || !e.person {
			reason, differ = differInIdentifyingWords(p.words, e.words)
		}
		if !differ {
			return Verdict{Potential, fmt.Sprintf("similar names (similarity %.2f)", sim)}
		}
		vetoed = reason
	}
	if !p.person && !e.person {
		if reason, ok := sameOrganization(p, e); ok {
			return Verdict{Potential, reason}
		}
	}
	if reason, ok := spellingVariant(p, e); ok {
		return Verdict{Potential, reason}
	}
	return Verdict{NoMatch, vetoed} // a check drops these unread; Classify words the reason
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

// sameOrganization applies the rules for two organisations' names that trigrams miss: a trading
// name against the legal name ("Kmart" and "K-Mart Holding Corporation" have one core), one
// letter apart in the core, and an acronym written in capitals against the full name ("ACLU" and
// "American Civil Liberties Union").
func sameOrganization(p, e name) (string, bool) {
	switch {
	case p.core == "" || e.core == "":
		return "", false
	case p.core == e.core:
		return fmt.Sprintf("same name apart from spacing, hyphens and descriptive words (%q)", p.core), true
	case utf8.RuneCountInString(p.core) >= 6 && utf8.RuneCountInString(e.core) >= 6 && withinEdits(p.core, e.core, 1):
		return fmt.Sprintf("names one letter apart (%q ~ %q)", p.core, e.core), true
	case p.capitals && p.core == e.acronym:
		return fmt.Sprintf("acronym of the name (%s = %s)", strings.ToUpper(p.core), e.norm), true
	case e.capitals && e.core == p.acronym:
		return fmt.Sprintf("acronym of the name (%s = %s)", strings.ToUpper(e.core), p.norm), true
	}
	return "", false
}

// differInIdentifyingWords says whether two organisations' names, similar as a whole, share only
// common words and each has a word the other lacks: "Northside Legal Services" and "Southside
// Legal Services" are two organisations, told apart by the one word that identifies each. Names
// that share an uncommon word ("Chicago Legal Aid Society"/"Chicago Legal Aid Foundation"), or
// where one only adds words to the other ("First National Bank of Omaha"), are left to trigrams.
func differInIdentifyingWords(a, b []string) (string, bool) {
	a, b = significantWords(a), significantWords(b)
	var shared, onlyA, onlyB []string
	for _, w := range a {
		if matchesAny(w, b) {
			shared = append(shared, w)
		} else {
			onlyA = append(onlyA, w)
		}
	}
	for _, w := range b {
		if !matchesAny(w, a) {
			onlyB = append(onlyB, w)
		}
	}
	if len(shared) == 0 || len(onlyA) == 0 || len(onlyB) == 0 {
		return "", false
	}
	for _, w := range shared {
		if !commonWord(w) {
			return "", false
		}
	}
	return fmt.Sprintf("different names sharing only common words (%s): %q and %q differ",
		strings.Join(shared, ", "), strings.Join(onlyA, " "), strings.Join(onlyB, " ")), true
}

func significantWords(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if !acronymStopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

func matchesAny(w string, words []string) bool {
	for _, x := range words {
		if sameWord(w, x) {
			return true
		}
	}
	return false
}

// sameWord says whether two words of organisations' names are one word: equal, the same after
// a plural ending or an abbreviation ("properties"/"property", "mgmt"/"management"), or one
// letter apart in words of five letters or more.
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	a, b = wordStem(a), wordStem(b)
	if a == b {
		return true
	}
	return utf8.RuneCountInString(a) >= 5 && utf8.RuneCountInString(b) >= 5 && withinEdits(a, b, 1)
}

// wordStem is a word's abbreviation expanded and its plural ending removed.
func wordStem(w string) string {
	if full, ok := abbreviations[w]; ok {
		w = full
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// How the first names or surnames of two people relate.
type relation int

const (
	relNone relation = iota
	relSound
	relVariant
	relPart
	relNickname
	relInitial
	relSame
)

// comparePersons applies the rules that only make sense for people: middle
// names are ignored, first names may be initials, spelling variants or
// nicknames, and a surname may be one part of a double-barrelled one or
// written with its particles joined ("de la Cruz"/"Delacruz"). A name of two
// words is also tried the other way round, as family-name-first names are
// written ("Ivanov Sergey"). It reports false when the names are not the same
// person by these rules.
func comparePersons(p, e name) (Verdict, bool) {
	if len(p.words) < 2 || len(e.words) < 2 {
		return Verdict{}, false
	}
	if v, ok := comparePersonWords(p.words, e.words, p.surnames, e.surnames); ok {
		return v, true
	}
	if len(e.words) == 2 {
		swapped := []string{e.words[1], e.words[0]}
		return comparePersonWords(p.words, swapped, p.surnames, surnameForms(swapped))
	}
	return Verdict{}, false
}

func comparePersonWords(p, e, pSur, eSur []string) (Verdict, bool) {
	sur, surDesc := surnameRelation(pSur, eSur, p[1:], e[1:])
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
	case sur == relSame && first == relSound:
		reason = fmt.Sprintf("same surname, first names sound alike (%s)", firstDesc)
	case sur == relSame:
		reason = fmt.Sprintf("same surname and first initial (%q)", surDesc+" "+strings.TrimPrefix(firstDesc, "initial "))
	default:
		reason = fmt.Sprintf("first names match (%s) and surnames overlap (%s)", firstDesc, surDesc)
	}
	return Verdict{Potential, reason}, true
}

// surnameRelation compares the surname forms of two names (see surnameForms), and each last
// word with the other name's later words, so "Mary Smith-Jones" meets "Mary Smith".
func surnameRelation(formsA, formsB, restA, restB []string) (relation, string) {
	best, desc := relNone, ""
	for _, a := range formsA {
		for _, b := range formsB {
			if r, d := surnamePair(a, b); r > best {
				best, desc = r, d
			}
		}
	}
	if best != relNone {
		return best, desc
	}
	a, b := formsA[0], formsB[0]
	switch {
	case contains(restB, a):
		return relPart, a
	case contains(restA, b):
		return relPart, b
	}
	return relNone, ""
}

func surnamePair(a, b string) (relation, string) {
	switch {
	case a == b:
		return relSame, a
	case utf8.RuneCountInString(a) >= 4 && utf8.RuneCountInString(b) >= 4 && withinEdits(a, b, 1):
		return relVariant, a + " ~ " + b
	case soundsAlike(a, b):
		return relSound, a + " ~ " + b
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
	if soundsAlike(a, b) {
		return relSound, a + " ~ " + b
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
