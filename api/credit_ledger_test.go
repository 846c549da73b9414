package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/probono-match/probono/internal/apptest"
)

type ledgerRowView struct {
	ID            int64   `json:"id"`
	EntryID       string  `json:"entry_id"`
	AttorneyID    string  `json:"attorney_id"`
	FiscalYear    int     `json:"fiscal_year"`
	WorkDate      string  `json:"work_date"`
	Hours         float64 `json:"hours"`
	CreditedHours float64 `json:"credited_hours"`
	CapApplied    bool    `json:"cap_applied"`
	Reason        string  `json:"reason"`
	PolicyID      *string `json:"policy_id"`
}

// matterFor has Northside refer body to Priya, who accepts it; its acceptance is dated
// acceptedDaysAgo days back so that time can be logged on the days since.
func matterFor(t testing.TB, env *apptest.Env, body map[string]any, acceptedDaysAgo int) (priya apptest.Session, matterID string) {
	t.Helper()
	staff, coord := env.Login(t, nonprofitStaff, password), env.Login(t, coordinator, password)
	priya = env.Login(t, priyaEmail, password)
	offers := routeOffers(t, env, coord, createReferral(t, env, staff, body).ID, userID(t, env, priyaEmail))
	var m matterView
	acceptOffer(t, env, priya, offers[0].ID).JSON(t, &m)
	if _, err := sqlDB(t, env).Exec(`UPDATE matters SET started_at = now() - make_interval(days => $2) WHERE id = $1`, m.ID, acceptedDaysAgo); err != nil {
		t.Fatal(err)
	}
	return priya, m.ID
}

