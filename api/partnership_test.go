package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
)

type partnershipView struct {
	ID            string   `json:"id"`
	FirmID        string   `json:"firm_id"`
	FirmName      string   `json:"firm_name"`
	ReferrerID    string   `json:"referrer_id"`
	ReferrerName  string   `json:"referrer_name"`
	PracticeAreas []string `json:"practice_areas"`
	PledgedHours  int      `json:"pledged_hours"`
	HoursLeft     float64  `json:"hours_left"`
	StartsOn      string   `json:"starts_on"`
	EndsOn        string   `json:"ends_on"`
	ContactName   string   `json:"contact_name"`
	ContactEmail  string   `json:"contact_email"`
	Notes         string   `json:"notes"`
	Version       int      `json:"version"`
}

// partnershipBody is a year of housing work pledged by a firm to a referring organisation.
func partnershipBody(firmID, referrerID string) map[string]any {
	return map[string]any{
		"firm_id": firmID, "referrer_id": referrerID, "practice_areas": []string{"housing", "family.custody_visitation"},
		"pledged_hours": 500, "starts_on": "2026-01-01", "ends_on": "2026-12-31",
		"contact_name": "Dana Whitfield", "contact_email": "coordinator@hartwell.example", "notes": "Signed MOU.\nReviewed each June.",
	}
}

func createPartnership(t *testing.T, env *apptest.Env, s apptest.Session, body any) partnershipView {
	t.Helper()
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/partnerships", Token: s.Token, Body: body})
	if r.Status != http.StatusCreated || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("create partnership: %d, ETag %q: %s", r.Status, r.Header.Get("ETag"), r.Body)
	}
	var v partnershipView
	r.JSON(t, &v)
	return v
}

func partnershipWrite(t *testing.T, env *apptest.Env, s apptest.Session, method, id string, body any, ifMatch string) *apptest.Response {
	t.Helper()
	h := http.Header{}
	if ifMatch != "" {
		h.Set("If-Match", ifMatch)
	}
	return env.Do(t, apptest.Request{Method: method, Path: "/api/v1/partnerships/" + id, Token: s.Token, Body: body, Header: h})
}

func listPartnerships(t *testing.T, env *apptest.Env, s apptest.Session, query string) (items []partnershipView, next string) {
	t.Helper()
	var page struct {
		Items      []partnershipView `json:"items"`
		NextCursor string            `json:"next_cursor"`
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partnerships?" + query, Token: s.Token})
	if r.Status != http.StatusOK {
		t.Fatalf("list partnerships?%s: %d %s", query, r.Status, r.Body)
	}
	r.JSON(t, &page)
	return page.Items, page.NextCursor
}

func TestPartnership_OrgAdminsOfBothSidesWriteAndBothSidesRead(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	npAdmin := env.Login(t, "admin@northside.example", password)
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	attorney := env.Login(t, "james.okafor@hartwell.example", password)
	firmID, northsideID := orgOf(t, env, firmAdmin), orgOf(t, env, staff)

	p := createPartnership(t, env, firmAdmin, partnershipBody(firmID, northsideID))
	if p.FirmName != "Hartwell & Pierce LLP" || p.ReferrerName != "Northside Legal Aid Society" || p.PledgedHours != 500 || p.HoursLeft != 500 ||
		p.StartsOn != "2026-01-01" || p.EndsOn != "2026-12-31" || strings.Join(p.PracticeAreas, ",") != "housing,family.custody_visitation" ||
		p.ContactEmail != "coordinator@hartwell.example" || p.Notes != "Signed MOU.\nReviewed each June." {
		t.Fatalf("created: %+v", p)
	}
	for _, s := range []apptest.Session{coord, staff, npAdmin} {
		if r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partnerships/" + p.ID, Token: s.Token}); r.Status != http.StatusOK || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("read by a member of either side: %d %q %s", r.Status, r.Header.Get("ETag"), r.Body)
		}
		if items, _ := listPartnerships(t, env, s, ""); len(items) != 1 || items[0].ID != p.ID {
			t.Fatalf("list of a member of either side: %+v", items)
		}
	}
	// Attorneys see no partnerships.
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partnerships/" + p.ID, Token: attorney.Token}).Problem(t, http.StatusNotFound)
	if items, _ := listPartnerships(t, env, attorney, ""); len(items) != 0 {
		t.Fatalf("an attorney lists %+v", items)
	}
	// Coordinators and staff read but do not write.
	edit := partnershipBody(firmID, northsideID)
	edit["pledged_hours"] = 750
	for _, s := range []apptest.Session{coord, staff} {
		partnershipWrite(t, env, s, "PUT", p.ID, edit, `"1"`).Problem(t, http.StatusForbidden)
		partnershipWrite(t, env, s, "DELETE", p.ID, nil, `"1"`).Problem(t, http.StatusForbidden)
		env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/partnerships", Token: s.Token, Body: partnershipBody(firmID, northsideID)}).Problem(t, http.StatusForbidden)
	}
	// The other side's admin edits; the firm's admin, on a stale page, is told.
	r := partnershipWrite(t, env, npAdmin, "PUT", p.ID, edit, `"1"`)
	var edited partnershipView
	r.JSON(t, &edited)
	if r.Status != http.StatusOK || r.Header.Get("ETag") != `"2"` || edited.PledgedHours != 750 {
		t.Fatalf("edit by Northside's admin: %d %q %+v", r.Status, r.Header.Get("ETag"), edited)
	}
	stale := partnershipWrite(t, env, firmAdmin, "PUT", p.ID, partnershipBody(firmID, northsideID), `"1"`).Problem(t, http.StatusPreconditionFailed)
	if !strings.Contains(stale.Detail, "Someone else changed this partnership") {
		t.Fatalf("stale edit: %+v", stale)
	}
	partnershipWrite(t, env, firmAdmin, "DELETE", p.ID, nil, `"1"`).Problem(t, http.StatusPreconditionFailed)
	// A partnership stays between its two organisations.
	castellanID := orgOf(t, env, env.Login(t, "admin@castellan.example", password))
	moved := partnershipWrite(t, env, npAdmin, "PUT", p.ID, partnershipBody(castellanID, northsideID), `"2"`).Problem(t, http.StatusUnprocessableEntity)
	if len(moved.Errors) != 1 || moved.Errors[0].Field != "firm_id" {
		t.Fatalf("moving the partnership to another firm: %+v", moved)
	}
	if r := partnershipWrite(t, env, firmAdmin, "DELETE", p.ID, nil, `"2"`); r.Status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partnerships/" + p.ID, Token: firmAdmin.Token}).Problem(t, http.StatusNotFound)
}

