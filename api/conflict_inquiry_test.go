package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/probono-match/probono/internal/apptest"
)

type inquiryView struct {
	ID       string `json:"id"`
	HitID    string `json:"hit_id"`
	FirmName string `json:"firm_name"`
	Question string `json:"question"`
	Entry    struct {
		Name    string   `json:"name"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
	} `json:"entry"`
	AskedBy        string `json:"asked_by"`
	AskedByName    string `json:"asked_by_name"`
	Answer         string `json:"answer"`
	AnsweredBy     string `json:"answered_by"`
	AnsweredByName string `json:"answered_by_name"`
	AnsweredAt     string `json:"answered_at"`
}

// clientReasons are the only reasons a hit on the client may give: the kind of match and the roles.
var clientReasons = regexp.MustCompile(`^(the same name after normalisation|a similar name); the referral's client party matches the firm's (current client|former client|adverse party|related party)$`)

// probedReferral is a submitted referral whose client, María González, also goes by an alias.
func probedReferral(t *testing.T, env *apptest.Env) referralView {
	t.Helper()
	body := referralBody(true)
	body["parties"] = []map[string]any{
		{"name": "María González", "role": "client", "kind": "person", "aliases": []string{"Maria Gonzalez-Ruiz"}},
		{"name": "Lakeview Property Management LLC", "role": "adverse", "kind": "organization"},
	}
	return createReferral(t, env, env.Login(t, nonprofitStaff, password), body)
}

func TestConflict_ProbingTheRegistryRevealsNothingTheCoordinatorDidNotType(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	v := probedReferral(t, env)
	// Guesses near the client's name: exact after normalisation, a letter off, an initial, a
	// nickname-free variant, the surname alone, and in every role.
	typed := map[string]bool{}
	for i, guess := range []string{"Maria Gonzalez", "Maria Gonzales", "Marie Gonzalez", "M. Gonzalez", "Maria Gonzalez Ruiz",
		"Mario Gonzalez", "Gonzalez", "Maria Gonzalez-Ruis"} {
		addEntry(t, env, coord, guess, "person", []string{"adverse", "former_client", "related"}[i%3])
		typed[guess] = true
	}

	forbidden := []string{"María", "González", "maria gonzalez", "Gonzalez-Ruiz", "gonzalez ruiz", "maria@example.org", "312-555-0100", "1985-04-12"}
	score := regexp.MustCompile(`\d\.\d`)
	bodies := map[string]*apptest.Response{
		"GET check":  env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/conflict-check", Token: coord.Token}),
		"POST check": env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/conflict-check", Token: coord.Token}),
		"registry":   env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries?q=gonzalez", Token: coord.Token}),
	}
	for name, r := range bodies {
		if r.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", name, r.Status, r.Body)
		}
		for _, f := range forbidden {
			if strings.Contains(string(r.Body), f) {
				t.Errorf("%s reveals %q: %s", name, f, r.Body)
			}
		}
	}
	var c checkView
	bodies["GET check"].JSON(t, &c)
	clientHits := 0
	for _, h := range c.Hits {
		if !typed[h.EntryName] && h.EntryName != "Lakeview Property Management LLC" {
			t.Errorf("a hit names %q, which nobody typed into the registry", h.EntryName)
		}
		if h.PartyRole != "client" {
			continue
		}
		clientHits++
		if h.PartyName != "" || !h.PartyWithheld || !clientReasons.MatchString(h.Reason) || score.MatchString(h.Reason) {
			t.Errorf("a hit on the client shows more than the entry, the roles and the kind of match: %+v", h)
		}
		if (h.Match == "exact") != (h.EntryName == "Maria Gonzalez") {
			t.Errorf("kind of match %q for %q", h.Match, h.EntryName)
		}
	}
	if clientHits < 4 {
		t.Fatalf("the guesses should hit the client several times, got %d: %+v", clientHits, c.Hits)
	}
}

func ask(t *testing.T, env *apptest.Env, s apptest.Session, referralID, hitID, question string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referralID + "/conflict-check/hits/" + hitID + "/inquiries",
		Token: s.Token, Body: map[string]string{"question": question}})
}

func answer(t *testing.T, env *apptest.Env, s apptest.Session, referralID, inquiryID, a string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + referralID + "/conflict-inquiries/" + inquiryID + "/answer",
		Token: s.Token, Body: map[string]string{"answer": a}})
}

func inquiries(t *testing.T, env *apptest.Env, s apptest.Session, referralID string) []inquiryView {
	t.Helper()
	var list struct{ Items []inquiryView }
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + referralID + "/conflict-inquiries", Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("inquiries: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &list)
	return list.Items
}

// withheldHit sets up a potential hit on the client: the firm's related party "Maria Gonzales".
func withheldHit(t *testing.T, env *apptest.Env) (coord apptest.Session, v referralView, hitID string) {
	t.Helper()
	coord = env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Maria Gonzales", "person", "related", "M. Gonzales")
	addEntry(t, env, coord, "Lakeview Property Management", "organization", "client")
	v = probedReferral(t, env)
	for _, h := range getCheck(t, env, coord, v.ID).Hits {
		if h.PartyRole == "client" && h.Level == "potential" {
			return coord, v, h.ID
		}
	}
	t.Fatal("no potential hit on the client")
	return
}

func TestConflictInquiry_TheReferringOrganisationSaysWhetherItIsTheSamePerson(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, v, hitID := withheldHit(t, env)
	staff := env.Login(t, nonprofitStaff, password)

	// Only the firm's coordinators ask; attorneys and others cannot tell the referral exists.
	ask(t, env, env.Login(t, "admin@hartwell.example", password), v.ID, hitID, "same_person").Problem(t, http.StatusForbidden)
	for _, email := range []string{"priya.raman@hartwell.example", "coordinator@castellan.example", nonprofitStaff} {
		ask(t, env, env.Login(t, email, password), v.ID, hitID, "same_person").Problem(t, http.StatusNotFound)
	}
	r := ask(t, env, coord, v.ID, hitID, "same_person")
	if r.Status != http.StatusCreated {
		t.Fatalf("ask: %d %s", r.Status, r.Body)
	}
	var q inquiryView
	r.JSON(t, &q)
	ask(t, env, coord, v.ID, hitID, "disclose_name").Problem(t, http.StatusConflict) // one open question per hit

	// The referring organisation sees the firm's entry, the firm and who asks; no one else sees the question.
	list := inquiries(t, env, staff, v.ID)
	if len(list) != 1 || list[0].Entry.Name != "Maria Gonzales" || len(list[0].Entry.Aliases) != 1 || list[0].Entry.Type != "person" ||
		list[0].FirmName != "Hartwell & Pierce LLP" || list[0].AskedByName == "" || list[0].Question != "same_person" || list[0].Answer != "" {
		t.Fatalf("the question as the referring organisation sees it: %+v", list)
	}
	for _, email := range []string{"staff@riverbend.example", coordinator, "admin@probono.example"} {
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/conflict-inquiries",
			Token: env.Login(t, email, password).Token}).Problem(t, http.StatusNotFound)
		answer(t, env, env.Login(t, email, password), v.ID, q.ID, "different_person").Problem(t, http.StatusNotFound)
	}

	answer(t, env, staff, v.ID, q.ID, "disclose").Problem(t, http.StatusUnprocessableEntity) // the other question's answer
	r = answer(t, env, staff, v.ID, q.ID, "different_person")
	if r.Status != http.StatusOK {
		t.Fatalf("answer: %d %s", r.Status, r.Body)
	}
	answer(t, env, staff, v.ID, q.ID, "same_person").Problem(t, http.StatusConflict)

	// The coordinator reads the answer on the hit, still without the name, and clears it.
	var hit *inquiryView
	for _, h := range getCheck(t, env, coord, v.ID).Hits {
		if h.ID == hitID {
			if h.PartyName != "" || !h.PartyWithheld {
				t.Fatalf("an answer is not a disclosure: %+v", h)
			}
			hit = h.Inquiry
		}
	}
	if hit == nil || hit.Answer != "different_person" || hit.AnsweredByName == "" || hit.AnsweredAt == "" || hit.AskedBy == "" {
		t.Fatalf("the hit carries the answer with who and when: %+v", hit)
	}
	if r := clearHit(t, env, coord, v.ID, hitID, "The referring organisation says it is a different person."); r.Status != http.StatusOK {
		t.Fatalf("clear: %d %s", r.Status, r.Body)
	}
	ask(t, env, coord, v.ID, hitID, "disclose_name").Problem(t, http.StatusConflict) // cleared: nothing to ask
}

func TestConflictInquiry_ADisclosedNameIsShownOnlyToTheCoordinatorWhoAsked(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, v, hitID := withheldHit(t, env)
	staff := env.Login(t, nonprofitStaff, password)
	var q inquiryView
	ask(t, env, coord, v.ID, hitID, "disclose_name").JSON(t, &q)

	partyOf := func(s apptest.Session, path string) (string, bool) {
		var c checkView
		env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/referrals/" + v.ID + "/conflict-check" + path, Token: s.Token}).JSON(t, &c)
		for _, h := range c.Hits {
			if h.ID == hitID {
				return h.PartyName, h.PartyWithheld
			}
		}
		t.Fatal("hit gone")
		return "", false
	}
	if name, withheld := partyOf(coord, ""); name != "" || !withheld {
		t.Fatalf("disclosed before the answer: %q", name)
	}
	if r := answer(t, env, staff, v.ID, q.ID, "disclose"); r.Status != http.StatusOK {
		t.Fatalf("answer: %d %s", r.Status, r.Body)
	}
	if name, withheld := partyOf(coord, ""); name != "María González" || withheld {
		t.Fatalf("the coordinator who asked sees the name: %q", name)
	}
	admin := env.Login(t, "admin@probono.example", password)
	for who, s := range map[string]apptest.Session{"the firm's org admin": env.Login(t, "admin@hartwell.example", password), "a platform admin": admin} {
		path := ""
		if who == "a platform admin" {
			path = "?firm=" + orgOf(t, env, coord)
		}
		if name, withheld := partyOf(s, path); name != "" || !withheld {
			t.Fatalf("%s sees the name disclosed to the coordinator: %q", who, name)
		}
	}
}

func TestConflictInquiry_QuestionsOnlyForWithheldHitsThatCanBeCleared(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, v, _ := withheldHit(t, env)
	addEntry(t, env, coord, "Maria Gonzalez", "person", "adverse") // exact: blocks
	c := getCheck(t, env, coord, v.ID)
	for _, h := range c.Hits {
		if h.PartyRole == "client" && h.Level == "potential" {
			continue
		}
		ask(t, env, coord, v.ID, h.ID, "same_person").Problem(t, http.StatusConflict)
	}
	ask(t, env, coord, v.ID, "00000000-0000-4000-8000-000000000009", "same_person").Problem(t, http.StatusNotFound)

	for _, body := range []string{`{"question":"maybe"}`, `{"question":"same_person","note":"x"}`, `{}`, `{"question":"same_person\u0000"}`, `[]`} {
		r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/referrals/" + v.ID + "/conflict-check/hits/" + c.Hits[0].ID + "/inquiries",
			Token: coord.Token, Body: body})
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Fatalf("%s: %d %s", body, r.Status, r.Body)
		}
		r.Problem(t, r.Status)
	}
	if got := inquiries(t, env, env.Login(t, nonprofitStaff, password), v.ID); len(got) != 0 {
		t.Fatalf("refused questions were recorded: %+v", got)
	}
}

func TestConflictInquiry_ParallelQuestionsAndAnswersRecordOneEach(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, v, hitID := withheldHit(t, env)
	staff := env.Login(t, nonprofitStaff, password)

	parallel := func(n int, call func() *apptest.Response) map[int]int {
		var mu sync.Mutex
		var wg sync.WaitGroup
		counts := map[int]int{}
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := call()
				mu.Lock()
				counts[r.Status]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		return counts
	}
	asked := parallel(8, func() *apptest.Response { return ask(t, env, coord, v.ID, hitID, "same_person") })
	if asked[http.StatusCreated] != 1 || asked[http.StatusConflict] != 7 {
		t.Fatalf("parallel questions: %v", asked)
	}
	q := inquiries(t, env, staff, v.ID)[0]
	answered := parallel(8, func() *apptest.Response {
		return answer(t, env, staff, v.ID, q.ID, []string{"same_person", "different_person"}[len(q.ID)%2])
	})
	if answered[http.StatusOK] != 1 || answered[http.StatusConflict] != 7 {
		t.Fatalf("parallel answers: %v", answered)
	}
}

func TestConflictRegistry_EntriesRecordWhoAddedThemAndWhen(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	addEntry(t, env, coord, "Harbor Freight Logistics Inc", "organization", "client")
	if r := importCSV(t, env, coord, "partial", "name,type,role,aliases,matter_ref\nRiverside Holdings,organization,adverse,,M-1\n"); r.Status != http.StatusOK {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	var page struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/conflicts/entries", Token: coord.Token}).JSON(t, &page)
	var m me
	getMe(t, env, coord.Token).JSON(t, &m)
	if len(page.Items) != 2 {
		t.Fatalf("entries: %+v", page.Items)
	}
	for _, e := range page.Items {
		var by, name, at string
		_ = json.Unmarshal(e["created_by"], &by)
		_ = json.Unmarshal(e["created_by_name"], &name)
		_ = json.Unmarshal(e["created_at"], &at)
		if by != m.ID || name != m.Name || at == "" {
			t.Fatalf("entry %s: created_by %q (%q) at %q, want %s", e["name"], by, name, at, m.ID)
		}
	}
}