// approvedTime logs a submitted entry of an activity as s and has the coordinator approve it.
func approvedTime(t *testing.T, env *apptest.Env, s apptest.Session, matterID, day string, minutes int, activity string) timeEntryView {
	t.Helper()
	e := submitActivity(t, env, s, matterID, day, minutes, activity)
	if r := timeAction(t, env, env.Login(t, coordinator, password), e.ID, "approve", nil); r.Status != http.StatusOK {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	return e
}

// submitActivity logs a submitted entry of an activity as s and returns it.
func submitActivity(t *testing.T, env *apptest.Env, s apptest.Session, matterID, day string, minutes int, activity string) timeEntryView {
	t.Helper()
	body := timeBody(matterID, day, minutes)
	body["activity"], body["submit"] = activity, true
	r := postTime(t, env, s, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("log time: %d %s", r.Status, r.Body)
	}
	var e timeEntryView
	r.JSON(t, &e)
	return e
}

// ledger returns the ledger rows s sees for query, newest first, by entry.
func ledger(t *testing.T, env *apptest.Env, s apptest.Session, query string) (rows []ledgerRowView, byEntry map[string]ledgerRowView) {
	t.Helper()
	var page struct {
		Items      []ledgerRowView `json:"items"`
		NextCursor string          `json:"next_cursor"`
	}
	readOK(t, env, s, "/api/v1/credit/ledger"+query, &page)
	byEntry = map[string]ledgerRowView{}
	for _, r := range page.Items {
		byEntry[r.EntryID] = r
	}
	return page.Items, byEntry
}

func TestCreditLedger_ApprovalCreditsEligibleWorkAtThePolicysRatio(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	priyaID, coord := userID(t, env, priyaEmail), env.Login(t, coordinator, password)
	policy := createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["credit_ratio"], b["eligible_activities"] = attorneyDay(-30), 1.5, []string{"research", "court_appearance"}
		b["training_counts"], b["supervision_counts"] = true, false
	}))
	research := approvedTime(t, env, priya, matterID, attorneyDay(-2), 150, "research")
	drafting := approvedTime(t, env, priya, matterID, attorneyDay(-2), 60, "drafting")
	training := approvedTime(t, env, priya, matterID, attorneyDay(-1), 30, "training")
	supervision := approvedTime(t, env, priya, matterID, attorneyDay(-1), 42, "supervision")

	rows, byEntry := ledger(t, env, priya, "")
	if len(rows) != 4 || rows[0].EntryID != supervision.ID {
		t.Fatalf("Priya's ledger, newest first: %+v", rows)
	}
	for _, c := range []struct {
		entry           timeEntryView
		hours, credited float64
		says            string
	}{
		{research, 2.5, 3.75, "Credited 3.75 hours: 2.5 hours at 1.5 credit hours an hour."},
		{drafting, 1, 0, "No credit: drafting does not count under the firm's credit policy from " + attorneyDay(-30) + "."},
		{training, 0.5, 0.75, "Training on a matter counts under the firm's credit policy. Credited 0.75 hours"},
		{supervision, 0.7, 0, "No credit: supervision does not count"},
	} {
		r := byEntry[c.entry.ID]
		if r.Hours != c.hours || r.CreditedHours != c.credited || r.CapApplied || !strings.HasPrefix(r.Reason, c.says) ||
			r.PolicyID == nil || *r.PolicyID != policy.ID || r.AttorneyID != c.entry.AttorneyID || r.WorkDate != c.entry.WorkDate {
			t.Errorf("%s: %+v, want %v hours credited %v saying %q", c.entry.Activity, r, c.hours, c.credited, c.says)
		}
	}
	// The attorney's year: every approved hour counts toward the goal, the eligible ones for credit.
	v := attorneyCredit(t, env, priya, priyaID, "")
	if v.ApprovedHours != 4.7 || v.CreditedHours != 4.5 || v.AnnualCapHours != nil || v.RemainingCap != nil ||
		len(v.ByPracticeArea) != 1 || v.ByPracticeArea[0].PracticeArea != "housing.private_landlord_tenant" || v.ByPracticeArea[0].Hours != 4.7 {
		t.Fatalf("Priya's year: %+v", v)
	}
	var month creditMonthView
	for _, m := range v.ByMonth {
		month.Hours, month.CreditedHours = month.Hours+m.Hours, month.CreditedHours+m.CreditedHours
	}
	if month.Hours != 4.7 || month.CreditedHours != 4.5 {
		t.Fatalf("months add up to %+v", month)
	}
	// Her firm's coordinator and platform admins see the rows, page by page; a colleague and
	// another firm see none of them.
	if rows, _ := ledger(t, env, coord, "?attorney_id="+priyaID); len(rows) != 4 {
		t.Fatalf("the coordinator's ledger of Priya: %d rows", len(rows))
	}
	var page struct {
		Items      []ledgerRowView `json:"items"`
		NextCursor string          `json:"next_cursor"`
	}
	readOK(t, env, env.Login(t, platformAdmin, password), "/api/v1/credit/ledger?limit=3&attorney_id="+priyaID, &page)
	if len(page.Items) != 3 || page.Items[0].EntryID != supervision.ID || page.NextCursor == "" {
		t.Fatalf("a platform admin's first page: %+v", page)
	}
	cursor := page.NextCursor
	page.NextCursor = ""
	readOK(t, env, coord, "/api/v1/credit/ledger?limit=3&cursor="+cursor, &page)
	if len(page.Items) != 1 || page.Items[0].EntryID != research.ID || page.NextCursor != "" {
		t.Fatalf("the second page: %+v", page)
	}
	for _, email := range []string{jamesEmail, castellanCoordinator, nonprofitStaff} {
		s := env.Login(t, email, password)
		if rows, _ := ledger(t, env, s, ""); len(rows) != 0 {
			t.Fatalf("%s sees %d rows", email, len(rows))
		}
		if rows, _ := ledger(t, env, s, "?attorney_id="+priyaID); len(rows) != 0 {
			t.Fatalf("%s naming Priya sees %d rows", email, len(rows))
		}
	}
}

