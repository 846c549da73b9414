package jobs

import (
	"context"
	"log/slog"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/offer"
)

// TypeMatchNightly runs the batch matching and proposes its assignment to the firms' coordinators.
const TypeMatchNightly = "match:nightly"

// Proposer is what the job needs of the proposal service.
type Proposer interface {
	Propose(ctx context.Context, id uuid.UUID) (offer.Run, error)
}

// matchRunNamespace makes a scheduled run's id from its task's.
var matchRunNamespace = uuid.MustParse("0f7f4f0e-5b7e-4c43-9a55-0d7c8f2b1e61")

// handleMatchNightly is idempotent per tick: the run's id is made from the tick's task id, and a run
// already recorded writes nothing. Run outside the schedule (probono job), each call is a new run.
func handleMatchNightly(proposals Proposer, log *slog.Logger) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error {
		id := uuid.New()
		if taskID, ok := asynq.GetTaskID(ctx); ok {
			id = uuid.NewSHA1(matchRunNamespace, []byte(taskID))
		}
		run, err := proposals.Propose(ctx, id)
		if err != nil {
			return err
		}
		log.InfoContext(ctx, "nightly matching", "run", run.ID, "referrals", run.Referrals, "matched", run.Matched,
			"total_score", run.TotalScore, "repeat", run.Repeat)
		return nil
	}
}
