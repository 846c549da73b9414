package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
)

// ConflictImport is a row of conflict_imports: a committed registry import and how far the re-check
// of the firm's open referrals that it started has got.
type ConflictImport struct {
	ID         uuid.UUID
	FirmID     uuid.UUID
	ImportedBy *uuid.UUID
	Accepted   int
	Rejected   int
	CreatedAt  time.Time
	Status     string
	Checked    int
	ToCheck    int
	FinishedAt *time.Time
}

// recordImport runs in the import's transaction just before it commits: it records the import,
// hides the firm's open referrals from it until each is checked again under the new registry, and
// emits the event whose job re-checks them.
func recordImport(ctx context.Context, tx pgx.Tx, imp ConflictImport, e outbox.Event) error {
	if _, err := tx.Exec(ctx, `INSERT INTO conflict_imports (id, firm_id, imported_by, accepted, rejected) VALUES ($1, $2, $3, $4, $5)`,
		[16]byte(imp.ID), [16]byte(imp.FirmID), createdBy(imp.ImportedBy), imp.Accepted, imp.Rejected); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE conflict_checks SET recheck_pending = true
		WHERE firm_id = $1 AND referral_id IN (SELECT id FROM referrals WHERE status IN `+openStatuses+`)`, [16]byte(imp.FirmID)); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO outbox_events (id, type, aggregate, payload) VALUES ($1, $2, $3, $4)`,
		[16]byte(e.ID), e.Type, e.Aggregate, []byte(e.Payload))
	return err
}

// ConflictImportByID reads one import of the firm.
func (s *Store) ConflictImportByID(ctx context.Context, firmID, id uuid.UUID) (ConflictImport, error) {
	var imp ConflictImport
	err := s.with(ctx).Where("firm_id = ? AND id = ?", firmID, id).Take(&imp).Error
	return imp, translate(err, "Import")
}

// ReferralsToRecheck lists the open referrals whose check by the firm waits for a re-check.
func (s *Store) ReferralsToRecheck(ctx context.Context, firmID uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.with(ctx).Model(&ConflictCheck{}).
		Where("firm_id = ? AND recheck_pending AND referral_id IN (SELECT id FROM referrals WHERE status IN "+openStatuses+")", firmID).
		Order("referral_id").Pluck("referral_id", &ids).Error
	return ids, translate(err, "conflict checks")
}

// ConflictImportProgress records how many of the import's referrals have been checked again.
func (s *Store) ConflictImportProgress(ctx context.Context, id uuid.UUID, checked, toCheck int) error {
	return translate(s.with(ctx).Exec(`UPDATE conflict_imports SET status = 'checking', checked = ?, to_check = ? WHERE id = ? AND status <> 'done'`,
		checked, toCheck, id).Error, "import")
}

// FinishConflictImport records that the import's re-check is done and returns the import.
func (s *Store) FinishConflictImport(ctx context.Context, id uuid.UUID) (ConflictImport, error) {
	var imp ConflictImport
	err := s.with(ctx).Raw(`UPDATE conflict_imports SET status = 'done', checked = to_check, finished_at = now() WHERE id = ?
		RETURNING *`, id).Scan(&imp).Error
	if err == nil && imp.ID == uuid.Nil {
		return imp, problem.New(problem.NotFound, "Import not found.")
	}
	return imp, translate(err, "import")
}
