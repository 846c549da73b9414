package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/seed"
	"github.com/probono-match/probono/internal/store"
)

// runGenHours loads made-up approved time for the report benchmarks (make bench-reports), on top
// of the demo logins, whose platform admin the benchmark signs in as. A database that already
// holds the load of this seed is left as it is.
func runGenHours(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen-hours", flag.ContinueOnError)
	l := store.HoursLoad{}
	from := fs.String("from", "2025-01-01", "first work day of the entries")
	fs.Int64Var(&l.Seed, "seed", 1, "seed: the same seed gives the same rows")
	fs.IntVar(&l.Firms, "firms", 20, "law firms")
	fs.IntVar(&l.AttorneysPerFirm, "attorneys-per-firm", 500, "attorneys in each firm")
	fs.IntVar(&l.MattersPerAttorney, "matters-per-attorney", 5, "matters each attorney works on")
	fs.IntVar(&l.Referrers, "referrers", 10, "referring organisations")
	fs.Int64Var(&l.Entries, "entries", 10_000_000, "approved time entries")
	fs.IntVar(&l.Days, "days", 730, "days the entries spread over")
	fs.BoolVar(&l.Trigger, "trigger", false, "keep the roll-up by its trigger, row by row (slow; for small loads)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if l.From, err = time.Parse(time.DateOnly, *from); err != nil {
		return fmt.Errorf("gen-hours: --from: %w", err)
	}
	a, err := openMigrated(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := seed.Run(ctx, a.Store, a.Orgs); err != nil {
		return err
	}
	if _, err := a.Store.OrganizationByName(ctx, fmt.Sprintf("Generated Firm 1 (load %d)", l.Seed)); err == nil {
		fmt.Fprintf(stdout, "The load of seed %d is already there.\n", l.Seed)
		return nil
	}
	start := time.Now()
	if err := a.Store.LoadHours(ctx, l); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Loaded %d approved time entries (%d firms of %d attorneys, %d matters each, %d referrers) in %s.\n",
		l.Entries, l.Firms, l.AttorneysPerFirm, l.MattersPerAttorney, l.Referrers, time.Since(start).Round(time.Second))
	return nil
}
