package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/store"
)

// smallLoad is a load small enough to go through the roll-up's trigger row by row.
func smallLoad(trigger bool) store.HoursLoad {
	return store.HoursLoad{Seed: 7, Firms: 2, AttorneysPerFirm: 3, MattersPerAttorney: 2, Referrers: 2, Entries: 3000,
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Days: 500, Trigger: trigger}
}

// fingerprint is every row of hours_monthly, and what identifies the load's entries and their
// indexes and keys.
func fingerprint(t *testing.T, env *apptest.Env) (rollup, entries string) {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) || ':' || coalesce(md5(string_agg(h::text, '|' ORDER BY h::text)), '') FROM hours_monthly h`).Scan(&rollup); err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`SELECT count(*) || ':' || sum(minutes) || ':' || md5(string_agg(id::text || work_date || activity, '|' ORDER BY id))
		|| ':' || (SELECT string_agg(indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'time_entries')
		|| ':' || (SELECT string_agg(conname || pg_get_constraintdef(oid), '|' ORDER BY conname) FROM pg_constraint
		           WHERE conrelid = 'time_entries'::regclass OR confrelid = 'time_entries'::regclass)
		|| ':' || (SELECT string_agg(tgname || tgenabled::text, '|' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'time_entries'::regclass AND NOT tgisinternal)
		FROM time_entries`).Scan(&entries)
	if err != nil {
		t.Fatal(err)
	}
	return rollup, entries
}

func TestLoadHours_TheRebuiltRollUpIsWhatTheTriggerWrote(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	triggered, bypassed := apptest.New(t), apptest.New(t)
	if err := triggered.App.Store.LoadHours(ctx, smallLoad(true)); err != nil {
		t.Fatal(err)
	}
	if err := bypassed.App.Store.LoadHours(ctx, smallLoad(false)); err != nil {
		t.Fatal(err)
	}
	byTrigger, entries := fingerprint(t, triggered)
	if byTrigger[:2] == "0:" {
		t.Fatalf("the trigger wrote no roll-up: %s", byTrigger)
	}
	// The same seed gives the same entries, and the table its indexes, keys and trigger back.
	rebuiltAfterLoad, sameEntries := fingerprint(t, bypassed)
	if sameEntries != entries {
		t.Fatalf("the two loads differ:\n%s\n%s", entries, sameEntries)
	}
	if rebuiltAfterLoad != byTrigger {
		t.Fatalf("the load's rebuilt roll-up %s is not the trigger's %s", rebuiltAfterLoad, byTrigger)
	}
	// Rebuilding what the trigger kept changes nothing.
	if err := triggered.App.Store.RebuildHoursMonthly(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := fingerprint(t, triggered); again != byTrigger {
		t.Fatalf("rebuilt %s, the trigger wrote %s", again, byTrigger)
	}
}
