package notify_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/problem"
)

type caller bool

func (c caller) IsPlatformAdmin() bool { return bool(c) }

func TestDevMailbox_KeepsTheLatestEmailsNewestFirstForPlatformAdminsOnly(t *testing.T) {
	b := notify.NewDevMailbox(slog.New(slog.NewTextHandler(io.Discard, nil)))
	for i := range notify.DevMailboxSize + 5 {
		if err := b.Send(context.Background(), notify.Email{To: "ana@example.org", Subject: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	kept, err := b.Emails(caller(true))
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != notify.DevMailboxSize || kept[0].Subject != fmt.Sprint(notify.DevMailboxSize+4) || kept[len(kept)-1].Subject != "5" || kept[0].SentAt.IsZero() {
		t.Fatalf("kept %d, newest %q, oldest %q", len(kept), kept[0].Subject, kept[len(kept)-1].Subject)
	}
	if _, err := b.Emails(caller(false)); !problem.Is(err, problem.Forbidden) {
		t.Fatalf("not a platform admin: %v", err)
	}
	var none *notify.DevMailbox
	if _, err := none.Emails(caller(true)); !problem.Is(err, problem.NotFound) {
		t.Fatalf("no mailbox: %v", err)
	}
}
