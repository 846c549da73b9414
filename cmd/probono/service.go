package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/probono-match/probono/internal/app"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/store"
)

// shutdownGrace is how long in-flight requests get to finish after SIGTERM.
const shutdownGrace = 20 * time.Second

// gcPercent is the garbage collector's target when GOGC does not set one. A serving process keeps
// a live heap of a few megabytes, so at Go's default (100) it collects after every few pages of
// referrals; 400 costs some tens of megabytes and serves a page of 50 a half to two thirds faster
// (make bench-http), because collecting is much of what a page costs.
const gcPercent = 400

// runService runs the HTTP server, the worker, or both, until ctx is cancelled (SIGTERM or Ctrl-C).
func runService(ctx context.Context, cmd string, cfg *config.Config, logger *slog.Logger) error {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	a, err := app.New(ctx, cfg, logger, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	logger.Info("starting", "command", cmd, "version", version, "config", cfg.String())

	g, ctx := errgroup.WithContext(ctx)
	if cmd == "all" || cmd == "serve" {
		if err := migrateUp(ctx, a.Store, logger); err != nil {
			return err
		}
		if n, err := a.Conflicts.FillMatchKeys(ctx); err != nil {
			return fmt.Errorf("filling in conflict match keys: %w", err)
		} else if n > 0 {
			logger.Info("filled in conflict match keys", "rows", n)
		}
		handler, err := a.HTTPHandler()
		if err != nil {
			return err
		}
		logger.Info("serving", "addr", cfg.HTTPAddr, "url", cfg.BaseURL)
		serveHTTP(ctx, g, logger, &http.Server{
			Addr: cfg.HTTPAddr, Handler: handler,
			ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
			WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second,
		})
	}
	if cmd == "all" || cmd == "worker" {
		g.Go(func() error { return a.RunWorker(ctx, jobs.Options{}) })
	}
	if cfg.MetricsAddr != "" {
		logger.Info("serving metrics", "addr", cfg.MetricsAddr)
		serveHTTP(ctx, g, logger, &http.Server{
			Addr: cfg.MetricsAddr, Handler: a.Metrics.Handler(),
			ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second,
		})
	}
	return g.Wait()
}

// serveHTTP runs srv in g until ctx is cancelled, then lets its requests finish.
func serveHTTP(ctx context.Context, g *errgroup.Group, logger *slog.Logger, srv *http.Server) {
	g.Go(func() error {
		if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("listening on %s: %w", srv.Addr, err)
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		logger.Info("draining HTTP connections", "addr", srv.Addr)
		return srv.Shutdown(shutdownCtx)
	})
}

func migrateUp(ctx context.Context, db *store.Store, logger *slog.Logger) error {
	sqlDB, err := db.SQLDB()
	if err != nil {
		return err
	}
	results, err := store.Migrate(ctx, sqlDB)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	for _, r := range results {
		logger.Info("applied migration", "version", r.Source.Version, "file", r.Source.Path)
	}
	return nil
}
