// Match keys: what the database looks up besides similar trigrams, for the variants trigrams score
// low. People get phonetic keys of surname and first name (Kuznetsov/Kuznetsoff, Mikhail/Michael);
// organisations a core key (the name without spaces, hyphens and descriptive words: K-Mart
// Corporation/Kmart) and an acronym key (American Civil Liberties Union/ACLU). Keys only find
// candidates; Classify decides them.

package conflict

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/antzucaro/matchr"
)

// Key prefixes keep the kinds of keys apart in one indexed column.
const (
	soundKeyPrefix   = "s:"
	coreKeyPrefix    = "c:"
	acronymKeyPrefix = "a:"
)

// entryKeys returns the match keys stored with a registry name (normalised).
func entryKeys(normalized string, person bool) []string {
	words := strings.Fields(normalized)
	if len(words) == 0 {
		return nil
	}
	if person {
		return soundKeys(words)
	}
	var keys []string
	if core := coreOf(words); core != "" {
		keys = append(keys, coreKeyPrefix+core)
	}
	if acronym := acronymOf(words); acronym != "" {
		keys = append(keys, acronymKeyPrefix+acronym)
	}
	return keys
}

// storedKeys returns entryKeys as stored: never nil, since NULL marks a row whose keys are still to
// be filled in.
func storedKeys(normalized string, person bool) []string {
	if keys := entryKeys(normalized, person); keys != nil {
		return keys
	}
	return []string{}
}

// probeKeys returns the keys a party's name (normalised) looks up: its own keys, and for an
// organisation the keys of the other form of an acronym, so "ACLU" finds entries whose acronym is
// "aclu" and "American Civil Liberties Union" finds an entry named "ACLU".
func probeKeys(normalized string, person bool) []string {
	keys := entryKeys(normalized, person)
	if words := strings.Fields(normalized); !person && len(words) > 0 {
		if core := coreOf(words); acronymLike(core) {
			keys = append(keys, acronymKeyPrefix+core)
		}
		if acronym := acronymOf(words); acronym != "" {
			keys = append(keys, coreKeyPrefix+acronym)
		}
	}
	return keys
}

// soundKeys returns "s:" + a phonetic code of the surname + " " + one of the first name, for
// every pair of the codes double metaphone gives. The surname is taken with its particles ("de la
// cruz" is "delacruz") and romanised spellings folded ("kuznetsoff" is "kuznetsov") first; the
// first name after nickname canonicalisation ("bob" is "robert").
func soundKeys(words []string) []string {
	if len(words) < 2 {
		return nil
	}
	first := words[0]
	if c := nicknames[first]; len(c) > 0 {
		first = c[0]
	}
	surnames := surnameForms(words)
	var keys []string
	for _, s := range metaphones(romanise(surnames[len(surnames)-1])) {
		for _, f := range metaphones(first) {
			keys = append(keys, soundKeyPrefix+s+" "+f)
		}
	}
	return keys
}

// metaphones returns the distinct double metaphone codes of a word, none for a word without Latin
// letters.
func metaphones(word string) []string {
	if word == "" || maxEditRunes < utf8.RuneCountInString(word) {
		return nil
	}
	primary, alternate := matchr.DoubleMetaphone(word)
	switch {
	case primary == "":
		return nil
	case alternate == "" || alternate == primary:
		return []string{primary}
	}
	return []string{primary, alternate}
}

// soundsAlike says whether two words are spellings of one name: they share a double metaphone
// code and, once romanised spellings are folded, are within a few edits (one for short words, two
// from five letters). The edit limit keeps what metaphone alone would join apart: "John" and
// "Jane" share their codes.
func soundsAlike(a, b string) bool {
	ra, rb := romanise(a), romanise(b)
	allowed := 1
	if min(utf8.RuneCountInString(ra), utf8.RuneCountInString(rb)) >= 5 {
		allowed = 2
	}
	if !withinEdits(ra, rb, allowed) {
		return false
	}
	ca, cb := append(metaphones(a), metaphones(ra)...), append(metaphones(b), metaphones(rb)...)
	for _, x := range ca {
		if contains(cb, x) {
			return true
		}
	}
	return false
}