func TestPartnership_AnOrgAdminRecordsOnlyTheirOwnOrganizationsPartnerships(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	castellan := env.Login(t, "admin@castellan.example", password)
	riverbend := env.Login(t, "admin@riverbend.example", password)
	admin := env.Login(t, "admin@probono.example", password)
	firmID, castellanID := orgOf(t, env, firmAdmin), orgOf(t, env, castellan)
	northsideID, riverbendID := orgOf(t, env, env.Login(t, nonprofitStaff, password)), orgOf(t, env, riverbend)
	create := func(s apptest.Session, body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/partnerships", Token: s.Token, Body: body})
	}
	create(firmAdmin, partnershipBody(castellanID, northsideID)).Problem(t, http.StatusForbidden)
	create(riverbend, partnershipBody(firmID, northsideID)).Problem(t, http.StatusForbidden)
	createPartnership(t, env, riverbend, partnershipBody(firmID, riverbendID))
	createPartnership(t, env, admin, partnershipBody(castellanID, northsideID))
	// A firm is a law firm, a referrer refers.
	p := create(admin, partnershipBody(northsideID, riverbendID)).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "firm_id" {
		t.Fatalf("a nonprofit as the firm: %+v", p.Errors)
	}
	p = create(admin, partnershipBody(firmID, castellanID)).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "referrer_id" {
		t.Fatalf("a law firm as the referrer: %+v", p.Errors)
	}
	p = create(admin, partnershipBody(uuid.NewString(), northsideID)).Problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "firm_id" {
		t.Fatalf("a firm that does not exist: %+v", p.Errors)
	}
}