func TestCreditLedger_AnAttorneyAtTheCapGetsNoMoreCreditAndTheLedgerSaysWhy(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	priyaID, coord := userID(t, env, priyaEmail), env.Login(t, coordinator, password)
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["annual_cap_hours"] = attorneyDay(-30), 3
	}))
	first := approvedTime(t, env, priya, matterID, attorneyDay(-3), 120, "research")
	partial := approvedTime(t, env, priya, matterID, attorneyDay(-2), 90, "drafting")
	over := approvedTime(t, env, priya, matterID, attorneyDay(-1), 60, "court_appearance")

	_, byEntry := ledger(t, env, priya, "")
	year := byEntry[first.ID].FiscalYear
	for _, c := range []struct {
		entry    timeEntryView
		credited float64
		capped   bool
		says     string
	}{
		{first, 2, false, "Credited 2 hours: 2 hours at 1 credit hours an hour."},
		{partial, 1, true, fmt.Sprintf("Credited 1 of 1.5 hours (1.5 hours at 1 credit hours an hour): the rest is over the firm's annual cap of 3 credited hours for fiscal year %d.", year)},
		{over, 0, true, fmt.Sprintf("No credit: the attorney has reached the firm's annual cap of 3 credited hours for fiscal year %d.", year)},
	} {
		if r := byEntry[c.entry.ID]; r.CreditedHours != c.credited || r.CapApplied != c.capped || r.Reason != c.says {
			t.Errorf("%+v, want %v credited, capped %v, saying %q", r, c.credited, c.capped, c.says)
		}
	}
	v := attorneyCredit(t, env, coord, priyaID, fmt.Sprintf("?fiscal_year=%d", year))
	if v.ApprovedHours != 4.5 || v.CreditedHours != 3 || v.AnnualCapHours == nil || *v.AnnualCapHours != 3 || v.RemainingCap == nil || *v.RemainingCap != 0 {
		t.Fatalf("Priya at the cap: %+v", v)
	}
}

func TestCreditLedger_APolicyChangeMidYearAppliesFromItsDateAndRewritesNoCredit(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	coord := env.Login(t, coordinator, password)
	before := createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) { b["effective_from"] = attorneyDay(-30) }))
	early := approvedTime(t, env, priya, matterID, attorneyDay(-5), 60, "research")
	waiting := submitActivity(t, env, priya, matterID, attorneyDay(-4), 60, "research")

	// From two days ago, two credit hours an hour up to a cap of 3 a year.
	after := createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["credit_ratio"], b["annual_cap_hours"] = attorneyDay(-2), 2, 3
	}))
	late := approvedTime(t, env, priya, matterID, attorneyDay(-1), 60, "research")
	if r := timeAction(t, env, coord, waiting.ID, "approve", nil); r.Status != http.StatusOK {
		t.Fatalf("approve the entry worked before the change: %d %s", r.Status, r.Body)
	}
	last := approvedTime(t, env, priya, matterID, attorneyDay(0), 60, "research")

	_, byEntry := ledger(t, env, priya, "")
	for _, c := range []struct {
		name     string
		entry    timeEntryView
		policy   string
		credited float64
	}{
		{"worked and approved before the change", early, before.ID, 1},
		{"worked after the change", late, after.ID, 2},
		{"worked before the change, approved after it", waiting, before.ID, 1},
		{"worked after the change, at its cap", last, after.ID, 0},
	} {
		r := byEntry[c.entry.ID]
		if r.PolicyID == nil || *r.PolicyID != c.policy || r.CreditedHours != c.credited {
			t.Errorf("%s: %+v, want policy %s and %v credited", c.name, r, c.policy, c.credited)
		}
	}
	if r := byEntry[last.ID]; !r.CapApplied || !strings.Contains(r.Reason, "annual cap of 3") {
		t.Errorf("at the new cap: %+v", r)
	}
}

