package conflict

import (
	"context"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/store"
)

// progressEvery is how many referrals the re-check after an import checks between progress updates.
const progressEvery = 10

func (s *service) ImportProgress(ctx context.Context, p auth.Principal, importID uuid.UUID) (ImportProgress, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return ImportProgress{}, err
	}
	imp, err := s.db.ConflictImportByID(ctx, firmID, importID)
	if err != nil {
		return ImportProgress{}, err
	}
	return ImportProgress{ID: imp.ID, Status: imp.Status, Checked: imp.Checked, ToCheck: imp.ToCheck,
		CreatedAt: imp.CreatedAt, FinishedAt: imp.FinishedAt}, nil
}

func (s *service) RecheckImport(ctx context.Context, e RegistryImported) error {
	ids, err := s.db.ReferralsToRecheck(ctx, e.FirmID)
	if err != nil {
		return err
	}
	if err := s.db.ConflictImportProgress(ctx, e.ImportID, 0, len(ids)); err != nil {
		return err
	}
	for i, id := range ids {
		if err := s.checkEach(ctx, e.FirmID, []uuid.UUID{id}); err != nil {
			return err
		}
		if done := i + 1; done%progressEvery == 0 && done < len(ids) {
			if err := s.db.ConflictImportProgress(ctx, e.ImportID, done, len(ids)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *service) FinishImport(ctx context.Context, tx *store.Store, e RegistryImported) (FinishedImport, error) {
	imp, err := tx.FinishConflictImport(ctx, e.ImportID)
	return FinishedImport{ImportedBy: imp.ImportedBy, Accepted: imp.Accepted, Rejected: imp.Rejected}, err
}
