// Package store is the only package that speaks SQL: GORM models and queries on Postgres,
// transactions, and schema migrations. It turns driver errors into application errors.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"

	"github.com/probono-match/probono/internal/platform/problem"
)

// Store wraps a GORM handle; inside Tx it is bound to the transaction.
type Store struct {
	db *gorm.DB
	// search is a pool of its own for read-only searches that a transaction waits on (conflict
	// candidates): drawing them from the transaction's pool could leave every connection held by a
	// transaction waiting for one more.
	search *pgxpool.Pool
	// txSlots admits at most txLimit transactions at once. A transaction holds its connection while
	// it waits on a row lock, so without a limit a burst of edits of one row could hold every
	// connection and leave nothing for reads, /readyz included. Nil inside a transaction.
	txSlots chan struct{}
	// listen is how ListenOutbox connects: a session of its own, outside the pools.
	listen *pgx.ConnConfig
	// pool keeps the attorneys matching ranks from (see MatchingAttorneys). Nil inside a
	// transaction, which reads what it sees and keeps nothing: what it wrote may roll back.
	pool *matchingPool
}

// The main pool's size, and how many of its connections transactions may hold at once: the rest
// stay free for single statements.
const (
	poolSize = 20
	txLimit  = 15
)

// mainPoolParams bound how long any statement may hold its connection. Waiting on another
// transaction's row lock gives up after lock_timeout; no statement runs longer than
// statement_timeout; a transaction left open with nothing to do (a bug, or a process that died
// mid-request) is ended by the server after idle_in_transaction_session_timeout. Each ends the
// request with 503, never a pool that stays used up.
var mainPoolParams = map[string]string{
	"lock_timeout":                        "5s",
	"statement_timeout":                   "30s",
	"idle_in_transaction_session_timeout": "10s",
}

// searchStatementTimeout bounds one conflict search; a check runs a few of them inside a
// transaction that holds a row lock, so they must end well within the transaction's own bound.
const searchStatementTimeout = "10s"

// Options tune the pools Open creates.
type Options struct {
	// ConflictSimilarity is the pg_trgm similarity threshold of the conflict search pool's
	// connections, set when each connects so that a search is a single statement. Zero leaves
	// PostgreSQL's default (0.3), which makes searches return more candidates, never fewer.
	ConflictSimilarity float64
	// Tracer, when set, sees every query of both pools (tests count queries with it).
	Tracer pgx.QueryTracer
}

// Open connects to Postgres. The pools are sized for one API process sharing the machine with a worker.
func Open(ctx context.Context, databaseURL string, opts Options) (*Store, error) {
	db, err := openPool(ctx, databaseURL, poolSize, mainPoolParams, opts.Tracer)
	if err != nil {
		return nil, err
	}
	// The searches' plans are the same whatever the name (the trigram index, then the name index),
	// but Postgres would plan each run again: it cannot estimate "%" for an unknown name, so it
	// rates the generic plan too costly to reuse.
	params := map[string]string{"plan_cache_mode": "force_generic_plan", "statement_timeout": searchStatementTimeout}
	if opts.ConflictSimilarity > 0 {
		params["pg_trgm.similarity_threshold"] = strconv.FormatFloat(opts.ConflictSimilarity, 'f', -1, 64)
	}
	search, err := openSearchPool(ctx, databaseURL, 8, params, opts.Tracer)
	if err != nil {
		closePool(db)
		return nil, err
	}
	listen, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		closePool(db)
		search.Close()
		return nil, fmt.Errorf("parsing DATABASE_URL: %w", err)
	}
	return &Store{db: db, search: search, txSlots: make(chan struct{}, txLimit), listen: listen, pool: &matchingPool{}}, nil
}

// openSearchPool opens the search pool. It is pgx's own pool rather than database/sql under GORM:
// a check scans hundreds of rows, and pgx reads them in binary, ids included, without the
// conversions database/sql makes for every value.
func openSearchPool(ctx context.Context, databaseURL string, size int32, params map[string]string, tracer pgx.QueryTracer) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parsing DATABASE_URL: %w", err)
	}
	maps.Copy(cfg.ConnConfig.RuntimeParams, params)
	cfg.ConnConfig.Tracer = tracer
	cfg.MaxConns = size
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("opening database: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to database: %w", err)
	}
	return pool, nil
}

// openPool opens a pool of size connections, each started with the given run-time parameters, their
// queries seen by tracer (if not nil).
func openPool(ctx context.Context, databaseURL string, size int, params map[string]string, tracer pgx.QueryTracer) (*gorm.DB, error) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("parsing DATABASE_URL: %w", err)
	}
	maps.Copy(cfg.RuntimeParams, params)
	cfg.Tracer = tracer
	sqlDB := stdlib.OpenDB(*cfg)
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard, // queries carry client data; they are never logged
		SkipDefaultTransaction: true,           // writes that must be atomic use Tx explicitly
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("opening database: %w", err)
	}
	sqlDB.SetMaxOpenConns(size)
	sqlDB.SetMaxIdleConns(size)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connecting to database: %w", err)
	}
	return db, nil
}

func closePool(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SQLDB exposes the pool for migrations and health checks.
func (s *Store) SQLDB() (*sql.DB, error) { return s.db.DB() }

// Close closes the pools.
func (s *Store) Close() error {
	s.search.Close()
	return closePool(s.db)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Tx runs fn in one transaction: every write fn makes commits together or not at all. Every query
// fn makes goes through tx: a read from the pool while the transaction holds a lock would wait
// for a second connection that the transactions queued behind the lock may be holding.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	if s.txSlots != nil {
		select {
		case s.txSlots <- struct{}{}:
			defer func() { <-s.txSlots }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(&Store{db: tx, search: s.search})
	})
}