func TestCreditLedger_ALimitedMeansPolicyCreditsOnlyClientsAtOrBelow200PercentOfThePovertyGuideline(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, eligible := priyasMatter(t, env, 10)
	wealthy := offerableBody()
	wealthy["eligibility"] = map[string]any{"household_size": 1, "annual_income": 60000}
	_, overLimit := matterFor(t, env, wealthy, 10)
	coord := env.Login(t, coordinator, password)
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["matter_eligibility"] = attorneyDay(-30), "limited_means"
	}))
	low := approvedTime(t, env, priya, eligible, attorneyDay(-1), 60, "research")
	high := approvedTime(t, env, priya, overLimit, attorneyDay(-1), 60, "research")

	_, byEntry := ledger(t, env, priya, "")
	if r := byEntry[low.ID]; r.CreditedHours != 1 {
		t.Errorf("a client of limited means: %+v", r)
	}
	if r := byEntry[high.ID]; r.CreditedHours != 0 || !strings.Contains(r.Reason, "only matters for clients at or below 200% of the poverty guideline, and this client's income is 3") {
		t.Errorf("a client above 200%%: %+v", r)
	}
}

func TestCreditLedger_ACorrectionTakesBackCreditUnderTheTermsItWasGrantedUnder(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	priyaID, coord := userID(t, env, priyaEmail), env.Login(t, coordinator, password)
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["credit_ratio"], b["annual_cap_hours"] = attorneyDay(-30), 1.5, 3
	}))
	// Three hours earn 4.5 credit hours, cut to the cap of 3.
	entry := approvedTime(t, env, priya, matterID, attorneyDay(-2), 180, "research")
	correct := func(minutes int) timeEntryView {
		r := timeAction(t, env, priya, entry.ID, "adjust", map[string]any{"minutes": minutes, "narrative": "Logged too much."})
		var adj timeEntryView
		r.JSON(t, &adj)
		if r.Status != http.StatusCreated && r.Status != http.StatusOK {
			t.Fatalf("adjust: %d %s", r.Status, r.Body)
		}
		if r := timeAction(t, env, coord, adj.ID, "approve", nil); r.Status != http.StatusOK {
			t.Fatalf("approve the correction: %d %s", r.Status, r.Body)
		}
		return adj
	}
	// 2.4 hours would still earn more than the cap: nothing to take back.
	small := correct(-36)
	// 1.2 hours earn 1.8: 1.2 of the 3 are taken back, which makes room under the cap again.
	large := correct(-72)
	later := approvedTime(t, env, priya, matterID, attorneyDay(-1), 36, "research")

	_, byEntry := ledger(t, env, priya, "")
	for _, c := range []struct {
		name            string
		entry           timeEntryView
		hours, credited float64
		says            string
	}{
		{"the entry", entry, 3, 3, "Credited 3 of 4.5 hours"},
		{"the small correction", small, -0.6, 0, "No credit to take back: the entry this one corrects was capped"},
		{"the large correction", large, -1.2, -1.2, "Takes back 1.2 credited hours of the entry this one corrects by -1.2 hours."},
		{"a later entry", later, 0.6, 0.9, "Credited 0.9 hours"},
	} {
		if r := byEntry[c.entry.ID]; r.Hours != c.hours || r.CreditedHours != c.credited || !strings.HasPrefix(r.Reason, c.says) {
			t.Errorf("%s: %+v, want %v hours credited %v saying %q", c.name, r, c.hours, c.credited, c.says)
		}
	}
	v := attorneyCredit(t, env, coord, priyaID, fmt.Sprintf("?fiscal_year=%d", byEntry[entry.ID].FiscalYear))
	if v.ApprovedHours != 1.8 || v.CreditedHours != 2.7 || *v.RemainingCap != 0.3 {
		t.Fatalf("Priya's year after the corrections: %+v", v)
	}
}

