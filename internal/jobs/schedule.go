package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/robfig/cron/v3"
)

// Periodic is a job that runs on a schedule: a cron expression ("0 7 * * *"), a descriptor
// ("@hourly", "@daily") or "@every <duration>".
type Periodic struct {
	Name string
	Spec string
	Type string
	route
}

// tickRetention keeps a finished periodic task's id reserved for a while, so a worker whose clock or
// loop runs a little late finds the tick's task already there instead of running the job again.
const tickRetention = 15 * time.Minute

// scheduler enqueues each periodic job once per tick however many workers run one: the task's id is
// the job's name and the tick's time, and the queue refuses a second task with the same id. A
// failed or archived run holds only its own tick's id, so the next tick runs whatever happened.
type scheduler struct {
	queue *asynq.Client
	jobs  []scheduled
	now   func() time.Time
	log   *slog.Logger
}

type scheduled struct {
	Periodic
	next func(time.Time) time.Time
}

func newScheduler(queue *asynq.Client, jobs []Periodic, now func() time.Time, log *slog.Logger) (*scheduler, error) {
	s := &scheduler{queue: queue, now: now, log: log}
	for _, j := range jobs {
		next, err := parseSpec(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("schedule of %s: %w", j.Name, err)
		}
		s.jobs = append(s.jobs, scheduled{Periodic: j, next: next})
	}
	return s, nil
}

// parseSpec turns a schedule into the function giving the first tick after a time. "@every d" ticks
// at whole multiples of d since the Unix epoch, so every worker computes the same ticks.
func parseSpec(spec string) (func(time.Time) time.Time, error) {
	if every, ok := strings.CutPrefix(spec, "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(every))
		if err != nil || d < time.Second {
			return nil, fmt.Errorf("%q: @every needs a duration of at least 1s", spec)
		}
		return func(t time.Time) time.Time { return t.Truncate(d).Add(d) }, nil
	}
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", spec, err)
	}
	return sched.Next, nil
}

func (s *scheduler) run(ctx context.Context) {
	if len(s.jobs) == 0 {
		return
	}
	last := s.now().UTC()
	for {
		tick := s.jobs[0].next(last)
		for _, j := range s.jobs[1:] {
			if t := j.next(last); t.Before(tick) {
				tick = t
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(tick)):
		}
		s.enqueueDue(ctx, last, tick)
		last = tick
	}
}

// enqueueDue enqueues every job with a tick in (after, upTo].
func (s *scheduler) enqueueDue(ctx context.Context, after, upTo time.Time) {
	for _, j := range s.jobs {
		if tick := j.next(after); !tick.After(upTo) {
			s.enqueue(ctx, j, tick)
		}
	}
}

func (s *scheduler) enqueue(ctx context.Context, j scheduled, tick time.Time) {
	id := fmt.Sprintf("%s@%s", j.Name, tick.UTC().Format(time.RFC3339))
	opts := append(j.options(id), asynq.Retention(tickRetention))
	_, err := s.queue.EnqueueContext(ctx, asynq.NewTask(j.Type, nil), opts...)
	switch {
	case err == nil:
		s.log.DebugContext(ctx, "enqueued periodic job", "job", j.Name, "tick", tick)
	case errors.Is(err, asynq.ErrTaskIDConflict):
		// Another worker enqueued this tick.
	default:
		s.log.WarnContext(ctx, "enqueueing periodic job", "job", j.Name, "tick", tick, "error", err)
	}
}