// romaniser folds spellings that romanisations of one name differ by: German, French, English
// and Slavic renderings of Cyrillic, Arabic and other scripts ("Moustafa"/"Mustafa",
// "Sergey"/"Sergei", "Aleksey"/"Alexei", "Tchaikovsky"/"Chaikovsky"). The replacer tries the
// longer spellings first.
var romaniser = strings.NewReplacer("tsch", "ch", "tch", "ch", "sch", "sh", "ph", "f", "kh", "h", "ck", "k",
	"x", "ks", "ou", "u", "oo", "u", "y", "i")

// romanise returns the folded spelling of one word: romaniser's replacements, a final "ff" or "w"
// read as "v" (Petroff, Romanow), and doubled letters single (Mohammed, Hussein).
func romanise(w string) string {
	w = romaniser.Replace(w)
	switch {
	case strings.HasSuffix(w, "ff"):
		w = w[:len(w)-2] + "v"
	case strings.HasSuffix(w, "w"):
		w = w[:len(w)-1] + "v"
	}
	var b strings.Builder
	b.Grow(len(w))
	var prev rune
	for _, r := range w {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// surnameParticles join the family name they precede, so "Ludwig van Beethoven" and "Ludwig
// Vanbeethoven", "Juan de la Cruz" and "Juan Delacruz" have one surname.
var surnameParticles = setOf("van", "von", "der", "den", "de", "del", "della", "dela", "di", "da", "du", "la",
	"le", "dos", "das", "al", "el", "bin", "ibn", "bint", "abu", "mac", "mc", "st", "ter", "ten", "ver", "op")

// surnameForms returns the last word of a person's name and, if particles precede it (never the
// first word, the given name), the particles and the last word joined.
func surnameForms(words []string) []string {
	last := len(words) - 1
	i := last
	for i > 1 && surnameParticles[words[i-1]] {
		i--
	}
	if i == last {
		return []string{words[last]}
	}
	return []string{words[last], strings.Join(words[i:], "")}
}

// descriptorWords say what kind of business a name is rather than which one: a trading name
// leaves them out of the legal name ("Wal-Mart Stores, Inc." trades as "Walmart").
var descriptorWords = setOf("group", "holding", "holdings", "store", "stores", "enterprise", "enterprises",
	"companies", "brands", "international", "intl", "worldwide", "operations", "the", "and")

// coreOf returns an organisation's name without spaces and descriptive words, abbreviations
// written out: "k mart" and "kmart holding" are both "kmart", "acme prop mgmt" is
// "acmepropertymanagement". A name that is only descriptive words has no core.
func coreOf(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if full, ok := abbreviations[w]; ok {
			w = full
		}
		if !descriptorWords[w] {
			b.WriteString(w)
		}
	}
	return b.String()
}

// acronymStopWords are left out of acronyms: the NAACP is the National Association for the
// Advancement of Colored People.
var acronymStopWords = setOf("of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la")

// acronymOf returns the initials of a name of three or more significant words, "" otherwise: two
// initials are shared by too many names to say anything.
func acronymOf(words []string) string {
	var b strings.Builder
	n := 0
	for _, w := range words {
		if acronymStopWords[w] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			return ""
		}
		b.WriteRune(r)
		n++
	}
	if n < 3 || n > 10 {
		return ""
	}
	return b.String()
}

// acronymLike says whether a core could be an acronym: three to ten letters, one word.
func acronymLike(core string) bool {
	n := utf8.RuneCountInString(core)
	return n >= 3 && n <= 10 && !strings.ContainsFunc(core, func(r rune) bool { return !unicode.IsLetter(r) })
}
