package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/config"
)

const (
	// AccessTokenTTL is how long an access token is valid; short, since it cannot be revoked.
	AccessTokenTTL = 15 * time.Minute
	tokenIssuer    = "probono-match"
	tokenAudience  = "probono-match-api"
)

// AccessToken is what an access token says: the user, their login session and the user's token
// generation when it was issued.
type AccessToken struct {
	UserID     uuid.UUID
	SessionID  uuid.UUID
	Generation int
}

// accessClaims are the claims of an access token: the user (sub), their login session (sid) and
// token generation (gen; absent, it reads as 0, the generation of a user never deactivated).
type accessClaims struct {
	SessionID  string `json:"sid"`
	Generation int    `json:"gen,omitempty"`
	jwt.RegisteredClaims
}

// Signer issues and verifies access tokens. Every configured key verifies tokens carrying its kid;
// the first key signs, so keys rotate by putting a new key first and dropping the old one after
// AccessTokenTTL.
type Signer struct {
	keys    map[string][]byte
	current config.Key
}

// NewSigner returns a Signer for keys; the first key signs.
func NewSigner(keys []config.Key) (*Signer, error) {
	if len(keys) == 0 {
		return nil, errors.New("no signing keys")
	}
	s := &Signer{keys: map[string][]byte{}, current: keys[0]}
	for _, k := range keys {
		s.keys[k.ID] = k.Secret
	}
	return s, nil
}

// Sign issues an access token saying a, valid for AccessTokenTTL from now.
func (s *Signer) Sign(a AccessToken, now time.Time) (string, error) {
	claims := accessClaims{
		SessionID:  a.SessionID.String(),
		Generation: a.Generation,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    tokenIssuer,
			Audience:  jwt.ClaimStrings{tokenAudience},
			Subject:   a.UserID.String(),
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL)),
			ID:        uuid.NewString(),
		},
	}
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	t.Header["kid"] = s.current.ID
	return t.SignedString(s.current.Secret)
}

// Verify checks the token's signature (HS256 only, key chosen by kid), issuer, audience and expiry,
// and returns what it says.
func (s *Signer) Verify(token string) (AccessToken, error) {
	var claims accessClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		key, ok := s.keys[kid]
		if !ok {
			return nil, fmt.Errorf("unknown key id %q", kid)
		}
		return key, nil
	},
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
	)
	if err != nil {
		return AccessToken{}, err
	}
	a := AccessToken{Generation: claims.Generation}
	if a.UserID, err = uuid.Parse(claims.Subject); err != nil {
		return AccessToken{}, fmt.Errorf("subject: %w", err)
	}
	if a.SessionID, err = uuid.Parse(claims.SessionID); err != nil {
		return AccessToken{}, fmt.Errorf("session: %w", err)
	}
	return a, nil
}
