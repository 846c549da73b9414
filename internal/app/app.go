// Package app wires the services together from a configuration. The binary and the integration
// tests build the same application through it.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"
	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"

	"github.com/probono-match/probono/api"
	"github.com/probono-match/probono/internal/attorney"
	"github.com/probono-match/probono/internal/audit"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/credit"
	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/offer"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/outcome"
	"github.com/probono-match/probono/internal/partnership"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/metrics"
	"github.com/probono-match/probono/internal/platform/ratelimit"
	"github.com/probono-match/probono/internal/reference"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/report"
	"github.com/probono-match/probono/internal/store"
	"github.com/probono-match/probono/internal/timeexchange"
)

// App is the running application's parts.
type App struct {
	Config    *config.Config
	Log       *slog.Logger
	Store     *store.Store
	Redis     redis.UniversalClient
	RedisOpt  asynq.RedisConnOpt
	Auth      auth.Service
	Orgs      org.Service
	Reference *reference.Service
	Attorneys attorney.Service
	Referrals referral.Service
	Conflicts conflict.Service
	Offers    offer.Service
	// Candidates ranks attorneys for referrals; MatchingSettings holds the weights and offer windows.
	Candidates       offer.CandidateService
	MatchingSettings offer.SettingsService
	// Proposals are the nightly batch matching's, for firms' coordinators to send or dismiss.
	Proposals offer.ProposalService
	// Opportunities are the open referrals each attorney may take.
	Opportunities offer.OpportunityService
	Mailer        notify.Mailer
	Metrics       *metrics.Metrics
	// DevMailbox keeps the emails of a development server that has no SMTP server; nil otherwise.
	DevMailbox *notify.DevMailbox
	// Notify keeps in-app notifications and preferences, and sends their emails.
	Notify *notify.Service
	// Queues is the job queue console, with Redis connections of its own.
	Queues *asynqmon.HTTPHandler
	// Partnerships also tells matching a referrer's active partnerships (ActiveFor).
	Partnerships partnership.Service
	// Hours are the time entries attorneys log and their firms approve.
	Hours hours.Service
	// Audit reads, exports and verifies the audit trail the other services write.
	Audit audit.Service
	// Reports are read-only, on the roll-ups, with a statement timeout.
	Reports report.Service
	// Credit is firms' credit policies, the credit ledger and the Pro Bono Challenge.
	Credit credit.Service
	// Outcomes closes matters, keeps clients' feedback and a referrer's impact figures.
	Outcomes outcome.Service
	// TimeExchange exports firms' approved time as CSV and LEDES and imports their time as CSV.
	TimeExchange timeexchange.Service
}

// Options adjust how the application is built.
type Options struct {
	// Mailer replaces the mailer chosen from the configuration.
	Mailer notify.Mailer
	// RedisKeyPrefix namespaces this application's rate-limit keys in Redis.
	RedisKeyPrefix string
	// QueryTracer sees every database query (tests count them with it).
	QueryTracer pgx.QueryTracer
	// Protection replaces auth.DefaultProtection (tests shorten its delays).
	Protection *auth.Protection
}

