package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/probono-match/probono/internal/platform/config"
)

// FieldCipher encrypts confidential fields at rest with AES-256-GCM. The first key encrypts; every
// key decrypts, so keys rotate by putting a new key first and re-encrypting at leisure.
type FieldCipher struct {
	current string
	aeads   map[string]cipher.AEAD
}

// NewFieldCipher returns a cipher for keys, each of exactly 32 bytes.
func NewFieldCipher(keys []config.Key) (*FieldCipher, error) {
	if len(keys) == 0 {
		return nil, errors.New("no encryption keys")
	}
	fc := &FieldCipher{current: keys[0].ID, aeads: map[string]cipher.AEAD{}}
	for _, k := range keys {
		if len(k.Secret) != 32 {
			return nil, fmt.Errorf("encryption key %q must be 32 bytes, got %d", k.ID, len(k.Secret))
		}
		block, err := aes.NewCipher(k.Secret)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		fc.aeads[k.ID] = aead
	}
	return fc, nil
}

// Seal encrypts plaintext bound to context (for example the row's id), so a ciphertext copied to
// another row does not decrypt. It returns the key id and nonce||ciphertext.
func (fc *FieldCipher) Seal(plaintext, context []byte) (keyID string, sealed []byte) {
	aead := fc.aeads[fc.current]
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)
	return fc.current, aead.Seal(nonce, nonce, plaintext, context)
}

// Open decrypts what Seal returned, with the same context.
func (fc *FieldCipher) Open(keyID string, sealed, context []byte) ([]byte, error) {
	aead, ok := fc.aeads[keyID]
	if !ok {
		return nil, fmt.Errorf("unknown encryption key %q", keyID)
	}
	if len(sealed) < aead.NonceSize() {
		return nil, errors.New("ciphertext too short")
	}
	nonce, ct := sealed[:aead.NonceSize()], sealed[aead.NonceSize():]
	return aead.Open(nil, nonce, ct, context)
}
