package conflict

import "testing"

func TestNormalize_FoldsVariantsToOneForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"María", "maria"},
		{"Zoë Ångström", "zoe angstrom"},
		{"Łukasz Wałęsa", "lukasz walesa"},
		{"Straße GmbH", "strasse"},
		{"ＡＣＭＥ Ｉｎｃ", "acme"},
		{"Acme, Inc.", "acme"},
		{"Acme L.L.C.", "acme"},
		{"Acme Co. Ltd", "acme"},
		{"Acme Corp", "acme"},
		{"Acme Corporation", "acme"},
		{"McDonald's Corporation", "mcdonalds"},
		{"Wells Fargo Bank, N.A.", "wells fargo bank"},
		{"A & B Co.", "a and b"},
		{"Smith & Co.", "smith"},
		{"Ernst & Young, LLP", "ernst and young"},
		{"The Home Depot", "home depot"},
		{"The Coca-Cola Company", "coca cola"},
		{"Coca Cola", "coca cola"},
		{"Smith, John", "john smith"},
		{"Smith, J.", "j smith"},
		{"SMITH, Dr. John, Jr.", "john smith"},
		{"Dr. Jane O'Neil-Smith Jr.", "jane oneil smith"},
		{"O’Brien", "obrien"},
		{"Mr.  John   Q.  Public III", "john q public"},
		{"J.Smith", "j smith"},
		{"Skadden, Arps, Slate, Meagher & Flom LLP", "skadden arps slate meagher and flom"},
		{"Bank of America, N.A.", "bank of america"},
		{"The Company", "company"},
		{"Inc. LLC", "inc"},
		{"", ""},
		{" .,-/()!? ", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonKey_SurnameAndCanonicalFirstInitial(t *testing.T) {
	tests := []struct{ in, want string }{
		{"John Smith", "smith j"},
		{"J. Smith", "smith j"},
		{"Smith, John Q.", "smith j"},
		{"Dr. Jane O'Neil-Smith Jr.", "smith j"},
		{"Bob Smith", "smith r"},
		{"Bill Gates", "gates w"},
		{"María José García", "garcia m"},
		{"Smith", ""},
		{"", ""},
		{"Mr. Jr.", ""},
	}
	for _, tt := range tests {
		if got := personKey(Normalize(tt.in)); got != tt.want {
			t.Errorf("personKey(Normalize(%q)) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSimilarity_MatchesPostgres holds numbers taken from PostgreSQL 15.20
// (pg_trgm, database locale C.UTF-8) for the same inputs:
// SELECT similarity(a, b). Postgres returns float4, so compare as float32.
func TestSimilarity_MatchesPostgres(t *testing.T) {
	tests := []struct {
		a, b string
		want float32
	}{
		{"acme holding", "acme holdings", 0.8},
		{"jonathan smyth", "jonathon smyth", 0.6666667},
		{"john smith", "smith john", 1},
		{"acme", "acme bank", 0.5},
		{"apple", "applebees", 0.45454547},
		{"delta airlines", "delta dental", 0.3},
		{"wells fargo", "wells real estate", 0.25},
		{"john smith", "john smithson", 0.6666667},
		{"jane smithson", "john smith", 0.31578946},
		{"María", "maria", 0.33333334},
		{"Łódź", "lodz", 0},
		{"Иван Петров", "иван петров", 1},
		{"東京 Ab1_x", "東京", 0.33333334},
		{"", "", 0},
		{"a", "", 0},
		{"a", "a", 1},
		{"O'Brien-Smith, Jr.", "obrien smith jr", 0.7368421},
		{"mcdonalds", "mcdonalds corporation", 0.45454547},
		{"home depot", "the home depot", 0.73333335},
		{"John Q. Smith", "John Smith", 0.84615386},
		{"x", "y", 0},
		{"ab", "ba", 0},
		{"Zoë Ångström", "zoe angstrom", 0.23809524},
		{"12345", "1234", 0.5714286},
		{"ÀÉÎÕÜ àéîõü", "aeiou", 0},
		{"jon smith", "john smith", 0.61538464},
		{"bob smith", "robert smith", 0.3529412},
		{"acme corp", "acme corporation", 0.5},
		{"ΣΑΣ", "σας", 0.33333334},
		{"straße", "strasse", 0.36363637},
	}
	for _, tt := range tests {
		if got := float32(Similarity(tt.a, tt.b)); got != tt.want {
			t.Errorf("Similarity(%q, %q) = %v, Postgres says %v", tt.a, tt.b, got, tt.want)
		}
	}
}

type classifyCase struct {
	party       string
	partyPerson bool
	entry       string
	entryPerson bool
}

func checkClassify(t *testing.T, want Level, cases []classifyCase) {
	t.Helper()
	for _, c := range cases {
		got := Classify(c.party, c.partyPerson, c.entry, c.entryPerson)
		if got.Level != want {
			t.Errorf("Classify(%q, %q) = %s (%s), want %s", c.party, c.entry, got.Level, got.Reason, want)
		}
		if got.Reason == "" {
			t.Errorf("Classify(%q, %q) gave no reason", c.party, c.entry)
		}
	}
}

const (
	asPerson = true
	asOrg    = false
)

func TestClassify_SameNameIsConflict(t *testing.T) {
	checkClassify(t, Conflict, []classifyCase{
		{"Acme Corp", asOrg, "Acme Corporation", asOrg},
		{"Acme, Inc.", asOrg, "ACME INCORPORATED", asOrg},
		{"McDonalds", asOrg, "McDonald's Corporation", asOrg},
		{"The Home Depot", asOrg, "Home Depot, Inc.", asOrg},
		{"Bank of America", asOrg, "Bank of America, N.A.", asOrg},
		{"Target Corp", asOrg, "Target Corporation", asOrg},
		{"Pfizer", asOrg, "Pfizer Inc.", asOrg},
		{"A & B Co.", asOrg, "A and B Company", asOrg},
		{"Smith, John", asPerson, "John Smith", asPerson},
		{"Mr. John Smith Jr.", asPerson, "john smith", asPerson},
		{"José García", asPerson, "Jose Garcia", asPerson},
		{"María O'Brien", asPerson, "Maria OBrien", asPerson},
		{"Dr. Jane O'Neil-Smith", asPerson, "Jane ONeil Smith, Esq.", asPerson},
		{"John Smith", asPerson, "John Smith LLC", asOrg},
	})
}

func TestClassify_NearNameIsPotential(t *testing.T) {
	checkClassify(t, Potential, []classifyCase{
		{"Acme Holdings", asOrg, "Acme Holding", asOrg},
		{"Acme Widgets", asOrg, "Acme Widget", asOrg},
		{"Greenfield Properties", asOrg, "Greenfield Property LLC", asOrg},
		{"Goldman Sachs", asOrg, "Goldman Sachs Group", asOrg},
		{"First National Bank", asOrg, "First National Bank of Omaha", asOrg},
		{"Walmart Stores", asOrg, "Wal-Mart Stores", asOrg},
		{"Wal-Mart", asOrg, "Walmart", asOrg},
		{"Microsoft", asOrg, "Microsft Corp", asOrg},
		{"Jonathan Smyth", asPerson, "Jonathon Smyth", asPerson},
		{"Bob Smith", asPerson, "Robert Smith", asPerson},
		{"Bill Gates", asPerson, "William Gates", asPerson},
		{"Kate Jones", asPerson, "Catherine Jones", asPerson},
		{"Sam Lee", asPerson, "Samantha Lee", asPerson},
		{"Chris Wong", asPerson, "Christopher Wong", asPerson},
		{"J. Smith", asPerson, "John Smith", asPerson},
		{"Smith, J.", asPerson, "John Smith", asPerson},
		{"Jon Smith", asPerson, "John Smith", asPerson},
		{"John Q. Smith", asPerson, "John Smith", asPerson},
		{"Steven Brown", asPerson, "Stephen Brown", asPerson},
		{"Katherine Jones", asPerson, "Catherine Jones", asPerson},
		{"Mary Smith-Jones", asPerson, "Mary Smith", asPerson},
		{"Robert Johnson", asPerson, "Robert Johnston", asPerson},
		{"Smith John", asPerson, "John Smith", asPerson},
		{"John Smithson", asPerson, "John Smith", asPerson},
	})
}

func TestClassify_LookAlikesDoNotMatch(t *testing.T) {
	checkClassify(t, NoMatch, []classifyCase{
		{"Acme Corp", asOrg, "Acme Bank", asOrg},
		{"Apple Inc", asOrg, "Applebee's", asOrg},
		{"Delta Airlines", asOrg, "Delta Dental", asOrg},
		{"Wells Fargo", asOrg, "Wells Real Estate", asOrg},
		{"General Motors", asOrg, "General Mills", asOrg},
		{"American Airlines", asOrg, "American Express", asOrg},
		{"United Healthcare", asOrg, "United Airlines", asOrg},
		{"Acme", asOrg, "Acne", asOrg},
		{"John Smith", asPerson, "Jane Doe", asPerson},
		{"Jane Smith", asPerson, "John Smith", asPerson},
		{"Mary Smithson", asPerson, "John Smith", asPerson},
		{"Jane Smithson", asPerson, "John Smith", asPerson},
		{"Jim Brown", asPerson, "Joe Brown", asPerson},
		{"Robert Smith", asPerson, "Robert Jones", asPerson},
		{"Bob Smith", asOrg, "Robert Smith", asOrg},
		{"", asPerson, "John Smith", asPerson},
		{"Inc.", asOrg, "LLC", asOrg},
	})
}

func TestClassify_ReasonNamesWhatMatched(t *testing.T) {
	tests := []struct {
		c    classifyCase
		want string
	}{
		{classifyCase{"Acme Corp", asOrg, "Acme Corporation", asOrg}, `exact match after normalisation ("acme")`},
		{classifyCase{"Bob Smith", asPerson, "Robert Smith", asPerson}, `same name with nickname (bob = robert)`},
		{classifyCase{"J. Smith", asPerson, "John Smith", asPerson}, `same surname and first initial ("smith j")`},
		{classifyCase{"Acme Holdings", asOrg, "Acme Holding", asOrg}, `similar names (similarity 0.80)`},
		{classifyCase{"John Q. Smith", asPerson, "John Smith", asPerson}, `same first name and surname, middle names differ ("john smith")`},
	}
	for _, tt := range tests {
		got := Classify(tt.c.party, tt.c.partyPerson, tt.c.entry, tt.c.entryPerson)
		if got.Reason != tt.want {
			t.Errorf("Classify(%q, %q).Reason = %q, want %q", tt.c.party, tt.c.entry, got.Reason, tt.want)
		}
	}
}

func TestLevel_String(t *testing.T) {
	for l, want := range map[Level]string{NoMatch: "none", Potential: "potential", Conflict: "conflict"} {
		if got := l.String(); got != want {
			t.Errorf("Level(%d).String() = %q, want %q", l, got, want)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	for b.Loop() {
		Classify("Dr. Jonathan Q. Smyth-Jones Jr.", true, "Smyth-Jones, Jonathon", true)
	}
}

func BenchmarkNormalize(b *testing.B) {
	for b.Loop() {
		Normalize("The Coca-Cola Company of Atlanta, Inc.")
	}
}

// withinEdits takes shortcuts (trimming what both names share, deciding one edit without the
// full distance); on every pair of short strings over a small alphabet it must agree with the
// full Levenshtein distance.
func TestWithinEdits_AgreesWithTheFullDistance(t *testing.T) {
	var words []string
	var grow func(prefix string)
	grow = func(prefix string) {
		words = append(words, prefix)
		if len([]rune(prefix)) < 4 {
			for _, r := range "abé" {
				grow(prefix + string(r))
			}
		}
	}
	grow("")
	for _, a := range words {
		for _, b := range words {
			d := editDistance([]rune(a), []rune(b))
			for k := 0; k <= 2; k++ {
				if got := withinEdits(a, b, k); got != (d <= k) {
					t.Fatalf("withinEdits(%q, %q, %d) = %v, distance %d", a, b, k, got, d)
				}
			}
		}
	}
}
