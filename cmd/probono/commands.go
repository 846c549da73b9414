package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/probono-match/probono/internal/app"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/jobs"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/seed"
	"github.com/probono-match/probono/internal/store"
)

func runMigrate(ctx context.Context, cfg *config.Config, args []string, stdout io.Writer) error {
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	sqlDB, err := db.SQLDB()
	if err != nil {
		return err
	}
	action := "up"
	if len(args) > 0 {
		action = args[0]
	}
	switch action {
	case "up":
		results, err := store.Migrate(ctx, sqlDB)
		if err != nil {
			return err
		}
		for _, r := range results {
			fmt.Fprintf(stdout, "applied %s\n", r.Source.Path)
		}
		if len(results) == 0 {
			fmt.Fprintln(stdout, "no pending migrations")
		}
	case "down":
		r, err := store.MigrateDown(ctx, sqlDB)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "rolled back %s\n", r.Source.Path)
	case "status":
		statuses, err := store.MigrationStatus(ctx, sqlDB)
		if err != nil {
			return err
		}
		for _, s := range statuses {
			applied := "pending"
			if !s.AppliedAt.IsZero() {
				applied = "applied " + s.AppliedAt.Format("2006-01-02 15:04:05")
			}
			fmt.Fprintf(stdout, "%-40s %s\n", s.Source.Path, applied)
		}
	default:
		return fmt.Errorf("migrate: unknown action %q (want up, down or status)", action)
	}
	return nil
}

func runSeed(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	var volume seed.Volume
	fs.IntVar(&volume.Referrals, "referrals", 0, "also add this many made-up submitted referrals (on every run)")
	fs.IntVar(&volume.RegistryEntries, "registry-entries", 0, "also add this many made-up conflict registry entries to each law firm (on every run)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if volume.Referrals < 0 || volume.RegistryEntries < 0 {
		return errors.New("seed: --referrals and --registry-entries must not be negative")
	}
	a, err := openMigrated(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	created, err := seed.Run(ctx, a.Store, a.Orgs)
	if err != nil {
		return err
	}
	if created == 0 {
		fmt.Fprintln(stdout, "Demo accounts already present.")
	} else {
		fmt.Fprintf(stdout, "Created %d demo accounts.\n", created)
	}
	services := seed.Services{Attorneys: a.Attorneys, Referrals: a.Referrals, Conflicts: a.Conflicts, Partnerships: a.Partnerships, Credit: a.Credit, Offers: a.Offers, Hours: a.Hours, Outcomes: a.Outcomes}
	if err := seed.Samples(ctx, a.Store, services, time.Now()); err != nil {
		return fmt.Errorf("adding the sample profiles, registries and referrals: %w", err)
	}
	if volume != (seed.Volume{}) {
		if err := seed.Generated(ctx, a.Store, services, time.Now(), volume); err != nil {
			return fmt.Errorf("adding the generated data: %w", err)
		}
		fmt.Fprintf(stdout, "Added %d generated referrals and %d generated registry entries per law firm.\n", volume.Referrals, volume.RegistryEntries)
	}
	fmt.Fprintf(stdout, "\nDemo logins (password for all: %s)\n", seed.DemoPassword)
	for _, o := range seed.Demo {
		for _, p := range o.People {
			fmt.Fprintf(stdout, "  %-32s %-16s %s, %s\n", p.Email, p.Role, p.Name, o.Name)
		}
	}
	return nil
}

func runAdmin(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: probono admin create --email E --name N (password on standard input)")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	email := fs.String("email", "", "email of the new platform admin")
	name := fs.String("name", "", "full name of the new platform admin")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" || *name == "" {
		return errors.New("admin create needs --email and --name")
	}
	password, err := readPassword(stdin, stdout)
	if err != nil {
		return err
	}
	a, err := openMigrated(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	platform, err := a.Orgs.PlatformOrganization(ctx)
	if err != nil {
		return err
	}
	acct, err := a.Orgs.Provision(ctx, org.NewUser{
		OrgID: platform.ID, Email: *email, Name: *name, Password: password, Role: auth.RolePlatformAdmin,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created platform admin %s (%s).\n", acct.Email, acct.ID)
	return nil
}

// runJob runs one periodic job at once: a digest or the email sweep an operator wants now, say.
func runJob(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: probono job NAME, where NAME is one of %s", strings.Join(jobs.ScheduleNames(), ", "))
	}
	a, err := openMigrated(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := jobs.RunPeriodic(ctx, a.WorkerDeps(), args[0]); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Ran %s.\n", args[0])
	return nil
}

// readPassword prompts without echo on a terminal, and otherwise reads the first line of stdin.
func readPassword(stdin io.Reader, stdout io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stdout, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stdout)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// openMigrated builds the application on an up-to-date schema, for the one-shot commands.
func openMigrated(ctx context.Context, cfg *config.Config, logger *slog.Logger) (*app.App, error) {
	a, err := app.New(ctx, cfg, logger, app.Options{})
	if err != nil {
		return nil, err
	}
	if err := migrateUp(ctx, a.Store, logger); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}
