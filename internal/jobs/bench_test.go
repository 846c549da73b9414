package jobs_test

import (
	"context"
	"database/sql"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/store"
)

// The outbox benchmarks relay real org:law_firm_created events through the real worker. With no
// open referral to check, their handler is the cheapest real one: it marks the event done and
// finds nothing to check, so what is measured is the outbox and the queue, not the work.

// benchWorker starts an application and its worker on queues of their own, once the demo data's
// events are handled and its open referrals withdrawn, and returns them with the database.
func benchWorker(b *testing.B) (*apptest.Env, *sql.DB, string) {
	b.Helper()
	env := apptest.New(b)
	db, err := env.App.Store.SQLDB()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE referrals SET status = 'withdrawn' WHERE status IN ('submitted', 'matching', 'offered')`); err != nil {
		b.Fatal(err)
	}
	prefix := apptest.QueuePrefix()
	env.StartWorker(b, jobs.Options{QueuePrefix: prefix})
	env.WaitForEvents(b)
	return env, db, prefix + jobs.QueueDefault
}

// firmCreated is an event of a firm's creation, for a firm of no rows: its handler checks nothing.
func firmCreated(b *testing.B) outbox.Event {
	b.Helper()
	e, err := outbox.New(org.EventLawFirmCreated, "organization/bench", org.LawFirmCreated{OrgID: uuid.New()})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// emit commits events in one transaction.
func emit(b *testing.B, s *store.Store, events []outbox.Event) {
	err := s.Tx(context.Background(), func(tx *store.Store) error {
		for _, e := range events {
			if err := tx.Emit(context.Background(), e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Error(err)
	}
}

// enqueued is how many tasks the queue has ever held: those in it and those processed. It counts
// a task that failed twice (in the queue and processed), so it requires that none failed.
func enqueued(b *testing.B, insp *asynq.Inspector, queue string) int {
	b.Helper()
	info, err := insp.GetQueueInfo(queue)
	if err != nil {
		return 0 // the queue does not exist before its first task
	}
	if info.FailedTotal > 0 {
		b.Fatalf("%d tasks failed", info.FailedTotal)
	}
	return info.Size + info.ProcessedTotal
}

// throughputEvents is how many events one run of BenchmarkOutboxThroughput relays.
const throughputEvents = 10_000

// BenchmarkOutboxThroughput commits 10,000 events in one transaction while the worker runs, and
// reports events per second from the commit to the last event's task in Redis: what one relay
// hands over per second from a backlog, with the worker handling the events meanwhile, as it
// would. Run with -benchtime=1x.
func BenchmarkOutboxThroughput(b *testing.B) {
	env, _, queue := benchWorker(b)
	insp := asynq.NewInspector(env.App.RedisOpt)
	defer insp.Close()
	for range b.N {
		base := enqueued(b, insp, queue)
		events := make([]outbox.Event, throughputEvents)
		for i := range events {
			events[i] = firmCreated(b)
		}
		emit(b, env.App.Store, events)
		start := time.Now()
		for enqueued(b, insp, queue)-base < throughputEvents {
			if time.Since(start) > time.Minute {
				b.Fatalf("%d of %d events enqueued after a minute", enqueued(b, insp, queue)-base, throughputEvents)
			}
			time.Sleep(time.Millisecond)
		}
		b.ReportMetric(throughputEvents/time.Since(start).Seconds(), "events/s")
		env.WaitForEvents(b)
	}
}

// latencyRate and latencyRun are the steady load of BenchmarkOutboxLatency.
const (
	latencyRate = 1000
	latencyRun  = 4 * time.Second
)

// BenchmarkOutboxLatency commits 1,000 events a second, each in a transaction of its own, for four
// seconds, and reports the p50, p95 and p99 time from an event's commit (when Tx returned) to its
// handler's start (when the handler's transaction began: done_at is its now()), and the p95 of the
// part before the relay claimed it (enqueued_at); both clocks are the host's. events/s is the rate
// the commits kept up. Run with -benchtime=1x.
func BenchmarkOutboxLatency(b *testing.B) {
	env, db, _ := benchWorker(b)
	for range b.N {
		n := int(latencyRate * latencyRun / time.Second)
		events := make([]outbox.Event, n)
		committed := make([]time.Time, n)
		for i := range events {
			events[i] = firmCreated(b)
		}
		// A pacer hands out each event at its time; producers commit them, so a slow commit does
		// not hold back the next one.
		due := make(chan int)
		var producers sync.WaitGroup
		for range 8 {
			producers.Go(func() {
				for i := range due {
					emit(b, env.App.Store, events[i:i+1])
					committed[i] = time.Now()
				}
			})
		}
		start := time.Now()
		for i := range n {
			time.Sleep(time.Until(start.Add(time.Duration(i) * time.Second / latencyRate)))
			due <- i
		}
		close(due)
		producers.Wait()
		rate := float64(n) / time.Since(start).Seconds()
		env.WaitForEvents(b)

		ids := make([]string, n)
		for i, e := range events {
			ids[i] = e.ID.String()
		}
		claimed, started := map[string]time.Time{}, map[string]time.Time{}
		rows, err := db.Query(`SELECT id, enqueued_at, done_at FROM outbox_events WHERE id = ANY($1)`, ids)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var id string
			var claim, start time.Time
			if err := rows.Scan(&id, &claim, &start); err != nil {
				b.Fatal(err)
			}
			claimed[id], started[id] = claim, start
		}
		if err := rows.Close(); err != nil {
			b.Fatal(err)
		}
		toStart, toClaim := make([]time.Duration, n), make([]time.Duration, n)
		for i, e := range events {
			start, ok := started[e.ID.String()]
			if !ok {
				b.Fatalf("event %s is gone", e.ID)
			}
			toStart[i], toClaim[i] = start.Sub(committed[i]), claimed[e.ID.String()].Sub(committed[i])
		}
		b.ReportMetric(rate, "events/s")
		b.ReportMetric(percentile(toStart, 50), "p50-ms")
		b.ReportMetric(percentile(toStart, 95), "p95-ms")
		b.ReportMetric(percentile(toStart, 99), "p99-ms")
		b.ReportMetric(percentile(toClaim, 95), "claim-p95-ms")
	}
}

// percentile is the pth percentile of ds, in milliseconds; it sorts ds.
func percentile(ds []time.Duration, p int) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)*p/100]) / float64(time.Millisecond)
}