// Bound is the store as one domain declares it: each domain names the methods it needs and, for
// its transactions, an interface T of its own that *Store implements, so that no domain holds the
// concrete store. Every method of Store is Bound's; Tx hands fn the transaction as a T.
type Bound[T any] struct {
	*Store
	as func(tx *Store) T
}

// Bind returns s with transactions of type T; as converts a transaction to T (it is the identity,
// func(tx *store.Store) org.OrgTx { return tx }, written out so that the compiler checks that
// *Store implements T).
func Bind[T any](s *Store, as func(tx *Store) T) Bound[T] { return Bound[T]{Store: s, as: as} }

// Tx is Store.Tx with the transaction handed to fn as a T.
func (b Bound[T]) Tx(ctx context.Context, fn func(tx T) error) error {
	return b.Store.Tx(ctx, func(tx *Store) error { return fn(b.as(tx)) })
}

func (s *Store) with(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// scanRows runs a read and scans every row into dest, calling fn after each, for the reads every
// request makes, where GORM's statement building and reflection per field cost more than the query.
// dest is the same for every row, so a page allocates nothing per row for its destinations: fn
// copies what they hold. On the pool the read runs on pgx itself, which scans its binary rows
// straight into dest; inside Tx it goes through the transaction.
func (s *Store) scanRows(ctx context.Context, query string, args, dest []any, fn func()) error {
	pool, ok := s.db.Statement.ConnPool.(*sql.DB)
	if !ok {
		rows, err := s.db.Statement.ConnPool.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return scanEach(rows, dest, fn)
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		rows, err := driverConn.(*stdlib.Conn).Conn().Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return scanEach(rows, dest, fn)
	})
}

// rowScanner is what database/sql's rows and pgx's have in common.
type rowScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// scanEach scans every row into dest and calls fn after each.
func scanEach(rows rowScanner, dest []any, fn func()) error {
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		fn()
	}
	return rows.Err()
}

// uuidDest scans a uuid column into *uuid.UUID: from pgx's binary rows as 16 bytes, where
// uuid.UUID's own Scan would have pgx format the id as text first for it to parse back; and from
// database/sql's rows (inside Tx) with uuid.UUID's own Scan.
type uuidDest struct{ id *uuid.UUID }

func (d uuidDest) ScanUUID(v pgtype.UUID) error {
	if !v.Valid {
		return errors.New("scanning NULL into a uuid")
	}
	*d.id = v.Bytes
	return nil
}

func (d uuidDest) Scan(src any) error { return d.id.Scan(src) }

// uuidArray passes ids as one uuid[] parameter (for "= ANY($n)"), in binary: uuid.UUID would be
// sent as text, and an IN list would be a parameter, and a different statement, per id.
func uuidArray(ids []uuid.UUID) [][16]byte {
	out := make([][16]byte, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// constraintFields names the input field behind each unique index, so a duplicate is reported on the
// field the caller sent.
var constraintFields = map[string]problem.FieldError{
	"users_email_key":               problem.Field("email", "is already registered"),
	"organizations_name_key":        problem.Field("name", "is already the name of an organisation"),
	"invitations_pending_email_key": problem.Field("email", "already has a pending invitation"),
}

// translate turns driver errors into application errors: no rows → NotFound, unique violation →
// Conflict, foreign key violation → Invalid, check violation → Invalid.
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return problem.Wrap(problem.NotFound, err, "%s not found.", what)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			e := problem.Wrap(problem.Conflict, err, "This %s conflicts with one that already exists.", what)
			if f, ok := constraintFields[pgErr.ConstraintName]; ok {
				e.Fields = []problem.FieldError{f}
			}
			return e
		case "23503":
			return problem.Wrap(problem.Invalid, err, "The %s refers to something that does not exist.", what)
		case "23514", "22001", "22P02":
			return problem.Wrap(problem.Invalid, err, "The %s has a value the database does not accept.", what)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// ErrBadPosition is returned by a keyset page query whose position (the last sort key of the
// previous page, which a client sends back in a cursor) holds a value its column does not accept.
var ErrBadPosition = errors.New("the page position does not fit the sort columns")

// translatePage is translate for a keyset page query: with a position given, a value the database
// cannot read as its column's type (SQLSTATE class 22, data exception) is the position's fault.
func translatePage(err error, what string, positioned bool) error {
	var pgErr *pgconn.PgError
	if positioned && errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "22") {
		return fmt.Errorf("%s: %w: %v", what, ErrBadPosition, err)
	}
	return translate(err, what)
}

// mustAffect turns an update that touched no row into NotFound.
func mustAffect(res *gorm.DB, what string) error {
	if res.Error != nil {
		return translate(res.Error, what)
	}
	if res.RowsAffected == 0 {
		return problem.New(problem.NotFound, "%s not found.", what)
	}
	return nil
}

// CreateDatabaseIfMissing creates the database named in databaseURL when it does not exist, by
// connecting to the server's "postgres" database. Used in development so `make run` needs no set-up.
func CreateDatabaseIfMissing(ctx context.Context, databaseURL string) error {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	name := cfg.Database
	cfg.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connecting to the postgres database: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

type gormDB = gorm.DB

// lockForUpdateOf locks only table's rows of a joined query (FOR UPDATE OF table).
func lockForUpdateOf(table string) clause.Locking {
	return clause.Locking{Strength: "UPDATE", Table: clause.Table{Name: table}}
}
