package api_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/ledes"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/timeexchange"
)

type timeImportReport struct {
	Committed bool `json:"committed"`
	Created   int  `json:"created"`
	Skipped   int  `json:"skipped"`
	Errors    []struct {
		Line   int    `json:"line"`
		Field  string `json:"field"`
		Detail string `json:"detail"`
	} `json:"errors"`
	ErrorsTruncated bool `json:"errors_truncated"`
}

// clientFacts are the client details of offerableBody's referral: no export may hold them.
var clientFacts = []string{"María", "González", "Granite Property"}

func exportTime(t *testing.T, env *apptest.Env, s apptest.Session, query string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "GET", Path: "/api/v1/time-entries/export" + query, Token: s.Token})
}

func importTime(t *testing.T, env *apptest.Env, s apptest.Session, file string) *apptest.Response {
	t.Helper()
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/time-entries/import", Token: s.Token, Body: file,
		Header: http.Header{"Content-Type": {"text/csv"}}})
}

func timeImport(t *testing.T, env *apptest.Env, s apptest.Session, file string) timeImportReport {
	t.Helper()
	r := importTime(t, env, s, file)
	if r.Status != http.StatusOK {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	var rep timeImportReport
	r.JSON(t, &rep)
	return rep
}

// loggedAndApproved logs entries on Priya's matter as she would, submits them and has Hartwell's
// coordinator approve them.
func loggedAndApproved(t *testing.T, env *apptest.Env, priya apptest.Session, bodies ...map[string]any) []timeEntryView {
	t.Helper()
	var out []timeEntryView
	var ids []string
	for _, b := range bodies {
		b["submit"] = true
		e := logEntry(t, env, priya, b)
		out, ids = append(out, e), append(ids, e.ID)
	}
	if r := bulkDecide(t, env, env.Login(t, coordinator, password), "approve", map[string]any{"ids": ids}); r.Status != http.StatusOK {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	return out
}

func entryBody(matterID, day string, minutes int, activity, narrative string, rateCents int) map[string]any {
	b := map[string]any{"matter_id": matterID, "work_date": day, "minutes": minutes, "activity": activity, "narrative": narrative}
	if rateCents > 0 {
		b["rate_cents"] = rateCents
	}
	return b
}

func TestTimeExport_LEDESParsesBackWithItsTotalsDatesAndCodes(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	day1, day2 := attorneyDay(-3), attorneyDay(-1)
	entries := loggedAndApproved(t, env, priya,
		entryBody(matterID, day1, 150, "research", "Researched habitability | warranty [Illinois]\nand notice", 45000),
		entryBody(matterID, day2, 6, "drafting", "Drafted the answer", 12345),
		entryBody(matterID, day2, 60, "travel", "Travel to the courthouse", 0))
	logTime(t, env, priya, matterID, day2, 30, true) // submitted, not approved: not exported
	// A correction of the research, approved: a line of its own, taking half an hour off.
	r := timeAction(t, env, priya, entries[0].ID, "adjust", map[string]any{"minutes": -30, "narrative": "Correction"})
	var correction timeEntryView
	r.JSON(t, &correction)
	if r = bulkDecide(t, env, env.Login(t, coordinator, password), "approve", map[string]any{"ids": []string{correction.ID}}); r.Status != http.StatusOK {
		t.Fatalf("approve the correction: %d %s", r.Status, r.Body)
	}

	r = exportTime(t, env, env.Login(t, coordinator, password), "?format=ledes&from="+day1+"&to="+day2)
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v %.300s", r.Status, r.Header, r.Body)
	}
	for _, fact := range clientFacts {
		if strings.Contains(string(r.Body), fact) {
			t.Fatalf("the export names the client (%q):\n%s", fact, r.Body)
		}
	}
	lines, err := ledes.ReadAll(strings.NewReader(string(r.Body)))
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Body)
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), r.Body)
	}
	var m matterView
	getMatter(t, env, priya, matterID).JSON(t, &m)
	matter, referral := uuid.MustParse(matterID), uuid.MustParse(m.Referral.ID)
	type want struct {
		date, code, desc string
		units            ledes.Units
		cost, total      ledes.Cents
	}
	wants := []want{
		{day1, "A102", "Researched habitability warranty Illinois and notice", 25000, 45000, 112500},
		{day1, "A102", "Correction", -5000, 45000, -22500},
		{day2, "A103", "Drafted the answer", 1000, 12345, 1235}, // 0.1 h at $123.45: $12.345, to the cent
		{day2, "A111", "Travel to the courthouse", 10000, 0, 0},
	}
	for i, l := range lines {
		// Lines come by date; of one day's, in no particular order.
		k := slices.IndexFunc(wants, func(w want) bool { return w.desc == l.Description })
		if k < 0 {
			t.Fatalf("line %d: %+v", i+1, l)
		}
		w := wants[k]
		if l.Date.Format("2006-01-02") != w.date || l.ActivityCode != w.code || l.Description != w.desc || l.Units != w.units ||
			l.UnitCost != w.cost || l.Total != w.total || l.Type != ledes.Fee || l.ItemNumber != fmt.Sprint(i+1) {
			t.Errorf("line %d: %+v, want %+v", i+1, l, w)
		}
		if l.InvoiceTotal != 91235 || l.BillingStart.Format("2006-01-02") != day1 || l.BillingEnd.Format("2006-01-02") != day2 ||
			l.ClientID != timeexchange.ShortID(referral) || l.LawFirmMatterID != timeexchange.ShortID(matter) ||
			l.ClientMatterID != l.LawFirmMatterID || l.TimekeeperID != timeexchange.ShortID(uuid.MustParse(userID(t, env, priyaEmail))) ||
			l.TimekeeperName != "Priya Raman" || l.Classification != ledes.OtherTimekeeper {
			t.Errorf("line %d: invoice fields %+v", i+1, l)
		}
	}

	// Without narratives, a line says what kind of work it was.
	r = exportTime(t, env, env.Login(t, coordinator, password), "?format=ledes&narratives=false&from="+day1+"&to="+day2)
	if lines, err = ledes.ReadAll(strings.NewReader(string(r.Body))); err != nil || lines[0].Description != "Research" ||
		strings.Contains(string(r.Body), "habitability") {
		t.Fatalf("without narratives: %v\n%s", err, r.Body)
	}

	var audited int
	if err := sqlDB(t, env).QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'hours.exported' AND after->>'format' = 'ledes'`).Scan(&audited); err != nil || audited != 2 {
		t.Fatalf("audited exports: %d, %v", audited, err)
	}
}

func TestTimeExport_CSVShowsAHostileNarrativeAsText(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 5)
	hostile := `=cmd|' /C calc'!A0`
	loggedAndApproved(t, env, priya, entryBody(matterID, attorneyDay(-1), 90, "client_meeting", hostile, 30000))

	r := exportTime(t, env, env.Login(t, coordinator, password), "")
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %.300s", r.Status, r.Body)
	}
	rows, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v: %q", err, r.Body)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	row := rows[1]
	if row[col["narrative"]] != "'"+hostile || row[col["hours"]] != "1.5" || row[col["rate"]] != "300.00" || row[col["amount"]] != "450.00" ||
		row[col["activity"]] != "client_meeting" || row[col["utbms_activity"]] != "A106" || row[col["matter_id"]] != matterID {
		t.Fatalf("row: %q", row)
	}
	for _, fact := range clientFacts {
		if strings.Contains(string(r.Body), fact) {
			t.Fatalf("the export names the client (%q)", fact)
		}
	}
	r = exportTime(t, env, env.Login(t, coordinator, password), "?narratives=false")
	if strings.Contains(string(r.Body), "calc") {
		t.Fatalf("narratives left in: %s", r.Body)
	}
}

func TestTimeExport_OnlyTheFirmsManagersExportAndOnlyItsTime(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 5)
	loggedAndApproved(t, env, priya, entryBody(matterID, attorneyDay(-1), 60, "research", "Research", 0))
	for _, email := range []string{priyaEmail, nonprofitStaff, platformAdmin} {
		exportTime(t, env, env.Login(t, email, password), "").Problem(t, http.StatusForbidden)
	}
	for _, format := range []string{"csv", "ledes"} {
		r := exportTime(t, env, env.Login(t, castellanCoordinator, password), "?format="+format)
		if r.Status != http.StatusOK || strings.Contains(string(r.Body), matterID) || strings.Count(string(r.Body), "\n") != map[string]int{"csv": 1, "ledes": 2}[format] {
			t.Fatalf("another firm's %s export: %d %s", format, r.Status, r.Body)
		}
	}
	exportTime(t, env, env.Login(t, coordinator, password), "?from=2026-05-02&to=2026-05-01").Problem(t, http.StatusUnprocessableEntity)
}

const timeCSVHeader = "external_id,attorney_email,matter_id,date,hours,activity,narrative,rate\n"

func timeRow(externalID, email, matterID, day, hours, activity, narrative, rate string) string {
	return strings.Join([]string{externalID, email, matterID, day, hours, activity, narrative, rate}, ",") + "\n"
}

func TestTimeImport_IsAllOrNothingWithEachLinesFaults(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, matterID := priyasMatter(t, env, 5)
	coord := env.Login(t, coordinator, password)
	day := attorneyDay(-2)
	file := timeCSVHeader +
		timeRow("TK-1", priyaEmail, matterID, day, "1.5", "research", "Research", "450.00") +
		timeRow("TK-2", priyaEmail, matterID, day, "0.25", "research", "Fifteen minutes", "") +
		timeRow("TK-3", priyaEmail, matterID, "03/04/2020", "1", "drafting", "Long ago", "") +
		timeRow("TK-4", priyaEmail, matterID, day, "1", "golf", "Not work", "") +
		timeRow("TK-5", "nobody@hartwell.example", matterID, day, "1", "A102", "Who?", "") +
		timeRow("TK-6", priyaEmail, uuid.NewString(), day, "1", "Client meeting", "No such matter", "") +
		timeRow("TK-7", priyaEmail, matterID, attorneyDay(2), "1", "research", "Tomorrow's", "") +
		timeRow("TK-1", priyaEmail, matterID, day, "1", "research", "Twice", "") +
		timeRow("TK-9", priyaEmail, matterID, "2026-02-30", "1", "research", "No such day", "$5")
	before := writtenState(t, env)
	rep := timeImport(t, env, coord, file)
	got := map[int]string{}
	for _, e := range rep.Errors {
		got[e.Line] += e.Field + ";"
	}
	want := map[int]string{5: "activity;", 6: "attorney_email;", 9: "external_id;", 10: "date;"}
	for line, field := range want {
		if got[line] != field {
			t.Errorf("line %d: faults %q, want %q (report %+v)", line, got[line], field, rep)
		}
	}
	if len(got) != len(want) {
		t.Errorf("faults on lines %v, want %v", got, want)
	}
	if rep.Committed || rep.Created != 0 {
		t.Fatalf("report: %+v", rep)
	}
	if after := writtenState(t, env); after != before {
		t.Fatal("a file with faults wrote something")
	}

	// Once the rows read well, the hours rules name the rest: the matter, the days, the units.
	file = timeCSVHeader +
		timeRow("TK-1", priyaEmail, matterID, day, "1.5", "research", "Research", "450.00") +
		timeRow("TK-6", priyaEmail, uuid.NewString(), day, "1", "client_meeting", "No such matter", "") +
		timeRow("TK-7", priyaEmail, matterID, attorneyDay(2), "1", "research", "Tomorrow's", "") +
		timeRow("TK-8", priyaEmail, matterID, day, "0.25", "research", "Fifteen minutes", "") +
		timeRow("TK-3", priyaEmail, matterID, "03/04/2020", "1", "drafting", "Before the matter", "")
	rep = timeImport(t, env, coord, file)
	got = map[int]string{}
	for _, e := range rep.Errors {
		got[e.Line] += e.Field + ";"
	}
	if rep.Committed || got[3] != "matter_id;" || got[4] != "date;" || got[5] != "hours;" || got[6] != "date;" || len(got) != 4 {
		t.Fatalf("report: %+v", rep)
	}
	if after := writtenState(t, env); after != before {
		t.Fatal("a file with faults wrote something")
	}
}

func TestTimeImport_ASecondRunAddsNothingAndEntriesArriveSubmitted(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 5)
	coord := env.Login(t, coordinator, password)
	day := attorneyDay(-1)
	file := "\ufeffnarrative,minutes,activity,date,matter_id,attorney_email,external_id\n" +
		`"Met the client, reviewed the lease",90,client_meeting,` + day + "," + matterID + "," + strings.ToUpper(priyaEmail) + ",E-100\n" +
		`"=HYPERLINK(""http://evil.example"")",30,A103,` + day + "," + matterID + "," + priyaEmail + ",E-101\n"
	if rep := timeImport(t, env, coord, file); !rep.Committed || rep.Created != 2 || rep.Skipped != 0 || len(rep.Errors) != 0 {
		t.Fatalf("first run: %+v", rep)
	}
	if rep := timeImport(t, env, coord, file); !rep.Committed || rep.Created != 0 || rep.Skipped != 2 {
		t.Fatalf("second run: %+v", rep)
	}
	items, _ := listTime(t, env, priya, "?matter_id="+matterID)
	if len(items) != 2 {
		t.Fatalf("entries: %+v", items)
	}
	for _, e := range items {
		if e.Status != "submitted" || e.Source != "import" || e.WorkDate != day {
			t.Fatalf("entry: %+v", e)
		}
	}
	// The 24 hours a day count what was imported.
	rep := timeImport(t, env, coord, "external_id,attorney_email,matter_id,date,hours,activity,narrative\n"+
		"E-102,"+priyaEmail+","+matterID+","+day+",22.5,research,Too much\n")
	if rep.Committed || len(rep.Errors) != 1 || rep.Errors[0].Line != 2 || rep.Errors[0].Field != "hours" || !strings.Contains(rep.Errors[0].Detail, "24 hours") {
		t.Fatalf("over 24 hours: %+v", rep)
	}
}

func TestTimeImport_TwoCoordinatorsImportingOneFileAtOnceRecordItOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 5)
	var file strings.Builder
	file.WriteString(timeCSVHeader)
	for i := range 20 {
		file.WriteString(timeRow(fmt.Sprintf("P-%d", i), priyaEmail, matterID, attorneyDay(-i%5), "0.5", "research", "Research", ""))
	}
	sessions := []apptest.Session{env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)}
	reports := make([]timeImportReport, len(sessions))
	var wg sync.WaitGroup
	for i, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reports[i] = timeImport(t, env, s, file.String())
		}()
	}
	wg.Wait()
	if reports[0].Created+reports[1].Created != 20 || reports[0].Skipped+reports[1].Skipped != 20 {
		t.Fatalf("reports: %+v", reports)
	}
	if items, _ := listTime(t, env, priya, "?limit=100"); len(items) != 20 {
		t.Fatalf("%d entries", len(items))
	}
}

func TestTimeImport_AnotherFirmWritesNothingOnOurAttorneysOrMatters(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	_, matterID := priyasMatter(t, env, 5)
	castellan := env.Login(t, castellanCoordinator, password)
	day := attorneyDay(-1)
	before := writtenState(t, env)
	// Our attorney, our matter: she is not one of theirs.
	rep := timeImport(t, env, castellan, timeCSVHeader+timeRow("X-1", priyaEmail, matterID, day, "1", "research", "Mine now", ""))
	if rep.Committed || len(rep.Errors) != 1 || rep.Errors[0].Field != "attorney_email" {
		t.Fatalf("report: %+v", rep)
	}
	// Their own attorney on our matter: not a matter of theirs.
	rep = timeImport(t, env, castellan, timeCSVHeader+timeRow("X-2", "wei.zhang@castellan.example", matterID, day, "1", "research", "Mine now", ""))
	if rep.Committed || len(rep.Errors) != 1 || rep.Errors[0].Field != "matter_id" {
		t.Fatalf("report: %+v", rep)
	}
	if after := writtenState(t, env); after != before {
		t.Fatal("another firm's import wrote something")
	}
	for _, email := range []string{priyaEmail, nonprofitStaff, platformAdmin} {
		importTime(t, env, env.Login(t, email, password), timeCSVHeader).Problem(t, http.StatusForbidden)
	}
}

func TestBadInput_TimeImportFilesAnswer4xxAndWriteNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	matterID := uuid.NewString()
	good := timeRow("TK-1", priyaEmail, matterID, "2026-01-05", "1", "research", "Research", "")
	cases := []struct {
		name, file string
		status     int
		says       string
	}{
		{"NUL byte", timeCSVHeader + good + "TK-2,a@b.c,x,2026-01-05,1,research,Jane\x00Roe,\n", 422, "line 3 holds a NUL byte"},
		{"0xFF byte", timeCSVHeader + good + "TK-2,a@b.c,x,2026-01-05,1,research,Ren\xe9,\n", 422, "line 3 is not UTF-8"},
		{"UTF-16", "\xff\xfee\x00x\x00\n\x00", 422, "line 1 is not UTF-8"},
		{"a line over 16 KiB", timeCSVHeader + good + "TK-2,a@b.c,x,2026-01-05,1,research," + strings.Repeat("n", 17<<10) + ",\n", 422, "line 3 is longer than 16 KiB"},
		{"empty", "", 422, "is required"},
		{"only the header", timeCSVHeader, 422, "no rows"},
		{"an unknown column", "external_id,attorney_email,matter_id,date,hours,activity,narrative,client_name\n" + good, 422, `column \"client_name\" is unknown`},
		{"a missing column", "external_id,attorney_email,date,hours,activity,narrative\n", 422, "has no column matter_id"},
		{"hours and minutes", "external_id,attorney_email,matter_id,date,hours,minutes,activity,narrative\n", 422, "not both"},
		{"a bare quote", timeCSVHeader + good + "TK-2,\"a@b.c,x\n", 422, "not valid CSV"},
		{"over 10 MiB", timeCSVHeader + strings.Repeat(good, (10<<20)/len(good)+1), 413, "larger than the limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := writtenState(t, env)
			r := importTime(t, env, coord, c.file)
			p := r.Problem(t, c.status)
			if !strings.Contains(string(r.Body), c.says) || len(r.Body) > 2000 {
				t.Fatalf("%+v %.500s", p, r.Body)
			}
			if after := writtenState(t, env); after != before {
				t.Fatal("a refused file wrote something")
			}
		})
	}
	// A fault of one row is reported by its line; the report stays small however big the field.
	rows := []struct{ name, row, field, says string }{
		{"a control character", timeRow("TK-2", priyaEmail, matterID, "2026-01-05", "1", "research", "Bad\x07bell", ""), "narrative", "control character"},
		{"a line break in an id", "\"TK\n2\"," + priyaEmail + "," + matterID + ",2026-01-05,1,research,Research,\n", "external_id", "single line"},
		{"a 101-character id", timeRow(strings.Repeat("i", 101), priyaEmail, matterID, "2026-01-05", "1", "research", "Research", ""), "external_id", "1 to 100"},
		{"a huge hours field", timeRow("TK-2", priyaEmail, matterID, "2026-01-05", strings.Repeat("9", 5000), "research", "Research", ""), "hours", "not a number of hours"},
		{"too few fields", "TK-2," + priyaEmail + "\n", "", "has 2 fields"},
		{"a forged matter id", timeRow("TK-2", priyaEmail, "'; DROP TABLE matters;--", "2026-01-05", "1", "research", "Research", ""), "matter_id", "not a matter id"},
	}
	for _, c := range rows {
		t.Run(c.name, func(t *testing.T) {
			before := writtenState(t, env)
			r := importTime(t, env, coord, timeCSVHeader+c.row)
			var rep timeImportReport
			r.JSON(t, &rep)
			if r.Status != http.StatusOK || rep.Committed || len(rep.Errors) == 0 || rep.Errors[0].Line != 2 || rep.Errors[0].Field != c.field ||
				!strings.Contains(rep.Errors[0].Detail, c.says) || len(r.Body) > 2000 {
				t.Fatalf("report: %d %.500s", r.Status, r.Body)
			}
			if after := writtenState(t, env); after != before {
				t.Fatal("a refused row was written")
			}
		})
	}
	t.Run("not CSV", func(t *testing.T) {
		badCase{"JSON", apptest.Request{Method: "POST", Path: "/api/v1/time-entries/import", Token: coord.Token, Body: `{"rows":[]}`},
			415, problem.UnsupportedType, "", ""}.refused(t, env)
	})
}
