// Command probono runs Probono Match: the HTTP API and SPA, the background worker, migrations, demo
// data and administration. Run `probono help` for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/platform/log"
	"github.com/probono-match/probono/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `Usage: probono <command> [arguments]

Commands:
  all                      serve the API and run the worker in one process (default)
  serve                    serve the HTTP API and the web app
  worker                   run background jobs
  migrate [up|down|status] apply, roll back one, or list database migrations (default up)
  seed [--referrals N] [--registry-entries M]
                           create the demo organisations and logins (once; safe to repeat),
                           and add N made-up referrals and M registry entries per firm (each run)
  admin create --email E --name N
                           create a platform admin; the password is read from standard input
  gen-hours [--entries N] [--seed S] ...
                           load made-up approved time for the report benchmarks (see README.md)
  job NAME                 run one periodic job now, outside its schedule (see README.md)
  match solve              read a batch of referrals, attorneys and scored edges as JSON on standard
                           input and write the optimal assignment (needs no configuration)
  version                  print the version

Configuration comes from environment variables; see README.md.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "probono:", err)
		os.Exit(exitCode(err))
	}
}

// exitCode is 2 for bad input (so scripts can tell it from a failure to run) and 1 otherwise.
func exitCode(err error) int {
	var ie *matching.InvalidBatchError
	if errors.As(err, &ie) {
		return 2
	}
	return 1
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	cmd := "all"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "probono", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "match":
		// The solver is pure computation, so it runs before (and without) any configuration.
		return runMatch(args, stdin, stdout)
	}
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	logger := log.New(os.Stderr, !cfg.Dev(), cfg.LogLevel)
	slog.SetDefault(logger)
	if cfg.Dev() {
		if err := store.CreateDatabaseIfMissing(ctx, cfg.DatabaseURL); err != nil {
			return fmt.Errorf("creating the development database: %w", err)
		}
	}
	switch cmd {
	case "all", "serve", "worker":
		return runService(ctx, cmd, cfg, logger)
	case "migrate":
		return runMigrate(ctx, cfg, args, stdout)
	case "seed":
		return runSeed(ctx, cfg, logger, args, stdout)
	case "admin":
		return runAdmin(ctx, cfg, logger, args, stdin, stdout)
	case "job":
		return runJob(ctx, cfg, logger, args, stdout)
	case "gen-hours":
		return runGenHours(ctx, cfg, logger, args, stdout)
	}
	return errors.New("unknown command " + cmd + "\n\n" + usage)
}
