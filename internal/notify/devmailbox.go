package notify

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/probono-match/probono/internal/platform/problem"
)

// DevMailboxSize is how many emails a development mailbox keeps.
const DevMailboxSize = 200

// DevEmail is an email kept by a development mailbox.
type DevEmail struct {
	Email
	SentAt time.Time
}

// DevMailbox stands in for the mail server in development when SMTP_URL is not set: it logs each
// email whole, so its links can be followed from the console, and keeps the last DevMailboxSize
// in memory for the dev mailbox page. Each process has its own: it is a convenience for one
// developer's machine, not a delivery record.
type DevMailbox struct {
	log  *slog.Logger
	mu   sync.Mutex
	kept []DevEmail // oldest first
}

// NewDevMailbox returns an empty mailbox that logs to log.
func NewDevMailbox(log *slog.Logger) *DevMailbox { return &DevMailbox{log: log} }

// Send logs e and keeps it, dropping the oldest email once the mailbox is full.
func (b *DevMailbox) Send(ctx context.Context, e Email) error {
	b.log.InfoContext(ctx, "email (development: not sent)", "subject", e.Subject, "text", e.Text)
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.kept) == DevMailboxSize {
		b.kept = append(b.kept[:0], b.kept[1:]...)
	}
	b.kept = append(b.kept, DevEmail{Email: e, SentAt: time.Now().UTC()})
	return nil
}

var errNoDevMailbox = problem.New(problem.NotFound, "This server has no development mailbox: it sends email, or runs in production.")

// Emails returns the kept emails, newest first, to a platform admin; the caller is anything that
// can say whether it is one (auth.Principal). A nil mailbox is the answer of a server that has
// none. Returns NotFound without a mailbox, Forbidden to anyone but a platform admin.
func (b *DevMailbox) Emails(caller interface{ IsPlatformAdmin() bool }) ([]DevEmail, error) {
	if b == nil {
		return nil, errNoDevMailbox
	}
	if !caller.IsPlatformAdmin() {
		return nil, problem.New(problem.Forbidden, "Only platform admins may read the development mailbox.")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]DevEmail, len(b.kept))
	for i, e := range b.kept {
		out[len(out)-1-i] = e
	}
	return out, nil
}
