// Common words of organisations' names: two names that share only these are not the same
// organisation for that alone.

package conflict

// commonWord says whether a word (of a normalised name) is common in organisations' names: a
// sector, a kind of organisation, a place word, or a word registries repeat.
func commonWord(w string) bool {
	return commonOrgWords[w] || commonOrgWords[wordStem(w)]
}

// commonOrgWords are the words that many organisations' names share, in the singular (commonWord
// also looks up a word's stem): what a registry of clients and opponents of a legal-aid practice
// repeats most, from the sectors it meets (housing, lending, health, government, charities).
var commonOrgWords = setOf(
	// legal services and justice
	"legal", "law", "aid", "service", "justice", "right", "defender", "defense", "defence", "advocacy",
	"advocate", "counsel", "attorney", "lawyer", "court", "clinic", "project", "program", "access",
	// kinds of organisation
	"association", "society", "center", "centre", "council", "committee", "coalition", "alliance", "network",
	"institute", "foundation", "fund", "trust", "union", "league", "federation", "board", "agency", "authority",
	"office", "department", "bureau", "commission", "district", "partnership", "partner", "associate",
	"organization", "organisation", "mission", "ministry", "church", "parish", "congregation", "temple",
	"school", "college", "university", "academy", "hospital", "system", "club", "cooperative", "coop",
	"group", "holding", "company", "enterprise", "industry", "store", "brand", "venture", "operation",
	// sectors
	"housing", "home", "apartment", "property", "realty", "real", "estate", "management", "development",
	"construction", "builder", "landlord", "tenant", "rental", "residential", "community", "neighborhood",
	"bank", "savings", "loan", "credit", "lending", "finance", "financial", "capital", "mortgage", "insurance",
	"mutual", "investment", "equity", "health", "healthcare", "medical", "care", "family", "child", "children",
	"youth", "senior", "women", "veteran", "worker", "employee", "consumer", "energy", "utility", "water",
	"power", "electric", "gas", "transport", "transit", "logistics", "auto", "motor", "food", "market",
	"solution", "technology", "consulting", "manufacturing", "storage", "media", "communication",
	// places and directions
	"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "midwest",
	"northeast", "northwest", "southeast", "southwest", "metro", "metropolitan", "regional", "county",
	"city", "state", "national", "american", "united", "america", "usa", "international", "global", "pacific",
	"atlantic", "new", "greater", "great", "valley", "river", "lake", "mountain", "park",
	// other common words
	"first", "general", "public", "private", "independent", "human", "social", "civil",
)

// abbreviations are the shortenings registries and forms write for common words of organisations'
// names, so "Acme Property Mgmt" and "Acme Property Management" share every word.
var abbreviations = map[string]string{
	"mgmt": "management", "svc": "service", "svcs": "services", "assn": "association", "assoc": "association",
	"intl": "international", "natl": "national", "dept": "department", "ctr": "center", "univ": "university",
	"hosp": "hospital", "dev": "development", "fin": "financial", "ins": "insurance", "bros": "brothers",
	"mfg": "manufacturing", "mtg": "mortgage", "prop": "property", "props": "properties", "apts": "apartments",
	"comm": "community", "sav": "savings", "cnty": "county", "twp": "township", "soc": "society",
}