func TestPartnership_OverlappingDatesOfOnePairAnswer409(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	firmID, northsideID := orgOf(t, env, firmAdmin), orgOf(t, env, env.Login(t, nonprofitStaff, password))
	dated := func(starts, ends string) map[string]any {
		b := partnershipBody(firmID, northsideID)
		b["starts_on"] = starts
		if ends == "" {
			delete(b, "ends_on")
		} else {
			b["ends_on"] = ends
		}
		return b
	}
	create := func(body any) *apptest.Response {
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/partnerships", Token: firmAdmin.Token, Body: body})
	}
	first := createPartnership(t, env, firmAdmin, dated("2026-01-01", "2026-12-31"))
	for _, overlap := range [][2]string{{"2026-06-01", "2027-05-31"}, {"2025-01-01", "2026-01-01"}, {"2026-12-31", ""}, {"2020-01-01", ""}} {
		p := create(dated(overlap[0], overlap[1])).Problem(t, http.StatusConflict)
		if len(p.Errors) != 1 || p.Errors[0].Field != "starts_on" {
			t.Fatalf("overlap %v: %+v", overlap, p)
		}
	}
	next := createPartnership(t, env, firmAdmin, dated("2027-01-01", ""))
	// Editing one onto the other's days is refused too; editing it within its own is not.
	partnershipWrite(t, env, firmAdmin, "PUT", next.ID, dated("2026-07-01", ""), `"1"`).Problem(t, http.StatusConflict)
	if r := partnershipWrite(t, env, firmAdmin, "PUT", first.ID, dated("2026-02-01", "2026-12-31"), `"1"`); r.Status != http.StatusOK {
		t.Fatalf("edit within its own dates: %d %s", r.Status, r.Body)
	}

	// Parallel creates of overlapping partnerships for another pair: one wins.
	riverbendID := orgOf(t, env, env.Login(t, "staff@riverbend.example", password))
	admin := env.Login(t, "admin@probono.example", password)
	statuses := parallel(10, func(i int) int {
		b := partnershipBody(firmID, riverbendID)
		b["starts_on"] = "2026-0" + string(rune('1'+i%9)) + "-01"
		return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/partnerships", Token: admin.Token, Body: b}).Status
	})
	if statuses[http.StatusCreated] != 1 || statuses[http.StatusConflict] != 9 {
		t.Fatalf("10 parallel overlapping creates: %v", statuses)
	}
}

// parallel runs fn n times at once and counts the statuses it returns.
func parallel(n int, fn func(i int) int) map[int]int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counts := map[int]int{}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := fn(i)
			mu.Lock()
			counts[status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return counts
}

func TestPartnership_ConcurrentEditsWithOneETagAcceptExactlyOne(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	firmAdmin := env.Login(t, "admin@hartwell.example", password)
	npAdmin := env.Login(t, "admin@northside.example", password)
	firmID, northsideID := orgOf(t, env, firmAdmin), orgOf(t, env, npAdmin)
	p := createPartnership(t, env, firmAdmin, partnershipBody(firmID, northsideID))
	statuses := parallel(20, func(i int) int {
		b := partnershipBody(firmID, northsideID)
		b["pledged_hours"] = 1000 + i
		s := firmAdmin
		if i%2 == 1 {
			s = npAdmin
		}
		return partnershipWrite(t, env, s, "PUT", p.ID, b, `"1"`).Status
	})
	if statuses[http.StatusOK] != 1 || statuses[http.StatusPreconditionFailed] != 19 {
		t.Fatalf("20 parallel edits with one ETag: %v", statuses)
	}
	r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partnerships/" + p.ID, Token: firmAdmin.Token})
	var v partnershipView
	r.JSON(t, &v)
	if r.Header.Get("ETag") != `"2"` || v.PledgedHours < 1000 {
		t.Fatalf("after the race: ETag %q, %+v", r.Header.Get("ETag"), v)
	}
	// Parallel deletes with one ETag: one removes it, the others find it gone or changed.
	deletes := parallel(10, func(int) int { return partnershipWrite(t, env, firmAdmin, "DELETE", p.ID, nil, `"2"`).Status })
	if deletes[http.StatusNoContent] != 1 || deletes[http.StatusNoContent]+deletes[http.StatusNotFound] != 10 {
		t.Fatalf("10 parallel deletes: %v", deletes)
	}
}

