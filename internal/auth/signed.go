package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// A signed token is kid.payload.mac: the payload is the base64url of its fields joined by "|", and
// the mac an HMAC-SHA256 of kid.payload under a key derived, for one purpose (its label), from the
// access-token signing key of kid. The label keeps a token made for one purpose from passing for
// another, and the kid lets tokens outlive a key rotation as access tokens do.

func purposeKey(secret []byte, label string) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(label))
	return mac.Sum(nil)
}

func signedMAC(secret []byte, label, signed string) string {
	mac := hmac.New(sha256.New, purposeKey(secret, label))
	mac.Write([]byte(signed))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// signFields returns the signed token of fields for the purpose label; no field may hold "|".
func (s *Signer) signFields(label string, fields ...string) string {
	signed := s.current.ID + "." + base64.RawURLEncoding.EncodeToString([]byte(strings.Join(fields, "|")))
	return signed + "." + signedMAC(s.current.Secret, label, signed)
}

// verifyFields returns the n fields of a token signed for label, if its signature holds.
func (s *Signer) verifyFields(label, token string, n int) ([]string, bool) {
	kid, rest, _ := strings.Cut(token, ".")
	payload, mac, _ := strings.Cut(rest, ".")
	secret, ok := s.keys[kid]
	if !ok || !hmac.Equal([]byte(mac), []byte(signedMAC(secret, label, kid+"."+payload))) {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, false
	}
	fields := strings.Split(string(raw), "|")
	return fields, len(fields) == n
}
