package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// ConflictEntryColumns are the columns, in order, of each row a ConflictEntry import source yields.
var ConflictEntryColumns = []string{"id", "entry_id", "firm_id", "name", "normalized", "person_key", "is_alias", "kind", "role", "matter_ref"}

// ImportConflictEntries streams rows into conflict_entries with COPY in one transaction, so memory
// stays flat however large the file. After the stream ends, commit decides whether the rows are kept;
// a source error rolls everything back. It returns the number of rows copied.
func (s *Store) ImportConflictEntries(ctx context.Context, src pgx.CopyFromSource, commit func() bool) (int64, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return 0, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var copied int64
	err = conn.Raw(func(driverConn any) error {
		pc, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("import needs the pgx driver, got %T", driverConn)
		}
		tx, err := pc.Conn().Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
		// New names go to the trigram index's pending list and are merged once, in bulk, after the
		// copy: much faster than merging every 4 MB, as the default limit would.
		for _, set := range []string{"SET LOCAL gin_pending_list_limit = '1GB'", "SET LOCAL work_mem = '256MB'"} {
			if _, err := tx.Exec(ctx, set); err != nil {
				return err
			}
		}
		if copied, err = tx.CopyFrom(ctx, pgx.Identifier{"conflict_entries"}, ConflictEntryColumns, src); err != nil {
			return err
		}
		if !commit() {
			copied = 0
			return nil
		}
		return tx.Commit(ctx)
	})
	if err == nil && copied > 0 {
		err = vacuumConflictTables(ctx, sqlDB)
	}
	return copied, err
}

// vacuumConflictTables vacuums the registry tables after an import rather than leaving it to
// autovacuum, so the first checks after an import are as fast as later ones: it merges the trigram
// index's pending list (which searches scan linearly), marks the new pages all-visible and
// refreshes the planner's statistics. Pages vacuumed before are skipped, so the cost follows the
// rows imported. VACUUM cannot run in a transaction, hence a connection of its own.
func vacuumConflictTables(ctx context.Context, sqlDB *sql.DB) error {
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET maintenance_work_mem = '256MB'"); err != nil {
		return translate(err, "conflict entries")
	}
	// The setting stays with the pooled connection unless reset, whether or not VACUUM succeeds.
	defer conn.ExecContext(context.WithoutCancel(ctx), "RESET maintenance_work_mem") //nolint:errcheck // a failed reset leaves only a larger maintenance budget
	_, err = conn.ExecContext(ctx, "VACUUM (ANALYZE) conflict_names, conflict_entries")
	return translate(err, "conflict entries")
}
