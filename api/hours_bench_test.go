package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

// BenchmarkHours_BulkApprovalOf1000Entries times POST /time-entries/approve of 1,000 submitted
// entries through HTTP, from the request to the last entry of the answer: the locks, the status
// change, the roll-ups' trigger, the credit, the events and the 1,000 audit records in one
// transaction. Each round's entries are written beforehand in SQL, outside the timing.
func BenchmarkHours_BulkApprovalOf1000Entries(b *testing.B) {
	env := apptest.New(b)
	_, matterID := priyasMatter(b, env, 1100)
	coord := env.Login(b, coordinator, password)
	db := sqlDB(b, env)
	var times []time.Duration
	for b.Loop() {
		b.StopTimer()
		rows, err := db.Query(`INSERT INTO time_entries (id, matter_id, attorney_id, firm_id, work_date, minutes, activity, narrative, status, submitted_at)
			SELECT gen_random_uuid(), m.id, m.attorney_id, m.firm_id, current_date - 1 - i, 30, 'research', 'Researched the notice.', 'submitted', now()
			FROM matters m, generate_series(1, 1000) i WHERE m.id = $1 RETURNING id`, matterID)
		if err != nil {
			b.Fatal(err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				b.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		b.StartTimer()
		start := time.Now()
		r := env.Do(b, apptest.Request{Method: "POST", Path: "/api/v1/time-entries/approve", Token: coord.Token, Body: map[string]any{"ids": ids}})
		var approved struct{ Items []timeEntryView }
		r.JSON(b, &approved)
		times = append(times, time.Since(start))
		if r.Status != http.StatusOK || len(approved.Items) != 1000 || approved.Items[999].Status != "approved" {
			b.Fatalf("approve: %d, %d items", r.Status, len(approved.Items))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(times[len(times)-1].Milliseconds()), "max-ms")
	b.Logf("%d bulk approvals of 1,000 entries: median %v, slowest %v", len(times), times[len(times)/2], times[len(times)-1])
}