func TestCreditLedger_TwoCoordinatorsApprovingTheSameEntriesAtOnceWriteOneRowEach(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	createCreditPolicy(t, env, env.Login(t, coordinator, password), creditPolicyBody(func(b map[string]any) { b["effective_from"] = attorneyDay(-30) }))
	var ids []string
	for range 6 {
		ids = append(ids, submitActivity(t, env, priya, matterID, attorneyDay(-1), 30, "research").ID)
	}
	approvers := []apptest.Session{env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)}
	statuses := make([]int, len(approvers))
	var wg sync.WaitGroup
	for i, s := range approvers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = bulkDecide(t, env, s, "approve", map[string]any{"ids": ids}).Status
		}()
	}
	wg.Wait()
	slices.Sort(statuses)
	if statuses[0] != http.StatusOK || statuses[1] != http.StatusConflict {
		t.Fatalf("statuses %v, want one approval and one conflict", statuses)
	}
	rows, byEntry := ledger(t, env, priya, "")
	if len(rows) != len(ids) || len(byEntry) != len(ids) {
		t.Fatalf("%d ledger rows for %d entries", len(rows), len(ids))
	}
	for _, id := range ids {
		if byEntry[id].CreditedHours != 0.5 {
			t.Errorf("entry %s: %+v", id, byEntry[id])
		}
	}
}

func TestCreditLedger_ParallelApprovalsAtTheCapNeverCreditPastIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 10)
	createCreditPolicy(t, env, env.Login(t, coordinator, password), creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["annual_cap_hours"] = attorneyDay(-30), 4
	}))
	var ids []string
	for range 10 {
		ids = append(ids, submitActivity(t, env, priya, matterID, attorneyDay(-1), 60, "research").ID)
	}
	approvers := []apptest.Session{env.Login(t, coordinator, password), env.Login(t, "admin@hartwell.example", password)}
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := timeAction(t, env, approvers[i%2], id, "approve", nil); r.Status != http.StatusOK {
				t.Errorf("approve %s: %d %s", id, r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	rows, _ := ledger(t, env, priya, "")
	credited, full, capped := 0.0, 0, 0
	for _, r := range rows {
		credited += r.CreditedHours
		switch {
		case r.CreditedHours == 1 && !r.CapApplied:
			full++
		case r.CreditedHours == 0 && r.CapApplied && strings.Contains(r.Reason, "reached the firm's annual cap of 4"):
			capped++
		default:
			t.Errorf("a row neither credited in full nor at the cap: %+v", r)
		}
	}
	if len(rows) != 10 || credited != 4 || full != 4 || capped != 6 {
		t.Fatalf("%d rows, %v credited, %d in full, %d at the cap", len(rows), credited, full, capped)
	}
}

func TestCreditFirm_TheChallengeMeasuresProBonoHoursAgainstBillableHoursOrAttorneys(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	priya, matterID := priyasMatter(t, env, 0)
	coord := env.Login(t, coordinator, password)
	firmID := orgOf(t, env, coord)
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["eligible_activities"] = attorneyDay(-30), []string{"court_appearance"}
	}))
	var ids []string
	for _, activity := range []string{"research", "drafting", "court_appearance"} {
		ids = append(ids, submitActivity(t, env, priya, matterID, attorneyDay(0), 480, activity).ID)
	}
	if r := bulkDecide(t, env, coord, "approve", map[string]any{"ids": ids}); r.Status != http.StatusOK {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	year := firmCredit(t, env, coord, firmID, "").FiscalYear
	if r := putBillableHours(env, t, coord, firmID, year, 600, 2, ""); r.Status != http.StatusOK {
		t.Fatalf("billable hours: %d %s", r.Status, r.Body)
	}
	// 24 pro bono hours of 600 billable: 4%, past the 3% mark; Priya alone of three gave 20 hours.
	f := firmCredit(t, env, coord, firmID, "")
	ch := f.Challenge
	if f.ApprovedHours != 24 || f.CreditedHours != 8 || ch.Measure != "percentage" || ch.ProBonoHours != 24 || *ch.Percentage != 4 ||
		ch.MetMark == nil || *ch.MetMark != 3 || *ch.HoursPerAttorney != 12 || *ch.ShareWith20Hours != 1.0/3 {
		t.Fatalf("the firm's year: %+v", f)
	}
	byName := map[string]attorneyCreditView{}
	for _, a := range f.Attorneys {
		byName[a.AttorneyName] = a
	}
	if len(f.Attorneys) != 3 || byName["Priya Raman"].ApprovedHours != 24 || byName["Priya Raman"].CreditedHours != 8 || byName["James Okafor"].ApprovedHours != 0 {
		t.Fatalf("the firm's attorneys: %+v", f.Attorneys)
	}
	// Measured per attorney from today: 12 hours each of the 2 entered reaches neither 60 nor 100.
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) { b["effective_from"], b["challenge_measure"] = attorneyDay(0), "per_attorney" }))
	ch = firmCredit(t, env, coord, firmID, "").Challenge
	if ch.Measure != "per_attorney" || len(ch.Marks) != 2 || ch.Marks[0] != 60 || ch.Marks[1] != 100 || ch.MetMark != nil || *ch.HoursPerAttorney != 12 {
		t.Fatalf("per attorney: %+v", ch)
	}
	// With no count entered, the firm's attorneys on the platform are counted.
	putBillableHours(env, t, coord, firmID, year, 600, 0, "")
	if ch = firmCredit(t, env, coord, firmID, "").Challenge; *ch.HoursPerAttorney != 8 {
		t.Fatalf("per attorney on the platform: %+v", ch)
	}
}

