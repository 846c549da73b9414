package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// ClaimConflictImport records run as the firm's running import for lease, unless another run holds
// an unexpired claim; it reports whether the claim was made.
func (s *Store) ClaimConflictImport(ctx context.Context, firmID, runID uuid.UUID, lease time.Duration) (bool, error) {
	res := s.with(ctx).Exec(`INSERT INTO conflict_import_runs (firm_id, run_id, expires_at)
		VALUES (?, ?, now() + make_interval(secs => ?))
		ON CONFLICT (firm_id) DO UPDATE SET run_id = EXCLUDED.run_id, started_at = now(), expires_at = EXCLUDED.expires_at
		WHERE conflict_import_runs.expires_at < now()`, firmID, runID, lease.Seconds())
	if res.Error != nil {
		return false, translate(res.Error, "conflict import")
	}
	return res.RowsAffected == 1, nil
}

// RenewConflictImport extends run's claim on the firm's import by lease from now.
func (s *Store) RenewConflictImport(ctx context.Context, firmID, runID uuid.UUID, lease time.Duration) error {
	return translate(s.with(ctx).Exec(`UPDATE conflict_import_runs SET expires_at = now() + make_interval(secs => ?)
		WHERE firm_id = ? AND run_id = ?`, lease.Seconds(), firmID, runID).Error, "conflict import")
}

// ReleaseConflictImport ends run's claim on the firm's import, if it still holds it.
func (s *Store) ReleaseConflictImport(ctx context.Context, firmID, runID uuid.UUID) error {
	return translate(s.with(ctx).Exec("DELETE FROM conflict_import_runs WHERE firm_id = ? AND run_id = ?", firmID, runID).Error,
		"conflict import")
}
