package crypto

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewToken returns a URL-safe random token carrying 256 bits of entropy.
func NewToken() string {
	b := make([]byte, 32)
	// crypto/rand.Read never returns an error on supported platforms (it panics instead).
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenDigest is how a token is stored: a SHA-256 hex digest. Tokens are random and long, so a
// fast hash is enough and allows lookup by digest.
func TokenDigest(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
