package conflict

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/problem"
)

// MaxImportBytes is the largest registry file an import takes: 1,000,000 rows with aliases.
const MaxImportBytes = 512 << 20

// importLease is how long a firm's claim on its running import lasts unless renewed: a process
// that dies mid-import holds up the firm's next import this long at most.
const importLease = time.Minute

var errImportRunning = problem.New(problem.Conflict,
	"An import into this firm's registry is already running. Try again when it has finished.")

// claimImport makes this the firm's one running import, in whichever API process it runs, and
// renews the claim until release is called. Returns Conflict while another import of the firm runs.
func (s *service) claimImport(ctx context.Context, firmID uuid.UUID) (release func(), err error) {
	runID := uuid.New()
	claimed, err := s.db.ClaimConflictImport(ctx, firmID, runID, importLease)
	if err != nil {
		return nil, err
	}
	if !claimed {
		return nil, errImportRunning
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(importLease / 3)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				// A failed renewal is retried at the next tick; the lease outlasts two of them.
				_ = s.db.RenewConflictImport(context.WithoutCancel(ctx), firmID, runID, importLease)
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		// Released even when the request was cancelled; a failed release expires with the lease.
		_ = s.db.ReleaseConflictImport(context.WithoutCancel(ctx), firmID, runID)
	}, nil
}