// creditQueries counts every statement the application sends, and apart the ones that read or
// write credit (the ledger, the policies, the ledger's locks, the matters' poverty percentages).
type creditQueries struct {
	all, credit atomic.Int64
}

func (c *creditQueries) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	c.all.Add(1)
	if strings.Contains(d.SQL, "credit_") || strings.Contains(d.SQL, "poverty_percent") {
		c.credit.Add(1)
	}
	return ctx
}

func (c *creditQueries) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func TestCredit_ReadsAndLedgerWritesCostTheSameQueriesWhateverTheirSize(t *testing.T) {
	t.Parallel()
	queries := &creditQueries{}
	env := apptest.New(t, apptest.WithQueryTracer(queries))
	priya, matterID := priyasMatter(t, env, 10)
	priyaID, coord := userID(t, env, priyaEmail), env.Login(t, coordinator, password)
	firmID := orgOf(t, env, coord)
	createCreditPolicy(t, env, coord, creditPolicyBody(func(b map[string]any) {
		b["effective_from"], b["annual_cap_hours"], b["matter_eligibility"] = attorneyDay(-30), 10, "limited_means"
	}))
	cost := func(counter *atomic.Int64, f func()) int64 {
		before := counter.Load()
		f()
		return counter.Load() - before
	}
	// What approving n entries over three days costs the ledger.
	approve := func(n int) int64 {
		var ids []string
		for i := range n {
			ids = append(ids, submitActivity(t, env, priya, matterID, attorneyDay(-1-i%3), 6, "research").ID)
		}
		return cost(&queries.credit, func() {
			if r := bulkDecide(t, env, coord, "approve", map[string]any{"ids": ids}); r.Status != http.StatusOK {
				t.Fatalf("approve: %d %s", r.Status, r.Body)
			}
		})
	}
	reads := func() [3]int64 {
		return [3]int64{
			cost(&queries.all, func() { attorneyCredit(t, env, coord, priyaID, "") }),
			cost(&queries.all, func() { firmCredit(t, env, coord, firmID, "") }),
			cost(&queries.all, func() { ledger(t, env, coord, "") }),
		}
	}
	one, fewReads := approve(1), reads()
	many, moreReads := approve(30), reads()
	if one != many || one > 6 {
		t.Fatalf("the ledger's part of approving 1 entry costs %d queries, of 30 %d", one, many)
	}
	if fewReads != moreReads {
		t.Fatalf("reads cost %v queries with 1 entry, %v with 31", fewReads, moreReads)
	}
}
