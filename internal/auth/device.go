package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// A device token is the value of the device cookie a browser receives on each successful sign-in
// (OWASP's "device cookie"): it names the account and a random device id, until an expiry, signed
// with a key derived from the access-token signing key of its kid. It proves only that this browser
// signed in to this account before, which exempts it from the account's back-off for unknown clients.
type device struct {
	UserID  uuid.UUID
	ID      uuid.UUID
	Expires time.Time
}

// deviceKeyLabel separates the device-token keys from the access-token keys they are derived from.
const deviceKeyLabel = "probono-match device token v1"

func deviceKey(secret []byte) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(deviceKeyLabel))
	return mac.Sum(nil)
}

func deviceMAC(secret []byte, signed string) string {
	mac := hmac.New(sha256.New, deviceKey(secret))
	mac.Write([]byte(signed))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// signDevice returns the device token of d: kid.payload.mac.
func (s *Signer) signDevice(d device) string {
	payload := base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s|%s|%d", d.UserID, d.ID, d.Expires.Unix()))
	signed := s.current.ID + "." + payload
	return signed + "." + deviceMAC(s.current.Secret, signed)
}

// verifyDevice returns the device a token names if its signature holds and it has not expired.
func (s *Signer) verifyDevice(token string, now time.Time) (device, bool) {
	kid, rest, _ := strings.Cut(token, ".")
	payload, mac, _ := strings.Cut(rest, ".")
	secret, ok := s.keys[kid]
	if !ok || !hmac.Equal([]byte(mac), []byte(deviceMAC(secret, kid+"."+payload))) {
		return device{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return device{}, false
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != 3 {
		return device{}, false
	}
	userID, userErr := uuid.Parse(parts[0])
	id, idErr := uuid.Parse(parts[1])
	exp, expErr := strconv.ParseInt(parts[2], 10, 64)
	if userErr != nil || idErr != nil || expErr != nil || !now.Before(time.Unix(exp, 0)) {
		return device{}, false
	}
	return device{UserID: userID, ID: id, Expires: time.Unix(exp, 0)}, true
}
