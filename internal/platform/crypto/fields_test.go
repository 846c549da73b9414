package crypto

import (
	"bytes"
	"testing"

	"github.com/probono-match/probono/internal/platform/config"
)

func TestFieldCipher_RoundTripRotationAndContext(t *testing.T) {
	oldKey := config.Key{ID: "k1", Secret: bytes.Repeat([]byte{1}, 32)}
	newKey := config.Key{ID: "k2", Secret: bytes.Repeat([]byte{2}, 32)}
	before, _ := NewFieldCipher([]config.Key{oldKey})
	after, err := NewFieldCipher([]config.Key{newKey, oldKey})
	if err != nil {
		t.Fatal(err)
	}
	kid, sealed := before.Seal([]byte("María González"), []byte("row-1"))
	if bytes.Contains(sealed, []byte("María")) {
		t.Fatal("plaintext visible in ciphertext")
	}
	got, err := after.Open(kid, sealed, []byte("row-1"))
	if err != nil || string(got) != "María González" {
		t.Fatalf("old key after rotation: %q %v", got, err)
	}
	if _, err := after.Open(kid, sealed, []byte("row-2")); err == nil {
		t.Fatal("ciphertext moved to another row must not decrypt")
	}
	if kid2, _ := after.Seal([]byte("x"), nil); kid2 != "k2" {
		t.Fatalf("new data must use the first key, used %q", kid2)
	}
	if _, err := NewFieldCipher([]config.Key{{ID: "short", Secret: []byte("short")}}); err == nil {
		t.Fatal("short key accepted")
	}
}
