package api_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strings"
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

// createFirm creates a law firm through the API and returns its id; its checks of the open
// referrals run in the worker, on the event the creation emits.
func createFirm(t *testing.T, env *apptest.Env, name string) string {
	t.Helper()
	admin := env.Login(t, "admin@probono.example", password)
	var firm struct{ ID string }
	r := env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/organizations", Token: admin.Token,
		Body: map[string]string{"name": name, "kind": "law_firm"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("create firm: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &firm)
	return firm.ID
}

func sqlDB(t testing.TB, env *apptest.Env) *sql.DB {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func queryInt(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// firmChecked says whether every open referral has been checked against the firm.
func firmChecked(t *testing.T, db *sql.DB, firmID string) bool {
	t.Helper()
	open := queryInt(t, db, `SELECT count(*) FROM referrals WHERE status = 'submitted'`)
	checked := queryInt(t, db, `SELECT count(*) FROM conflict_checks WHERE firm_id = $1`, firmID)
	if open == 0 {
		t.Fatal("the demo data has no open referral to check")
	}
	return checked == open
}

// firmEvent is the outbox row of a firm's creation.
func firmEvent(t *testing.T, db *sql.DB, firmID string) (id string, attempts int, done bool) {
	t.Helper()
	err := db.QueryRow(`SELECT id, attempts, done_at IS NOT NULL FROM outbox_events WHERE payload->>'org_id' = $1`, firmID).
		Scan(&id, &attempts, &done)
	if err != nil {
		t.Fatalf("the firm's event: %v", err)
	}
	return id, attempts, done
}

func TestOutbox_EventCommittedWhileRedisIsDownIsHandledWhenItReturns(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.ProxyRedis())
	db := sqlDB(t, env)
	createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	env.StartWorker(t, jobs.Options{})
	env.WaitForEvents(t) // the demo data's own events
	env.Redis.Cut()

	firm := createFirm(t, env, "Redis Down LLP") // the request needs only Postgres
	deadline := time.Now().Add(10 * time.Second)
	for queryInt(t, db, `SELECT count(*) FROM outbox_events WHERE payload->>'org_id' = $1 AND last_error IS NOT NULL`, firm) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the relay never tried to enqueue the event while Redis was down")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, _, done := firmEvent(t, db, firm); done || firmChecked(t, db, firm) {
		t.Fatal("the event was handled without Redis")
	}

	if err := env.Redis.Restore(); err != nil {
		t.Fatal(err)
	}
	env.WaitForEvents(t)
	if !firmChecked(t, db, firm) {
		t.Fatal("the firm's checks did not run after Redis came back")
	}
}

func TestOutbox_EventWhoseTaskVanishedFromRedisIsHandledOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	db := sqlDB(t, env)
	createReferral(t, env, env.Login(t, nonprofitStaff, password), referralBody(true))
	firm := createFirm(t, env, "Lost Task LLP")
	// As if a relay had handed the event to a Redis that then lost its data (a restart without
	// persistence, a failover, FLUSHDB): the event is marked handed over, no task exists anywhere.
	if _, err := db.Exec(`UPDATE outbox_events SET enqueued_at = now(), attempts = 1 WHERE payload->>'org_id' = $1`, firm); err != nil {
		t.Fatal(err)
	}
	env.StartWorker(t, jobs.Options{RedeliverAfter: 2 * time.Second})
	env.WaitForEvents(t)
	// Handed over again (more than once if its job outlasted RedeliverAfter, when the queue, still
	// holding the task under the event's id, refuses the copy), and done once.
	_, attempts, done := firmEvent(t, db, firm)
	if !done || attempts < 2 || !firmChecked(t, db, firm) {
		t.Fatalf("done %v after %d hand-overs, checked %v; want done after 2 or more", done, attempts, firmChecked(t, db, firm))
	}
}

func TestOutbox_RolledBackTransactionEmitsNothing(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	e, err := outbox.New(org.EventLawFirmCreated, "organization/x", org.LawFirmCreated{OrgID: uuid.New()})
	if err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the write after the event failed")
	err = env.App.Store.Tx(context.Background(), func(tx *store.Store) error {
		if err := tx.Emit(context.Background(), e); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Tx: %v", err)
	}
	if n := queryInt(t, sqlDB(t, env), `SELECT count(*) FROM outbox_events WHERE id = $1`, e.ID); n != 0 {
		t.Fatalf("%d events of a rolled-back transaction", n)
	}
}

func TestOutbox_TwoRelaysEnqueueEachEventOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	db := sqlDB(t, env)
	const firms = 12
	for i := range firms {
		createFirm(t, env, fmt.Sprintf("Relay Race %d LLP", i))
	}
	// Both workers share their queues, as two worker processes do.
	prefix := apptest.QueuePrefix()
	env.StartWorker(t, jobs.Options{QueuePrefix: prefix})
	env.StartWorker(t, jobs.Options{QueuePrefix: prefix})
	env.WaitForEvents(t)
	if n := queryInt(t, db, `SELECT count(*) FROM outbox_events WHERE attempts <> 1`); n != 0 {
		t.Fatalf("%d events were handed to the queue more than once", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM outbox_events WHERE type = $1`, org.EventLawFirmCreated); n < firms {
		t.Fatalf("only %d firm events", n)
	}
}

func TestOutbox_UndecodablePayloadIsArchivedAfterOneAttempt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	db := sqlDB(t, env)
	firm := createFirm(t, env, "Bad Payload LLP")
	id, _, _ := firmEvent(t, db, firm)
	// The event's task arrives with a payload its handler cannot read (written by a different
	// version, or damaged): the event is held by the relay meanwhile, so only this task exists.
	if _, err := db.Exec(`UPDATE outbox_events SET enqueued_at = now() WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	prefix := apptest.QueuePrefix()
	client := asynq.NewClient(env.App.RedisOpt)
	defer client.Close()
	if _, err := client.Enqueue(asynq.NewTask(org.EventLawFirmCreated, []byte(`{"org_id": 42}`)),
		asynq.TaskID(id), asynq.Queue(prefix+jobs.QueueDefault), asynq.MaxRetry(10)); err != nil {
		t.Fatal(err)
	}
	env.StartWorker(t, jobs.Options{QueuePrefix: prefix})

	inspector := asynq.NewInspector(env.App.RedisOpt)
	defer inspector.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		info, err := inspector.GetTaskInfo(prefix+jobs.QueueDefault, id)
		if err == nil && info.State == asynq.TaskStateArchived {
			if info.Retried != 0 || !strings.Contains(info.LastErr, "undecodable") {
				t.Fatalf("archived after %d retries with %q", info.Retried, info.LastErr)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("task not archived: %+v %v", info, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var lastError string
	if err := db.QueryRow(`SELECT last_error FROM outbox_events WHERE id = $1`, id).Scan(&lastError); err != nil || !strings.Contains(lastError, "undecodable") {
		t.Fatalf("the event does not say why: %q %v", lastError, err)
	}
	if _, _, done := firmEvent(t, db, firm); done {
		t.Fatal("an event whose payload was refused is marked done")
	}
}