// New connects to Postgres and Redis and builds the services.
func New(ctx context.Context, cfg *config.Config, logger *slog.Logger, opts Options) (*App, error) {
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{ConflictSimilarity: conflict.SimilarityThreshold, Tracer: opts.QueryTracer})
	if err != nil {
		return nil, err
	}
	redisOpt, err := asynq.ParseRedisURI(cfg.RedisURL)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	rdb, ok := redisOpt.MakeRedisClient().(redis.UniversalClient)
	if !ok {
		db.Close()
		return nil, fmt.Errorf("REDIS_URL: unsupported redis client")
	}
	meters := metrics.New()
	meters.WatchOutbox(db.OutboxBacklog, logger)
	mailer := opts.Mailer
	var devMailbox *notify.DevMailbox
	if mailer == nil {
		if mailer, devMailbox, err = notify.NewMailer(cfg.SMTPURL, cfg.Dev(), logger, meters); err != nil {
			db.Close()
			return nil, err
		}
	}
	signer, err := auth.NewSigner(cfg.JWTSigningKeys)
	if err != nil {
		db.Close()
		return nil, err
	}
	counters := ratelimit.New(rdb, opts.RedisKeyPrefix+"ratelimit:", logger)
	limits := auth.Limits{Counters: counters, Protection: auth.DefaultProtection()}
	if opts.Protection != nil {
		limits.Protection = *opts.Protection
	}
	cipher, err := crypto.NewFieldCipher(cfg.DataEncryptionKeys)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("DATA_ENCRYPTION_KEY: %w", err)
	}
	authSvc := auth.NewService(store.Bind(db, func(tx *store.Store) auth.AuthTx { return tx }), signer, limits, cfg.BaseURL, logger)
	ref := reference.NewService(db)
	conflicts := conflict.NewService(db, cipher)
	settings := offer.NewSettingsService(db)
	partnerships := partnership.NewService(partnershipStore{db}, practiceAreas{ref})
	candidates := newCandidates(db, settings, partnerships)
	placement := referral.NewPlacement(db, cipher)
	offers := newOffers(db, placement, conflicts, candidates, settings)
	referrals := referral.NewService(db, ref, cipher, conflicts, referralOffers{})
	timeEntries := newHours(db, creditLedger(credit.NewLedger()))
	return &App{
		Config: cfg, Log: logger, Store: db, Redis: rdb, RedisOpt: redisOpt, Mailer: mailer, Metrics: meters,
		DevMailbox: devMailbox,
		Queues:     jobs.Console(redisOpt, api.QueuesPath),
		Auth:       authSvc,
		Orgs:       NewOrgService(db, authSvc, cfg.BaseURL),
		Reference:  ref,
		Attorneys:  attorney.NewService(store.Bind(db, func(tx *store.Store) attorney.AttorneyTx { return tx }), authSvc, ref),
		Referrals:  referrals,
		Conflicts:  conflicts,
		Offers:     offers,
		Candidates: candidates, MatchingSettings: settings,
		Proposals:     newProposals(db, placement, conflicts, candidates),
		Opportunities: offer.NewOpportunityService(db, settings, referrals, matchingPartnerships{partnerships}, unprofiled()),
		Notify:        notify.NewService(db, mailer, cfg.BaseURL, logger),
		// The partnership domain's store is an adapter: see partnerships.go.
		Partnerships: partnerships,
		Hours:        timeEntries,
		Audit:        audit.NewService(db),
		Reports:      report.NewService(reportStore{db}, cfg.ReportTimeout),
		Credit:       credit.NewService(creditStore{db}),
		Outcomes:     newOutcomes(db, placement, offers, cipher, counters, cfg.BaseURL, cfg.StaleReferralDays),
		TimeExchange: timeexchange.NewService(timeExchangeStore{db}, importedTime{timeEntries}),
	}, nil
}

// NewOrgService returns the org service on db; sessions (nil when nobody signs in, as for seed
// data) signs in users who accept an invitation.
func NewOrgService(db *store.Store, sessions auth.Service, baseURL string) org.Service {
	return org.NewService(store.Bind(db, func(tx *store.Store) org.OrgTx { return tx }), sessions, baseURL)
}

// Close releases the connections.
func (a *App) Close() {
	a.Queues.Close()
	a.Redis.Close()
	a.Store.Close()
}

// HTTPHandler builds the HTTP server's handler.
func (a *App) HTTPHandler() (http.Handler, error) {
	return api.New(api.Config{
		Handlers: &api.Handlers{
			Auth: a.Auth, Orgs: a.Orgs, Reference: a.Reference, Attorneys: a.Attorneys,
			Referrals: a.Referrals, Conflicts: a.Conflicts, Partnerships: a.Partnerships, Offers: a.Offers,
			Candidates: a.Candidates, MatchingSettings: a.MatchingSettings, Proposals: a.Proposals, Opportunities: a.Opportunities,
			Notifications: a.Notify, Hours: a.Hours, Audit: a.Audit, Reports: a.Reports, Credit: a.Credit, Outcomes: a.Outcomes, TimeExchange: a.TimeExchange,
			DevMailbox: a.DevMailbox, SecureCookie: !a.Config.Dev(),
			Uploads: api.UploadRate{MinBytesPerSecond: a.Config.UploadMinRate, Grace: a.Config.UploadGrace},
		},
		Logger:         a.Log,
		Metrics:        a.Metrics,
		Secure:         !a.Config.Dev(),
		TrustedProxies: a.Config.TrustedProxies,
		Queues:         a.Queues,
		Checks: map[string]api.Readiness{
			"postgres": a.Store.Ping,
			"redis":    func(ctx context.Context) error { return a.Redis.Ping(ctx).Err() },
			"migrations": func(ctx context.Context) error {
				sqlDB, err := a.Store.SQLDB()
				if err != nil {
					return err
				}
				return store.CheckMigrationsCurrent(ctx, sqlDB)
			},
		},
	})
}

// RunWorker processes background jobs until ctx is cancelled; opts adjust the worker (tests), and
// the configuration's schedules apply unless opts names its own.
func (a *App) RunWorker(ctx context.Context, opts jobs.Options) error {
	if opts.Schedules == nil {
		opts.Schedules = a.Config.Schedules
	}
	return jobs.Run(ctx, a.RedisOpt, a.WorkerDeps(), opts)
}

// WorkerDeps are what the worker's tasks run with.
func (a *App) WorkerDeps() jobs.Deps {
	return jobs.Deps{Store: a.Store, Conflicts: a.Conflicts, Offers: a.Offers, Proposals: a.Proposals, Ranker: a.Candidates, Notify: a.Notify, Auth: a.Auth, Orgs: a.Orgs, StaleReferralDays: a.Config.StaleReferralDays,
		Log: a.Log, Metrics: a.Metrics}
}
