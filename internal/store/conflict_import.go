package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/outbox"
)

// ConflictEntrySource yields the rows of an import one at a time, as pgx.CopyFromSource does.
type ConflictEntrySource interface {
	Next() bool
	Entry() ConflictEntry
	Err() error
}

var conflictEntryColumns = []string{"id", "entry_id", "firm_id", "name", "normalized", "person_key", "match_keys", "is_alias", "kind", "role", "matter_ref", "created_by"}

// copySource feeds a ConflictEntrySource to COPY and counts the rows it sends.
type copySource struct {
	ConflictEntrySource
	values []any
	sent   int
}

// Values hands the ids to pgx as [16]byte, which it encodes directly: a uuid.UUID would go through
// its driver.Valuer string and a failed encode plan per value, a third of an import's CPU.
func (c *copySource) Values() ([]any, error) {
	e := c.Entry()
	c.sent++
	c.values = append(c.values[:0], [16]byte(e.ID), [16]byte(e.EntryID), [16]byte(e.FirmID), e.Name, e.Normalized,
		e.PersonKey, []string(e.MatchKeys), e.IsAlias, e.Kind, e.Role, e.MatterRef, createdBy(e.CreatedBy))
	return c.values, nil
}

// createdBy hands a nullable user id to COPY.
func createdBy(id *uuid.UUID) any {
	if id == nil {
		return nil
	}
	return [16]byte(*id)
}

// importStatementTimeout bounds each statement of an import, whose copy of a 1,000,000-row file
// and vacuum afterwards take far longer than the pools' timeout allows a request's statements.
const importStatementTimeout = "'10min'"

// vacuumAfterRows is the smallest import after which the registry tables are vacuumed at once.
// Smaller ones are left to autovacuum: the few names they add cost searches nothing measurable,
// while the vacuum takes about half a second on a 1,000,000-row registry.
const vacuumAfterRows = 10_000

// ConflictImportCommit is what an import commits with its rows, unless Keep is false: the import's
// record, the event that re-checks the firm's referrals, and the audit trail's record of it.
type ConflictImportCommit struct {
	Import ConflictImport
	Event  outbox.Event
	Audit  audit.Record
	Keep   bool
}

// ImportConflictEntries streams rows into conflict_entries with COPY in one transaction, so memory
// stays flat however large the file. After the stream ends, commit decides whether the rows are kept
// and what is committed with them; a source error rolls everything back. It returns the number of
// rows copied.
func (s *Store) ImportConflictEntries(ctx context.Context, src ConflictEntrySource, commit func() ConflictImportCommit) (int64, error) {
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
	source := &copySource{ConflictEntrySource: src}
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
		// copy: much faster than merging every 4 MB, as the default limit would. The copy reads a
		// file already spooled, not the client, and may outlast the pools' statement timeout.
		for _, set := range []string{"SET LOCAL gin_pending_list_limit = '1GB'", "SET LOCAL work_mem = '256MB'", "SET LOCAL statement_timeout = " + importStatementTimeout} {
			if _, err := tx.Exec(ctx, set); err != nil {
				return err
			}
		}
		if copied, err = tx.CopyFrom(ctx, pgx.Identifier{"conflict_entries"}, conflictEntryColumns, source); err != nil {
			return err
		}
		c := commit()
		if !c.Keep {
			copied = 0
			return nil
		}
		if err := recordImport(ctx, tx, c.Import, c.Event); err != nil {
			return err
		}
		if err := appendAudit(ctx, pgxChain{tx}, c.Audit); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	// Rolled-back rows are vacuumed too: left dead in the tables and in the trigram index's pending
	// list, they slow the next import down (a 1M-row file took 65 s after a rolled-back one, not 35).
	if source.sent >= vacuumAfterRows {
		if vacuumErr := vacuumConflictTables(ctx, sqlDB); err == nil {
			err = vacuumErr
		}
	}
	return copied, err
}

// vacuumConflictTables vacuums the registry tables after a large import rather than leaving it to
// autovacuum, so the first checks after an import are as fast as later ones: it removes rolled-back
// rows, merges the trigram index's pending list (which searches scan linearly), marks the new pages
// all-visible and refreshes the planner's statistics. VACUUM cannot run in a transaction, hence a
// connection of its own.
func vacuumConflictTables(ctx context.Context, sqlDB *sql.DB) error {
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The settings stay with the pooled connection unless reset, whether or not VACUUM succeeds.
	defer func() {
		for _, reset := range []string{"RESET maintenance_work_mem", "RESET statement_timeout"} {
			conn.ExecContext(context.WithoutCancel(ctx), reset) //nolint:errcheck // a failed reset leaves only a larger budget
		}
	}()
	for _, set := range []string{"SET maintenance_work_mem = '256MB'", "SET statement_timeout = " + importStatementTimeout} {
		if _, err := conn.ExecContext(ctx, set); err != nil {
			return translate(err, "conflict entries")
		}
	}
	_, err = conn.ExecContext(ctx, "VACUUM (ANALYZE) conflict_names, conflict_entries")
	return translate(err, "conflict entries")
}
