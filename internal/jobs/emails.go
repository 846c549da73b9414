package jobs

import (
	"context"

	"github.com/google/uuid"
	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// InvitationMailer composes invitation emails, minting their tokens.
type InvitationMailer interface {
	InvitationEmail(ctx context.Context, invitationID uuid.UUID) (notify.Email, error)
}

// PasswordResetMailer composes password reset emails, minting their tokens.
type PasswordResetMailer interface {
	PasswordResetEmail(ctx context.Context, resetID uuid.UUID) (notify.Email, error)
}

// handleInvitationCreated emails the invitation once (Deliver records it sent, so a redelivered or
// retried task sends nothing more). The token is made only when the email is composed, so no task
// payload or queue ever holds it. An invitation revoked or accepted meanwhile is not sent.
func handleInvitationCreated(db EventStore, orgs InvitationMailer, n notify.Notifier) asynq.HandlerFunc {
	return longEventHandler(db, func(ctx context.Context, eventID uuid.UUID, e org.InvitationCreated) error {
		return deliverUnlessGone(n.Deliver(ctx, eventID, uuid.Nil, func(ctx context.Context) (notify.Email, error) {
			return orgs.InvitationEmail(ctx, e.InvitationID)
		}))
	}, finishOnly[org.InvitationCreated])
}

// handlePasswordResetRequested emails the reset link once, as handleInvitationCreated does.
func handlePasswordResetRequested(db EventStore, resets PasswordResetMailer, n notify.Notifier) asynq.HandlerFunc {
	return longEventHandler(db, func(ctx context.Context, eventID uuid.UUID, e auth.PasswordResetRequested) error {
		return deliverUnlessGone(n.Deliver(ctx, eventID, e.UserID, func(ctx context.Context) (notify.Email, error) {
			return resets.PasswordResetEmail(ctx, e.ResetID)
		}))
	}, finishOnly[auth.PasswordResetRequested])
}

// deliverUnlessGone treats an email whose subject is gone (an invitation revoked, a reset used) as
// done: there is nothing left to send.
func deliverUnlessGone(err error) error {
	if problem.Is(err, problem.NotFound) {
		return nil
	}
	return err
}

// finishOnly is the finish of an event whose work wrote nothing of its own to commit with it.
func finishOnly[P any](context.Context, *store.Store, uuid.UUID, P) error { return nil }
