package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

func TestWorker_PurgesExpiredTokensAndKeepsLiveOnes(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	acct, err := env.App.Store.AccountByEmail(ctx, "coordinator@hartwell.example")
	if err != nil {
		t.Fatal(err)
	}
	token := func(digest string, expires time.Time) {
		err := env.App.Store.CreateRefreshToken(ctx, &store.RefreshToken{
			ID: uuid.New(), UserID: acct.ID, FamilyID: uuid.New(), TokenHash: digest, ExpiresAt: expires,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	token("expired-two-days-ago", time.Now().Add(-48*time.Hour))
	token("still-valid", time.Now().Add(time.Hour))

	// A Redis database of its own, so no other worker takes the task.
	redis := asynq.RedisClientOpt{Addr: "127.0.0.1:6379", DB: 3}
	workerCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- jobs.Run(workerCtx, redis, jobs.Deps{Tokens: env.App.Store, Log: env.App.Log}) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("worker: %v", err)
		}
	})
	client := asynq.NewClient(redis)
	defer client.Close()
	if _, err := client.Enqueue(jobs.NewPurgeExpiredTokensTask()); err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(20 * time.Second)
	for {
		_, err := env.App.Store.UseRefreshToken(ctx, "expired-two-days-ago")
		if problem.Is(err, problem.NotFound) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("expired token still present (err %v)", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := env.App.Store.UseRefreshToken(ctx, "still-valid"); err != nil {
		t.Fatalf("live token purged: %v", err)
	}
}
