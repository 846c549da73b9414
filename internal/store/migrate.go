package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/probono-match/probono/migrations"
)

func migrator(db *sql.DB) (*goose.Provider, error) {
	return goose.NewProvider(goose.DialectPostgres, db, migrations.FS)
}

// Migrate applies every pending migration.
func Migrate(ctx context.Context, db *sql.DB) ([]*goose.MigrationResult, error) {
	p, err := migrator(db)
	if err != nil {
		return nil, err
	}
	return p.Up(ctx)
}

// MigrateDown rolls back the latest applied migration.
func MigrateDown(ctx context.Context, db *sql.DB) (*goose.MigrationResult, error) {
	p, err := migrator(db)
	if err != nil {
		return nil, err
	}
	return p.Down(ctx)
}

// MigrationStatus lists every migration and whether it is applied.
func MigrationStatus(ctx context.Context, db *sql.DB) ([]*goose.MigrationStatus, error) {
	p, err := migrator(db)
	if err != nil {
		return nil, err
	}
	return p.Status(ctx)
}

// CheckMigrationsCurrent returns an error naming the pending migrations, if any.
func CheckMigrationsCurrent(ctx context.Context, db *sql.DB) error {
	p, err := migrator(db)
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return err
	}
	if pending {
		current, _ := p.GetDBVersion(ctx)
		return fmt.Errorf("database schema is at version %d; migrations are pending", current)
	}
	return nil
}
