package jobs

import (
	"context"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/referral"
	"github.com/probono-match/probono/internal/store"
)

// notifyOnEvent handles an outbox event by telling people: the notifications build makes and the
// event's "done" commit together, then the emails due now are sent. A redelivered task finds the
// event done and records nothing; an email it could not send is sent by the send-due sweep.
func notifyOnEvent[P any](db EventStore, n notify.Notifier,
	build func(ctx context.Context, tx *store.Store, eventID uuid.UUID, p P) ([]notify.Event, error)) asynq.HandlerFunc {
	return func(ctx context.Context, t *asynq.Task) error {
		eventID, p, err := decodeEvent[P](ctx, db, t)
		if err != nil {
			return err
		}
		return notifyAll(ctx, db, n, func(tx *store.Store) ([]notify.Event, error) {
			first, err := tx.FinishEvent(ctx, eventID)
			if err != nil || !first {
				return nil, err
			}
			return build(ctx, tx, eventID, p)
		})
	}
}

// referralParams are what a notification says of a referral.
func referralParams(id uuid.UUID, n store.ReferralNotice) notify.Params {
	return notify.Params{"referral": id.String(), "area": n.PracticeArea, "jurisdiction": n.Jurisdiction}
}

// handleReferralSubmitted tells the coordinators of the firms whose check cleared the referral
// that it is open for their attorneys (those who asked to hear of new referrals), and those of the
// firms whose check found potential conflicts that they have something to clear.
func handleReferralSubmitted(db EventStore, n notify.Notifier) asynq.HandlerFunc {
	return notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e referral.SubmittedEvent) ([]notify.Event, error) {
		notice, err := tx.ReferralNoticeOf(ctx, e.ReferralID)
		if err != nil {
			return nil, err
		}
		firms, err := tx.FirmsByCheckResult(ctx, e.ReferralID)
		if err != nil {
			return nil, err
		}
		params := referralParams(e.ReferralID, notice)
		var out []notify.Event
		for eventType, results := range map[notify.EventType][]string{
			notify.EventReferralSubmitted: {"clear", "cleared"},
			notify.EventConflictToClear:   {"potential"},
		} {
			var ids []uuid.UUID
			for _, r := range results {
				ids = append(ids, firms[r]...)
			}
			if len(ids) == 0 {
				continue
			}
			to, err := n.Coordinators(ctx, tx, ids...)
			if err != nil {
				return nil, err
			}
			out = append(out, notify.Event{ID: eventID, Type: eventType, To: to, Params: params})
		}
		return out, nil
	})
}

// handleReferralStatusChanged tells the referring organisation's staff, but not whoever made the
// change, that their referral moved on.
func handleReferralStatusChanged(db EventStore, n notify.Notifier) asynq.HandlerFunc {
	return notifyOnEvent(db, n, func(ctx context.Context, tx *store.Store, eventID uuid.UUID, e referral.StatusChangedEvent) ([]notify.Event, error) {
		notice, err := tx.ReferralNoticeOf(ctx, e.ReferralID)
		if err != nil {
			return nil, err
		}
		staff, err := n.Staff(ctx, tx, notice.OrgID)
		if err != nil {
			return nil, err
		}
		staff = slices.DeleteFunc(staff, func(id uuid.UUID) bool { return id == e.By })
		params := referralParams(e.ReferralID, notice)
		params["status"] = strings.ReplaceAll(string(e.To), "_", " ")
		return []notify.Event{{ID: eventID, Type: notify.EventReferralStatusChanged, To: staff, Params: params}}, nil
	})
}
