// Package apptest runs the whole application for integration tests: each test gets its own Postgres
// database, cloned from a migrated and seeded template, its own Redis key prefix, and an HTTP server.
package apptest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver pgtestdb connects with
	"github.com/peterldowns/pgtestdb"
	"github.com/peterldowns/pgtestdb/migrators/goosemigrator"

	"github.com/probono-match/probono/internal/app"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/seed"
	"github.com/probono-match/probono/internal/store"
	"github.com/probono-match/probono/migrations"
)

// SigningKey is the access-token key of every test application, so tests can forge tokens.
var SigningKey = config.Key{ID: "test1", Secret: []byte("test-signing-key-of-thirty-two-bytes!!")}

// Env is one running application with its own database.
type Env struct {
	App    *app.App
	Server *httptest.Server
	Mail   *Mailbox
	// Postgres and Redis carry the application's connections when it was started with
	// ProxyPostgres or ProxyRedis; cutting one takes that service away from this application only.
	Postgres, Redis *Proxy

	// t is the test that started the application; the worker MailTo starts lives as long as it.
	t      testing.TB
	worker sync.Once
}

// Option adjusts how New starts the application.
type Option func(*options)

type options struct {
	proxyPostgres, proxyRedis bool
	configure                 []func(*config.Config)
	queryTracer               pgx.QueryTracer
	protection                *auth.Protection
	log                       io.Writer
	mailerFromConfig          bool
	mailer                    notify.Mailer
}

// ProxyPostgres routes the application's database connections through Env.Postgres.
func ProxyPostgres() Option { return func(o *options) { o.proxyPostgres = true } }

// ProxyRedis routes the application's Redis connections through Env.Redis.
func ProxyRedis() Option { return func(o *options) { o.proxyRedis = true } }

// Configure changes the configuration the application starts with.
func Configure(f func(*config.Config)) Option {
	return func(o *options) { o.configure = append(o.configure, f) }
}

// WithQueryTracer has tracer see every database query of the application.
func WithQueryTracer(tracer pgx.QueryTracer) Option {
	return func(o *options) { o.queryTracer = tracer }
}

// WithProtection replaces the sign-in protection, so tests can wait out short delays.
func WithProtection(p auth.Protection) Option {
	return func(o *options) { o.protection = &p }
}

// WithLog sends the application's log to w instead of discarding it.
func WithLog(w io.Writer) Option {
	return func(o *options) { o.log = w }
}

// MailerFromConfig has the application send email as the configuration says (SMTP_URL, or the
// development mailbox without it) instead of recording it in Env.Mail.
func MailerFromConfig() Option { return func(o *options) { o.mailerFromConfig = true } }

// WithMailer has the application send email through m instead of recording it in Env.Mail.
func WithMailer(m notify.Mailer) Option { return func(o *options) { o.mailer = m } }

