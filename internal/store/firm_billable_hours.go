package store

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// FirmBillableHours is a row of firm_billable_hours with the hours in hundredths.
type FirmBillableHours struct {
	FirmID     uuid.UUID
	FiscalYear int
	Centihours int64
	Attorneys  int
	UpdatedBy  uuid.UUID
	UpdatedAt  time.Time
	Version    int
}

const firmBillableHoursSelect = `SELECT firm_id, fiscal_year, (billable_hours * 100)::bigint AS centihours, attorneys,
	updated_by, updated_at, version FROM firm_billable_hours WHERE firm_id = ? AND fiscal_year = ?`

// FirmBillableHoursOf returns what a firm entered for a fiscal year; NotFound when nothing.
func (s *Store) FirmBillableHoursOf(ctx context.Context, firmID uuid.UUID, year int) (FirmBillableHours, error) {
	var r FirmBillableHours
	return r, translate(s.with(ctx).Raw(firmBillableHoursSelect, firmID, year).Take(&r).Error, "Billable hours")
}

// LockFirmBillableHours locks a firm's year until the transaction ends, whether or not it has a
// row yet (so two first entries are written one after the other), and returns it; NotFound when
// there is none. Call it inside Tx.
func (s *Store) LockFirmBillableHours(ctx context.Context, firmID uuid.UUID, year int) (FirmBillableHours, error) {
	key := "billable|" + firmID.String() + "|" + strconv.Itoa(year)
	if err := s.with(ctx).Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", key).Error; err != nil {
		return FirmBillableHours{}, translate(err, "billable hours")
	}
	return s.FirmBillableHoursOf(ctx, firmID, year)
}

// SaveFirmBillableHours inserts or replaces a firm's year; call it inside Tx.
func (s *Store) SaveFirmBillableHours(ctx context.Context, r FirmBillableHours) error {
	return translate(s.with(ctx).Exec(`
		INSERT INTO firm_billable_hours (firm_id, fiscal_year, billable_hours, attorneys, updated_by, updated_at, version)
		VALUES (?, ?, ?::numeric / 100, ?, ?, now(), ?)
		ON CONFLICT (firm_id, fiscal_year) DO UPDATE SET billable_hours = EXCLUDED.billable_hours,
		    attorneys = EXCLUDED.attorneys, updated_by = EXCLUDED.updated_by, updated_at = now(), version = EXCLUDED.version`,
		r.FirmID, r.FiscalYear, r.Centihours, r.Attorneys, r.UpdatedBy, r.Version).Error, "billable hours")
}
