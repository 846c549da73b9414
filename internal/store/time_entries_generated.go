package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// HoursLoad describes a made-up load of approved time for benchmarks: firms of attorneys, each
// with matters referred by a few organisations, and entries spread evenly over the matters and at
// random over Days days from From. The same Seed gives the same rows, ids included; a database
// holds one load per seed.
type HoursLoad struct {
	Seed               int64
	Firms              int
	AttorneysPerFirm   int
	MattersPerAttorney int
	Referrers          int
	Entries            int64
	From               time.Time
	Days               int
	// Trigger keeps hours_monthly by its trigger, row by row, as approvals do. Without it the load
	// sets aside the table's roll-up trigger, keys and indexes, builds them again once over the
	// loaded rows, and rebuilds hours_monthly with RebuildHoursMonthly: how ten million entries
	// load in minutes rather than hours.
	Trigger bool
}

// LoadHours writes the load in one transaction.
func (s *Store) LoadHours(ctx context.Context, l HoursLoad) error {
	if l.Firms < 1 || l.AttorneysPerFirm < 1 || l.MattersPerAttorney < 1 || l.Referrers < 1 || l.Entries < 1 || l.Days < 1 {
		return fmt.Errorf("hours load: every count must be at least 1: %+v", l)
	}
	attorneys := l.Firms * l.AttorneysPerFirm
	matters := attorneys * l.MattersPerAttorney
	return s.Tx(ctx, func(tx *Store) error {
		db := tx.with(ctx)
		err := db.Exec("SET LOCAL statement_timeout = 0; SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL synchronous_commit = off").Error
		if err != nil {
			return fmt.Errorf("hours load: %w", err)
		}
		// gen_id(kind, n) is the load's id of the nth thing of a kind.
		steps := []struct {
			what  string
			query string
			args  []any
		}{
			{"ids", `CREATE FUNCTION pg_temp.gen_id(seed bigint, kind text, n bigint) RETURNS uuid IMMUTABLE LANGUAGE sql
				AS $$ SELECT md5(seed || ':' || kind || ':' || n)::uuid $$`, nil},
			{"firms", `INSERT INTO organizations (id, name, kind)
				SELECT pg_temp.gen_id(?, 'firm', k), format('Generated Firm %s (load %s)', k, ?::bigint), 'law_firm'
				FROM generate_series(1, ?) k`, []any{l.Seed, l.Seed, l.Firms}},
			{"referrers", `INSERT INTO organizations (id, name, kind)
				SELECT pg_temp.gen_id(?, 'referrer', k), format('Generated Legal Aid %s (load %s)', k, ?::bigint), 'nonprofit'
				FROM generate_series(1, ?) k`, []any{l.Seed, l.Seed, l.Referrers}},
			// Attorneys 0..n-1, AttorneysPerFirm to a firm; staff 1..Referrers, one to a referrer.
			{"attorneys", `INSERT INTO users (id, email, name, password_hash)
				SELECT pg_temp.gen_id(?, 'attorney', a), format('attorney-%s@load-%s.example', a, ?::bigint), format('Attorney %s', a), '!'
				FROM generate_series(0, ? - 1) a`, []any{l.Seed, l.Seed, attorneys}},
			{"staff", `INSERT INTO users (id, email, name, password_hash)
				SELECT pg_temp.gen_id(?, 'staff', k), format('staff-%s@load-%s.example', k, ?::bigint), format('Staff %s', k), '!'
				FROM generate_series(1, ?) k`, []any{l.Seed, l.Seed, l.Referrers}},
			// Matter j: attorney j % attorneys, a referral of referrer 1 + hash % Referrers in a
			// sub-area and a jurisdiction picked by hash.
			{"matters", `CREATE TEMP TABLE gen_matters ON COMMIT DROP AS
				SELECT j, pg_temp.gen_id(?, 'matter', j) AS id, pg_temp.gen_id(?, 'attorney', j % ?) AS attorney_id,
				       pg_temp.gen_id(?, 'firm', 1 + (j % ?) / ?) AS firm_id,
				       1 + abs(hashint8extended(j, ?)) % ? AS referrer,
				       abs(hashint8extended(j, ? + 1)) AS pick
				FROM generate_series(0, ? - 1) j`,
				[]any{l.Seed, l.Seed, attorneys, l.Seed, attorneys, l.AttorneysPerFirm, l.Seed, l.Referrers, l.Seed, matters}},
			{"referrals", `WITH areas AS (SELECT array_agg(code ORDER BY code) AS a FROM practice_areas WHERE parent_code IS NOT NULL),
				places AS (SELECT array_agg(code ORDER BY code) AS p FROM jurisdictions WHERE kind = 'state'),
				g AS (SELECT year, region FROM poverty_guidelines ORDER BY year, region LIMIT 1)
				INSERT INTO referrals (id, org_id, created_by, status, practice_area, jurisdiction, summary, urgency, limited_scope,
				                       remote_allowed, household_size, annual_income, poverty_percent, guideline_year, guideline_region,
				                       created_at, updated_at, submitted_at)
				SELECT pg_temp.gen_id(?, 'referral', m.j), pg_temp.gen_id(?, 'referrer', m.referrer), pg_temp.gen_id(?, 'staff', m.referrer),
				       'in_progress', areas.a[1 + m.pick % cardinality(areas.a)], places.p[1 + m.pick % cardinality(places.p)],
				       'Generated referral for the report benchmarks.', 'routine', false, true, 1, 10000, 60, g.year, g.region,
				       ?::timestamptz, ?::timestamptz, ?::timestamptz
				FROM gen_matters m, areas, places, g`, []any{l.Seed, l.Seed, l.Seed, l.From.AddDate(0, 0, -2), l.From.AddDate(0, 0, -2), l.From.AddDate(0, 0, -2)}},
			{"offers", `INSERT INTO offers (id, referral_id, attorney_id, firm_id, mode, status, created_at, responded_at)
				SELECT pg_temp.gen_id(?, 'offer', j), pg_temp.gen_id(?, 'referral', j), attorney_id, firm_id, 'routed', 'accepted', ?::timestamptz, ?::timestamptz
				FROM gen_matters`, []any{l.Seed, l.Seed, l.From.AddDate(0, 0, -2), l.From.AddDate(0, 0, -1)}},
			{"matters", `INSERT INTO matters (id, referral_id, attorney_id, firm_id, offer_id, status, attested_at, started_at)
				SELECT id, pg_temp.gen_id(?, 'referral', j), attorney_id, firm_id, pg_temp.gen_id(?, 'offer', j), 'active', ?::timestamptz, ?::timestamptz
				FROM gen_matters`, []any{l.Seed, l.Seed, l.From.AddDate(0, 0, -1), l.From.AddDate(0, 0, -1)}},
		}
		for _, st := range steps {
			if err := db.Exec(st.query, st.args...).Error; err != nil {
				return fmt.Errorf("hours load, %s: %w", st.what, err)
			}
		}
		var restore []string
		if !l.Trigger {
			if restore, err = tx.dropTimeEntryKeys(ctx); err != nil {
				return err
			}
		}
		// Entry i is on matter i % matters, on a day, for a duration (6 minutes to 4 hours) and an
		// activity picked by hashes of i.
		err = db.Exec(`INSERT INTO time_entries (id, matter_id, attorney_id, firm_id, work_date, minutes, activity, narrative,
			                          status, source, submitted_at, decided_at, created_at, updated_at)
			SELECT pg_temp.gen_id(?, 'entry', i), m.id, m.attorney_id, m.firm_id, d.day, 6 * (1 + abs(hashint8extended(i, ? + 3)) % 40),
			       (ARRAY['client_meeting', 'research', 'drafting', 'court_appearance', 'travel', 'training', 'supervision', 'administrative'])[1 + abs(hashint8extended(i, ? + 4)) % 8],
			       '', 'approved', 'manual', d.day + time '18:00', d.day + time '20:00', d.day + time '18:00', d.day + time '20:00'
			FROM generate_series(0, ?::bigint - 1) i
			JOIN gen_matters m ON m.j = i % ?
			CROSS JOIN LATERAL (SELECT ?::date + (abs(hashint8extended(i, ? + 2)) % ?)::int AS day) d`,
			l.Seed, l.Seed, l.Seed, l.Entries, matters, l.From, l.Seed, l.Days).Error
		if err != nil {
			return fmt.Errorf("hours load, entries: %w", err)
		}
		for _, def := range restore {
			if err := db.Exec(def).Error; err != nil {
				return fmt.Errorf("hours load, %s: %w", def, err)
			}
		}
		if !l.Trigger {
			if err := tx.RebuildHoursMonthly(ctx); err != nil {
				return err
			}
		}
		return db.Exec("ANALYZE time_entries; ANALYZE hours_monthly").Error
	})
}