// New starts an application on a fresh database holding the demo data (seed.Demo).
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	dbConf := pgtestdb.Custom(t, pgtestdb.Config{
		DriverName: "pgx",
		Host:       getenv("PGHOST", "127.0.0.1"),
		Port:       getenv("PGPORT", "5432"),
		User:       getenv("PGUSER", "root"),
		Password:   os.Getenv("PGPASSWORD"),
		Database:   "postgres",
		Options:    "sslmode=disable",
	}, seededMigrator{goosemigrator.New(".", goosemigrator.WithFS(migrations.FS))})

	cfg := &config.Config{
		Env:                config.Development,
		DatabaseURL:        dbConf.URL(),
		RedisURL:           getenv("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
		HTTPAddr:           ":0",
		JWTSigningKeys:     []config.Key{SigningKey},
		DataEncryptionKeys: []config.Key{{ID: "test1", Secret: []byte("test-encryption-key-of-32-bytes!")}},
		BaseURL:            "http://probono.test",
		LogLevel:           "error",
		UploadMinRate:      config.DefaultUploadMinRate,
		UploadGrace:        config.DefaultUploadGrace,
		StaleReferralDays:  config.DefaultStaleReferralDays,
		ReportTimeout:      config.DefaultReportTimeout,
	}
	env := &Env{Mail: &Mailbox{}, t: t}
	if o.proxyPostgres {
		env.Postgres, cfg.DatabaseURL = proxied(t, cfg.DatabaseURL)
	}
	if o.proxyRedis {
		env.Redis, cfg.RedisURL = proxied(t, cfg.RedisURL)
	}
	for _, f := range o.configure {
		f(cfg)
	}
	if o.log == nil {
		o.log = io.Discard
	}
	logger := slog.New(slog.NewTextHandler(o.log, nil))
	appOpts := app.Options{
		Mailer:         env.Mail,
		RedisKeyPrefix: "test:" + uuid.NewString() + ":",
		QueryTracer:    o.queryTracer,
		Protection:     o.protection,
	}
	if o.mailerFromConfig {
		appOpts.Mailer = nil
	}
	if o.mailer != nil {
		appOpts.Mailer = o.mailer
	}
	a, err := app.New(context.Background(), cfg, logger, appOpts)
	if err != nil {
		t.Fatalf("starting application: %v", err)
	}
	handler, err := a.HTTPHandler()
	if err != nil {
		t.Fatalf("building handler: %v", err)
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	env.App, env.Server = a, srv
	return env
}

// proxied starts a proxy to the host of rawURL and returns it with the URL pointed at it.
func proxied(t testing.TB, rawURL string) (*Proxy, string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProxy(t, u.Host)
	u.Host = p.Addr()
	return p, u.String()
}

func getenv(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// seededMigrator applies the migrations and then the demo data, so every test database starts with
// the same organisations and logins without paying for password hashing each time.
type seededMigrator struct{ *goosemigrator.GooseMigrator }

func (m seededMigrator) Hash() (string, error) {
	h, err := m.GooseMigrator.Hash()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%v|%s", h, seed.Demo, seed.DemoPassword))
	return base64.RawURLEncoding.EncodeToString(sum[:12]), nil
}

func (m seededMigrator) Migrate(ctx context.Context, db *sql.DB, conf pgtestdb.Config) error {
	if err := m.GooseMigrator.Migrate(ctx, db, conf); err != nil {
		return err
	}
	s, err := store.Open(ctx, conf.URL(), store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = seed.Run(ctx, s, app.NewOrgService(s, nil, ""))
	return err
}

// Mailbox records the emails the application sends.
type Mailbox struct {
	mu   sync.Mutex
	sent []notify.Email
}

// Send records e.
func (m *Mailbox) Send(_ context.Context, e notify.Email) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, e)
	return nil
}

// To returns the emails sent to address, oldest first.
func (m *Mailbox) To(address string) []notify.Email {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []notify.Email
	for _, e := range m.sent {
		if e.To == address {
			out = append(out, e)
		}
	}
	return out
}

// StartWorker runs the application's worker until the test ends, on queues of its own so that no
// other test's worker takes its tasks (unless opts names a queue prefix: workers given the same one
// share their queues). Periodic jobs are off unless opts schedules them. stop stops it as SIGTERM
// would, and returns once it has stopped; the end of the test stops it otherwise.
func (e *Env) StartWorker(t testing.TB, opts jobs.Options) (stop func()) {
	t.Helper()
	e.worker.Do(func() {}) // MailTo then uses this worker
	return e.startWorker(t, opts)
}

func (e *Env) startWorker(t testing.TB, opts jobs.Options) (stop func()) {
	t.Helper()
	if opts.QueuePrefix == "" {
		opts.QueuePrefix = QueuePrefix()
	}
	if opts.Poll == 0 {
		opts.Poll = 50 * time.Millisecond
	}
	if opts.Schedules == nil {
		opts.Schedules = map[string]string{}
		for _, name := range jobs.ScheduleNames() {
			opts.Schedules[name] = "off"
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.App.RunWorker(ctx, opts) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("worker: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// MailTo returns the emails sent to address once every event so far has been handled: emails are
// sent by the worker, which the first call starts unless the test started one.
func (e *Env) MailTo(t testing.TB, address string) []notify.Email {
	t.Helper()
	e.worker.Do(func() { e.startWorker(e.t, jobs.Options{}) })
	e.WaitForEvents(t)
	return e.Mail.To(address)
}

// QueuePrefix returns a queue prefix no other test uses.
func QueuePrefix() string { return "test:" + uuid.NewString() + ":" }

// WaitForEvents waits until every outbox event has been handled and every email due has been sent
// (a handler sends its emails after its transaction commits), failing the test after a while.
func (e *Env) WaitForEvents(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		backlog, _, err := e.App.Store.OutboxBacklog(ctx)
		if err != nil {
			t.Fatalf("reading the outbox: %v", err)
		}
		due, err := e.App.Store.DueEmails(ctx, nil, 1)
		if err != nil {
			t.Fatalf("reading the emails due: %v", err)
		}
		if backlog == 0 && len(due) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d outbox events still not handled, emails due: %v", backlog, len(due) > 0)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// All returns every email sent, oldest first.
func (m *Mailbox) All() []notify.Email {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.sent)
}
