package jobs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/jobs"
)

func TestSchedule_TwoWorkersRunEachPeriodicJobOncePerTick(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	prefix := apptest.QueuePrefix()
	every := map[string]string{"token-purge": "@every 1s", "outbox-purge": "@every 1s"}
	env.StartWorker(t, jobs.Options{QueuePrefix: prefix, Schedules: every})
	env.StartWorker(t, jobs.Options{QueuePrefix: prefix, Schedules: every})

	inspector := asynq.NewInspector(env.App.RedisOpt)
	defer inspector.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		done, err := inspector.ListCompletedTasks(prefix + jobs.QueueLow)
		if err != nil && !strings.Contains(err.Error(), "not found") {
			t.Fatal(err)
		}
		runs := map[string]int{} // by job name and tick
		for _, task := range done {
			runs[task.ID]++
		}
		perJob := map[string]int{}
		for id, n := range runs {
			if n != 1 {
				t.Fatalf("%s ran %d times", id, n)
			}
			job, _, _ := strings.Cut(id, "@")
			perJob[job]++
		}
		if len(done) == len(runs) && perJob["token-purge"] >= 3 && perJob["outbox-purge"] >= 3 {
			// Two workers, three ticks each: every tick's task ran once, by one of them.
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("runs after 20 s: %v", runs)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestRunPeriodic_EveryJobRunsAndAnUnknownOneIsRefused(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	for _, name := range jobs.ScheduleNames() {
		if err := jobs.RunPeriodic(t.Context(), env.App.WorkerDeps(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := jobs.RunPeriodic(t.Context(), env.App.WorkerDeps(), "nightly-backup"); err == nil || !strings.Contains(err.Error(), "token-purge") {
		t.Errorf("unknown job: err = %v, want it to list the jobs", err)
	}
}