func TestPartnership_ListFiltersAndPages(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)
	staff := env.Login(t, nonprofitStaff, password)
	hartwell := orgOf(t, env, env.Login(t, coordinator, password))
	castellan := orgOf(t, env, env.Login(t, "admin@castellan.example", password))
	northside := orgOf(t, env, staff)
	riverbend := orgOf(t, env, env.Login(t, "staff@riverbend.example", password))
	lakeshore := orgOf(t, env, env.Login(t, "staff@lakeshore-pd.example", password))
	for _, pair := range [][2]string{{hartwell, northside}, {hartwell, riverbend}, {hartwell, lakeshore}, {castellan, northside}, {castellan, lakeshore}} {
		createPartnership(t, env, admin, partnershipBody(pair[0], pair[1]))
	}
	seen := map[string]bool{}
	query := "limit=2"
	for pages := 0; ; pages++ {
		items, next := listPartnerships(t, env, admin, query)
		for _, p := range items {
			if seen[p.ID] {
				t.Fatalf("%s listed twice", p.ID)
			}
			seen[p.ID] = true
		}
		if next == "" {
			if len(seen) != 5 || pages != 2 {
				t.Fatalf("%d partnerships in %d pages", len(seen), pages+1)
			}
			break
		}
		query = "limit=2&cursor=" + next
	}
	count := func(s apptest.Session, query string) int {
		items, _ := listPartnerships(t, env, s, query)
		return len(items)
	}
	if n := count(admin, "firm_id="+hartwell); n != 3 {
		t.Errorf("Hartwell's: %d", n)
	}
	if n := count(admin, "firm_id="+castellan+"&referrer_id="+lakeshore); n != 1 {
		t.Errorf("Castellan x Lakeshore: %d", n)
	}
	if n := count(staff, ""); n != 2 {
		t.Errorf("Northside's staff see %d", n)
	}
	if n := count(staff, "referrer_id="+riverbend); n != 0 {
		t.Errorf("Northside's staff see %d of Riverbend's", n)
	}
}

func TestPartnership_ActiveForGivesAReferrersPartnershipsOfTheDayByFirm(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	admin := env.Login(t, "admin@probono.example", password)
	hartwell := orgOf(t, env, env.Login(t, coordinator, password))
	castellan := orgOf(t, env, env.Login(t, "admin@castellan.example", password))
	northside := orgOf(t, env, env.Login(t, nonprofitStaff, password))
	riverbend := orgOf(t, env, env.Login(t, "staff@riverbend.example", password))
	dated := func(firm, referrer, starts, ends string, hours int) {
		b := partnershipBody(firm, referrer)
		b["starts_on"], b["ends_on"], b["pledged_hours"] = starts, ends, hours
		createPartnership(t, env, admin, b)
	}
	dated(hartwell, northside, "2026-01-01", "2026-06-30", 100)  // ended
	dated(hartwell, northside, "2026-07-01", "2026-12-31", 200)  // active
	dated(castellan, northside, "2026-12-05", "2027-12-31", 300) // starts tomorrow
	dated(castellan, riverbend, "2026-01-01", "2026-12-31", 400) // another referrer's
	on := time.Date(2026, time.December, 4, 15, 0, 0, 0, time.UTC)
	active, err := env.App.Partnerships.ActiveFor(context.Background(), uuid.MustParse(northside), on)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := active[uuid.MustParse(hartwell)]
	if len(active) != 1 || !ok || p.PledgedHours != 200 || p.HoursLeft != 200 || p.FirmName != "Hartwell & Pierce LLP" {
		t.Fatalf("active on %s: %+v", on.Format(time.DateOnly), active)
	}
}

func TestPartnerOrganizations_AreTheOtherSideForOrgAdminsAndBothForPlatformAdmins(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	names := func(email string) string {
		var list struct{ Items []struct{ Name, Kind string } }
		r := env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/partner-organizations", Token: env.Login(t, email, password).Token})
		if r.Status != http.StatusOK {
			return r.Problem(t, r.Status).Type
		}
		r.JSON(t, &list)
		var out []string
		for _, o := range list.Items {
			out = append(out, o.Name+" ("+o.Kind+")")
		}
		return strings.Join(out, ", ")
	}
	firms := "Castellan Brooks LLP (law_firm), Hartwell & Pierce LLP (law_firm)"
	referrers := "Lakeshore County Public Defender (public_defender), Northside Legal Aid Society (nonprofit), Riverbend Tenant Rights Project (nonprofit)"
	for email, want := range map[string]string{
		"admin@hartwell.example":  referrers,
		"admin@northside.example": firms,
		"admin@probono.example":   "Castellan Brooks LLP (law_firm), Hartwell & Pierce LLP (law_firm), " + referrers,
	} {
		if got := names(email); got != want {
			t.Errorf("%s: %s\nwant %s", email, got, want)
		}
	}
	for _, email := range []string{coordinator, nonprofitStaff, "james.okafor@hartwell.example"} {
		if got := names(email); !strings.HasSuffix(got, "/forbidden") {
			t.Errorf("%s: %s", email, got)
		}
	}
}
