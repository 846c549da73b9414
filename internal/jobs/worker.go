package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/metrics"
)

// Deps are what the task handlers need.
type Deps struct {
	Store     Store
	Conflicts interface {
		FirmChecker
		ImportRechecker
	}
	// Offers expires offers, reminds attorneys of those about to expire, and makes sequential
	// offers' next.
	Offers OfferService
	// Proposals runs the nightly batch matching.
	Proposals Proposer
	// Ranker ranks the candidates of new referrals, to tell attorneys of those that fit them.
	Ranker Ranker
	// Notify records notifications and sends their emails.
	Notify notify.Notifier
	// StaleReferralDays is how long a submitted referral may go untaken before its organisation is
	// told, and told again.
	StaleReferralDays int
	// Now is the periodic jobs' clock; nil is time.Now.
	Now func() time.Time
	// Auth and Orgs compose the emails of password resets and invitations.
	Auth PasswordResetMailer
	Orgs InvitationMailer
	Log  *slog.Logger
	// Metrics, when set, count every task by type and result.
	Metrics *metrics.Metrics
}

// Store is the database as the worker's jobs use it.
type Store interface {
	EventStore
	OutboxStore
	TokenPurger
	EventPurger
	ReminderStore
	StaleReferralStore
	NewOpportunitiesStore
	IdleAttorneyStore
}

// Options tune a worker; the zero value of each field means its default.
type Options struct {
	// Concurrency is how many tasks run at once.
	Concurrency int
	// QueuePrefix namespaces the queues, so workers sharing a Redis can keep apart (tests).
	QueuePrefix string
	// Poll is how often the relay looks for events when no notification woke it.
	Poll time.Duration
	// RedeliverAfter is how long an event handed to the queue may stay not done before it is handed
	// over again (its task was lost with Redis's data, or is still failing).
	RedeliverAfter time.Duration
	// ShutdownTimeout is how long running tasks get to finish when the worker stops; asynq puts back
	// any still running after it, so they run again elsewhere.
	ShutdownTimeout time.Duration
	// Schedules replace the default schedule of periodic jobs, by job name; "off" turns a job off.
	Schedules map[string]string
}

const (
	// defaultConcurrency is more tasks than cores because tasks mostly wait on Postgres and SMTP;
	// it stays under the store's pool of 20 connections. At 4, a steady 1,000 events a second
	// queued for a second and more on the 2-core development machine (make bench).
	defaultConcurrency     = 10
	defaultPoll            = 2 * time.Second
	defaultRedeliverAfter  = 10 * time.Minute
	defaultShutdownTimeout = 30 * time.Second
	// taskCheckInterval is how long the worker waits to look again after finding its queues empty.
	// asynq polls rather than blocks, and its default of a second made an event on a quiet worker
	// wait up to a second and a half for its handler; 10 ms costs Redis about a hundred small
	// scripts a second per idle worker.
	taskCheckInterval = 10 * time.Millisecond
)

// Run processes tasks, relays outbox events and enqueues the periodic jobs until ctx is cancelled;
// then it stops taking new tasks and waits for running ones to finish.
func Run(ctx context.Context, redis asynq.RedisConnOpt, deps Deps, opts Options) error {
	opts = opts.withDefaults()
	all := tasks(deps)
	mux := asynq.NewServeMux()
	if deps.Metrics != nil {
		mux.Use(observe(deps.Metrics))
	}
	routes := map[string]route{}
	for taskType, t := range all {
		t.queue = opts.QueuePrefix + t.queue
		all[taskType] = t
		routes[taskType] = t.route
		mux.Handle(taskType, t.handler)
	}
	periodic, err := periodicJobs(opts.Schedules, all)
	if err != nil {
		return err
	}

	queues := map[string]int{}
	for q, w := range queueWeights {
		queues[opts.QueuePrefix+q] = w
	}
	srv := asynq.NewServer(redis, asynq.Config{
		Concurrency:       opts.Concurrency,
		Queues:            queues,
		ShutdownTimeout:   opts.ShutdownTimeout,
		TaskCheckInterval: taskCheckInterval,
		Logger:            slogAdapter{deps.Log},
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			deps.Log.ErrorContext(ctx, "task failed", "type", t.Type(), "error", err.Error())
		}),
	})
	client := asynq.NewClient(redis)
	defer client.Close()
	sched, err := newScheduler(client, periodic, time.Now, deps.Log)
	if err != nil {
		return err
	}
	if err := srv.Start(mux); err != nil {
		return fmt.Errorf("starting worker: %w", err)
	}
	deps.Log.Info("worker started")

	loops, stop := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Go(func() {
		(&relay{db: deps.Store, queue: client, routes: routes, poll: opts.Poll, redeliverAfter: opts.RedeliverAfter, log: deps.Log}).run(loops)
	})
	wg.Go(func() { sched.run(loops) })
	<-ctx.Done()
	stop()
	wg.Wait()
	srv.Shutdown() // waits for running tasks, up to ShutdownTimeout
	deps.Log.Info("worker stopped")
	return nil
}

// now is the time by the deps' clock.
func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

// RunPeriodic runs the named periodic job once, now, as its schedule would: for `probono job`, and
// for tests, which set deps.Now to the time of their choosing.
func RunPeriodic(ctx context.Context, deps Deps, name string) error {
	p, ok := defaultSchedules[name]
	if !ok {
		return fmt.Errorf("no periodic job is called %q (there are %v)", name, ScheduleNames())
	}
	return tasks(deps)[p.Type].handler(ctx, asynq.NewTask(p.Type, nil))
}

func (o Options) withDefaults() Options {
	if o.Concurrency == 0 {
		o.Concurrency = defaultConcurrency
	}
	if o.Poll == 0 {
		o.Poll = defaultPoll
	}
	if o.ShutdownTimeout == 0 {
		o.ShutdownTimeout = defaultShutdownTimeout
	}
	if o.RedeliverAfter == 0 {
		o.RedeliverAfter = defaultRedeliverAfter
	}
	return o
}

// slogAdapter lets asynq log through slog.
type slogAdapter struct{ log *slog.Logger }

func (a slogAdapter) Debug(args ...any) { a.log.Debug(fmt.Sprint(args...)) }
func (a slogAdapter) Info(args ...any)  { a.log.Info(fmt.Sprint(args...)) }
func (a slogAdapter) Warn(args ...any)  { a.log.Warn(fmt.Sprint(args...)) }
func (a slogAdapter) Error(args ...any) { a.log.Error(fmt.Sprint(args...)) }
func (a slogAdapter) Fatal(args ...any) { a.log.Error(fmt.Sprint(args...)) }
