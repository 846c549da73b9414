package conflict_test

import (
	"context"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/conflict/conflicttest"
	"github.com/probono-match/probono/internal/referral"
)

// registryRows is the registry size the issue sets as the benchmark: 1,000,000 entries.
const registryRows = 1_000_000

// importRegistry streams a generated registry of n rows through the import, as an upload would,
// with a bad row at file line badLine if that is not 0.
func importRegistry(b *testing.B, env *apptest.Env, p auth.Principal, n, badLine int, mode conflict.ImportMode) conflict.ImportReport {
	b.Helper()
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(conflicttest.WriteCSV(pw, n, 42, badLine)) }()
	report, err := env.App.Conflicts.Import(context.Background(), p, pr, mode)
	if err != nil {
		b.Fatal(err)
	}
	return report
}

// peakHeap samples the Go heap until stop is closed and returns the largest value seen.
func peakHeap(stop <-chan struct{}) *atomic.Uint64 {
	var peak atomic.Uint64
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return &peak
}

// badLine is the file line of the one bad row in the import benchmark's file: halfway through.
const badLine = 500_000

// BenchmarkImport1M imports a 1,000,000-row registry with a bad row at line 500,000, first all or
// nothing (untimed; nothing may be kept), then partially (timed; every other row is kept), and
// reports rows per second and the peak Go heap of the partial import. Run with -benchtime=1x.
func BenchmarkImport1M(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		env := apptest.New(b)
		p := env.Principal(b, "coordinator@hartwell.example")
		checkBadRowReport(b, importRegistry(b, env, p, registryRows, badLine, conflict.AllOrNothing), false)
		if n, err := env.App.Store.CountConflictEntries(context.Background(), p.OrgID); err != nil || n != 0 {
			b.Fatalf("all or nothing kept %d entries (%v)", n, err)
		}
		runtime.GC()
		stop := make(chan struct{})
		peak := peakHeap(stop)
		start := time.Now()
		b.StartTimer()
		report := importRegistry(b, env, p, registryRows, badLine, conflict.Partial)
		b.StopTimer()
		elapsed := time.Since(start)
		close(stop)
		checkBadRowReport(b, report, true)
		b.ReportMetric(float64(registryRows)/elapsed.Seconds(), "rows/s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	}
}

// checkBadRowReport fails unless the report names the bad row by its line and accepts the others.
func checkBadRowReport(b *testing.B, r conflict.ImportReport, committed bool) {
	b.Helper()
	if r.Committed != committed || r.Accepted != registryRows-1 || r.Rejected != 1 || len(r.Errors) != 1 || r.Errors[0].Line != badLine {
		b.Fatalf("report of a file with a bad row at line %d (committed %v): %+v", badLine, committed, r)
	}
}

// BenchmarkConflictCheck1M checks referrals with five parties against a firm registry of
// 1,000,000 entries and reports the p50 and p95 latency of one check. The checks cycle through
// referrals with different generated parties, so no name is searched twice in a row.
func BenchmarkConflictCheck1M(b *testing.B) {
	env := apptest.New(b)
	coordinator := env.Principal(b, "coordinator@hartwell.example")
	staff := env.Principal(b, "staff@northside.example")
	if report := importRegistry(b, env, coordinator, registryRows, 0, conflict.Partial); report.Accepted != registryRows {
		b.Fatalf("imported %d of %d rows: %+v", report.Accepted, registryRows, report.Errors)
	}

	r := rand.New(rand.NewPCG(7, 7))
	referrals := make([]uuid.UUID, 25)
	for i := range referrals {
		in := referral.Input{
			PracticeArea: "housing.private_landlord_tenant", Jurisdiction: "IL", Summary: "Eviction defence for a family of four.",
			Urgency: "urgent", HouseholdSize: 4, AnnualIncome: 30000, Client: referral.Client{Name: "Ana Lucia Torres"},
			Parties: []referral.Party{{Name: "Ana Lucia Torres", Role: "client", Kind: "person"}},
		}
		for j := 0; j < 4; j++ {
			name, kind := conflicttest.Name(r)
			in.Parties = append(in.Parties, referral.Party{Name: name, Role: []string{"adverse", "related"}[j%2], Kind: kind})
		}
		ref, err := env.App.Referrals.Create(context.Background(), staff, in, true, "")
		if err != nil {
			b.Fatal(err)
		}
		referrals[i] = ref.ID
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := env.App.Conflicts.Run(context.Background(), coordinator, referrals[i%len(referrals)], (*uuid.UUID)(nil)); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durations)
	ms := func(q float64) float64 {
		return float64(durations[int(q*float64(len(durations)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}
