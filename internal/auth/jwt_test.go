package auth

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/config"
)

func TestSigner_RotationAcceptsOldKeysAndSignsWithTheFirst(t *testing.T) {
	oldKey := config.Key{ID: "2025", Secret: bytes.Repeat([]byte("o"), 32)}
	newKey := config.Key{ID: "2026", Secret: bytes.Repeat([]byte("n"), 32)}
	before, _ := NewSigner([]config.Key{oldKey})
	during, _ := NewSigner([]config.Key{newKey, oldKey})
	after, _ := NewSigner([]config.Key{newKey})

	tok := AccessToken{UserID: uuid.New(), SessionID: uuid.New(), Generation: 2}
	issuedBefore, err := before.Sign(tok, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got, err := during.Verify(issuedBefore); err != nil || got != tok {
		t.Fatalf("a token of the old key must verify during rotation: %v", err)
	}
	if _, err := after.Verify(issuedBefore); err == nil {
		t.Fatal("a token of a retired key must not verify")
	}
	issuedDuring, _ := during.Sign(tok, time.Now())
	if _, err := after.Verify(issuedDuring); err != nil {
		t.Fatalf("during rotation the new key must sign: %v", err)
	}
}