// dropTimeEntryKeys takes away, until the transaction ends, what time_entries keeps row by row
// during a load: the roll-up's trigger, the foreign keys from and to the table, its primary key and
// its indexes. It returns the statements that put them back, in order: keys and indexes built once
// over the loaded rows, then the foreign keys checked in one pass each, then the trigger.
func (s *Store) dropTimeEntryKeys(ctx context.Context) ([]string, error) {
	db := s.with(ctx)
	var keys []struct{ Table, Name, Def string }
	err := db.Raw(`SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
		WHERE (contype = 'f' AND (conrelid = 'time_entries'::regclass OR confrelid = 'time_entries'::regclass))
		   OR (contype = 'p' AND conrelid = 'time_entries'::regclass)
		ORDER BY contype = 'p', conname`).Scan(&keys).Error
	if err != nil {
		return nil, fmt.Errorf("hours load, reading the keys: %w", err)
	}
	var indexes []struct{ Name, Def string }
	err = db.Raw(`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i WHERE i.tablename = 'time_entries'
		AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
		ORDER BY 1`).Scan(&indexes).Error
	if err != nil {
		return nil, fmt.Errorf("hours load, reading the indexes: %w", err)
	}
	drop := []string{"ALTER TABLE time_entries DISABLE TRIGGER hours_monthly_add"}
	var restore, foreign []string
	for _, k := range keys { // foreign keys first: the primary key cannot go while one refers to it
		drop = append(drop, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %q", k.Table, k.Name))
		add := fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %q %s", k.Table, k.Name, k.Def)
		if strings.HasPrefix(k.Def, "PRIMARY KEY") {
			restore = append(restore, add)
		} else {
			foreign = append(foreign, add)
		}
	}
	for _, i := range indexes {
		drop = append(drop, fmt.Sprintf("DROP INDEX %q", i.Name))
		restore = append(restore, i.Def)
	}
	for _, q := range drop {
		if err := db.Exec(q).Error; err != nil {
			return nil, fmt.Errorf("hours load, %s: %w", q, err)
		}
	}
	return append(append(restore, foreign...), "ALTER TABLE time_entries ENABLE TRIGGER hours_monthly_add"), nil
}

// RebuildHoursMonthly computes hours_monthly again from the approved entries, as the roll-up's
// trigger keeps it entry by entry: after a load that bypassed the trigger, or to check it.
func (s *Store) RebuildHoursMonthly(ctx context.Context) error {
	return s.Tx(ctx, func(tx *Store) error {
		err := tx.with(ctx).Exec(`
			DELETE FROM hours_monthly;
			INSERT INTO hours_monthly (firm_id, month, attorney_id, practice_area, referrer_id, activity, minutes, entries)
			SELECT t.firm_id, date_trunc('month', t.work_date)::date, t.attorney_id, r.practice_area, r.org_id, t.activity, sum(t.minutes), count(*)
			FROM time_entries t JOIN matters m ON m.id = t.matter_id JOIN referrals r ON r.id = m.referral_id
			WHERE t.status = 'approved'
			GROUP BY 1, 2, 3, 4, 5, 6`).Error
		if err != nil {
			return fmt.Errorf("rebuilding hours_monthly: %w", err)
		}
		return nil
	})
}
