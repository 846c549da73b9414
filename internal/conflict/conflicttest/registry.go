// Package conflicttest generates realistic conflict registries for benchmarks: person and company
// names drawn from common US first names, surnames and business words, deterministic for a seed.
package conflicttest

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

var (
	firstNames = strings.Fields(`james mary robert patricia john jennifer michael linda david elizabeth william barbara
richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony margaret
mark sandra donald ashley steven kimberly paul emily andrew donna joshua michelle kenneth carol kevin amanda brian
dorothy george melissa timothy deborah ronald stephanie edward rebecca jason sharon jeffrey laura ryan cynthia jacob
kathleen gary amy nicholas angela eric shirley jonathan anna stephen brenda larry pamela justin emma scott nicole
brandon helen benjamin samantha samuel katherine gregory christine alexander debra frank rachel patrick carolyn
raymond janet jack catherine dennis maria jerry heather tyler diane aaron ruth jose julie adam olivia henry joyce
nathan virginia douglas victoria zachary kelly peter lauren kyle christina ethan joan walter evelyn noah judith
jeremy megan christian andrea keith cheryl roger hannah terry jacqueline gerald martha harold gloria sean teresa
austin ann carl sara arthur madison lawrence frances dylan kathryn jesse janice jordan jean bryan abigail billy alice
luis judy bruce sophia gabriel grace logan denise albert amber willie doris alan marilyn juan danielle wayne beverly
elijah isabella randy theresa roy diana vincent natalie ralph brittany eugene charlotte russell marie bobby kayla
mason alexis philip lori wei li mei jun hiroshi yuki ahmed fatima mohammed aisha carlos lucia diego sofia ivan olga`)
	surnames = strings.Fields(`smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez
lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera
campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris
morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward
richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel
myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales
fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole
hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez
mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson
porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson
boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver
ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley
knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins
hoffman johnston matthews pena richards contreras willis carpenter lawrence sandoval guerrero george chapman rios
estrada ortega watkins greene nunez wheeler valdez harper burke larson santiago maldonado morrison franklin carlson
austin dominguez carr lawson jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson
gilbert dean sims espinoza howell li wong reid hanson le mccoy garrett burton fuller wang weber welch rojas lucas
marquez fields park yang little banks padilla day walsh bowman schultz luna fowler mejia davidson acosta brewer
may holland juarez newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila
wade molina stanley hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier
powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts duran walters
cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon hail benson haynes horton miles
lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love`)
	bizWords = strings.Fields(`acme apex summit harbor lakeview riverside northgate pinnacle keystone granite cedar maple
oak willow evergreen liberty heritage pioneer frontier eagle falcon atlas titan orion meridian beacon crescent
sterling golden silver blue red green united national american global pacific atlantic midwest southern northern
metro urban capital first central premier allied consolidated integrated advanced dynamic strategic precision
quality reliable trusted secure swift bright clear prime core vertex vista horizon legacy landmark crossroads
gateway bridgeport fairview hillcrest brookside stonebridge ironwood redwood sequoia aspen birch sycamore magnolia`)
	bizKinds = strings.Fields(`property management holdings properties realty logistics construction services
capital partners group industries systems solutions foods motors healthcare insurance lending finance credit
apartments homes development manufacturing consulting transport storage energy media`)
	suffixes = []string{"LLC", "Inc", "Inc.", "Corp", "Corporation", "Co", "Ltd", "LLP", "L.L.C.", ""}
	roles    = []string{"client", "client", "former_client", "adverse", "adverse", "related"}
)

// Name returns a deterministic name for row i: three in five are people.
func Name(r *rand.Rand) (name, kind string) {
	if r.IntN(5) < 3 {
		first := firstNames[r.IntN(len(firstNames))]
		last := surnames[r.IntN(len(surnames))]
		if r.IntN(4) == 0 { // a middle initial
			return title(first) + " " + strings.ToUpper(string(firstNames[r.IntN(len(firstNames))][0])) + ". " + title(last), "person"
		}
		return title(first) + " " + title(last), "person"
	}
	words := []string{title(bizWords[r.IntN(len(bizWords))]), title(bizKinds[r.IntN(len(bizKinds))])}
	if r.IntN(3) == 0 {
		words = append([]string{title(surnames[r.IntN(len(surnames))])}, words...)
	}
	if s := suffixes[r.IntN(len(suffixes))]; s != "" {
		words = append(words, s)
	}
	return strings.Join(words, " "), "organization"
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// WriteCSV writes a registry of n rows in the import format, one in ten with an alias. The row on
// file line badLine (the header is line 1), if any, has a type the import rejects.
func WriteCSV(w io.Writer, n int, seed uint64, badLine int) error {
	r := rand.New(rand.NewPCG(seed, seed))
	if _, err := io.WriteString(w, "name,type,role,aliases,matter_ref\n"); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		name, kind := Name(r)
		alias := ""
		if r.IntN(10) == 0 {
			alias, _ = Name(r)
		}
		if i+2 == badLine {
			kind = "alien"
		}
		if _, err := fmt.Fprintf(w, "%q,%s,%s,%q,M-%07d\n", name, kind, roles[r.IntN(len(roles))], alias, i); err != nil {
			return err
		}
	}
	return nil
}
