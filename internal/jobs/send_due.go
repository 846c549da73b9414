package jobs

import (
	"context"

	"github.com/hibiken/asynq"

	"github.com/probono-match/probono/internal/notify"
)

// TypeSendDueEmails sends the emails that are due and not sent: those whose send right after their
// event failed (the mail server was down) or never ran (the worker stopped in between).
const TypeSendDueEmails = "notify:send_due"

// handleSendDueEmails is idempotent: a sent email is recorded so, and never sent again.
func handleSendDueEmails(n notify.Notifier) asynq.HandlerFunc {
	return func(ctx context.Context, _ *asynq.Task) error { return n.SendAllDue(ctx) }
}
