package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

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

	// The purge runs on its schedule, here every second.
	env.StartWorker(t, jobs.Options{Schedules: map[string]string{"token-purge": "@every 1s", "outbox-purge": "off"}})

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
