package auth

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/ratelimit"
	"github.com/probono-match/probono/internal/store"
)

const (
	refreshTokenTTL  = 14 * 24 * time.Hour
	passwordResetTTL = time.Hour
)

// Store is what the auth service needs from the database; *store.Store provides it, in and out of
// transactions.
type Store interface {
	Tx(ctx context.Context, fn func(tx *store.Store) error) error
	AccountByID(ctx context.Context, userID uuid.UUID) (store.Account, error)
	AccountByEmail(ctx context.Context, email string) (store.Account, error)
	UpdateUser(ctx context.Context, userID uuid.UUID, changes map[string]any) error
	CreateRefreshToken(ctx context.Context, t *store.RefreshToken) error
	UseRefreshToken(ctx context.Context, digest string) (store.RefreshToken, error)
	RevokeRefreshFamily(ctx context.Context, familyID uuid.UUID) error
	CreatePasswordReset(ctx context.Context, r *store.PasswordReset) error
}

// Limits are the rate limits the service applies.
type Limits struct {
	// LoginFailures counts failed logins per account and per client address.
	LoginFailures *ratelimit.Limiter
	// ResetRequests counts password reset requests per account and per client address.
	ResetRequests *ratelimit.Limiter
}

// NewService returns the auth service. baseURL is where the SPA is served, for links in emails.
func NewService(db Store, signer *Signer, limits Limits, mailer notify.Mailer, baseURL string, log *slog.Logger) Service {
	return &service{db: db, signer: signer, limits: limits, mailer: mailer, baseURL: baseURL, log: log}
}

type service struct {
	db      Store
	signer  *Signer
	limits  Limits
	mailer  notify.Mailer
	baseURL string
	log     *slog.Logger
}

var errBadCredentials = problem.New(problem.Unauthenticated, "Invalid email or password.")

// canSignIn reports whether an account may sign in and use its tokens: neither the user nor their
// organisation is deactivated.
func canSignIn(a store.Account) bool { return a.Active && a.OrgActive }

// NormalizeEmail is the form in which emails are stored and compared.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// limitKeys identifies the account by a digest, so Redis never holds an email address.
func limitKeys(email, clientIP string) []string {
	return []string{"acct:" + crypto.TokenDigest(email), "ip:" + clientIP}
}

func (s *service) Login(ctx context.Context, email, password, clientIP string) (Session, error) {
	email = NormalizeEmail(email)
	keys := limitKeys(email, clientIP)
	if err := s.checkLimit(ctx, s.limits.LoginFailures, keys, "Too many failed sign-in attempts."); err != nil {
		return Session{}, err
	}
	acct, err := s.db.AccountByEmail(ctx, email)
	switch {
	case problem.Is(err, problem.NotFound):
		crypto.BurnPasswordCheck(password)
	case err != nil:
		return Session{}, err
	}
	if err != nil || !crypto.CheckPassword(password, acct.PasswordHash) || !canSignIn(acct) {
		if hitErr := s.limits.LoginFailures.Hit(ctx, keys...); hitErr != nil {
			return Session{}, fmt.Errorf("counting failed login: %w", hitErr)
		}
		return Session{}, errBadCredentials
	}
	if err := s.limits.LoginFailures.Reset(ctx, keys[0]); err != nil {
		return Session{}, fmt.Errorf("resetting login failures: %w", err)
	}
	return s.startSession(ctx, s.db, acct.ID, uuid.New())
}

func (s *service) checkLimit(ctx context.Context, l *ratelimit.Limiter, keys []string, what string) error {
	wait, err := l.Blocked(ctx, keys...)
	if err != nil {
		return fmt.Errorf("checking rate limit: %w", err)
	}
	if wait > 0 {
		e := problem.New(problem.RateLimited, "%s Try again in %d minutes.", what, int(wait.Minutes())+1)
		e.RetryAfterSeconds = int(wait.Seconds()) + 1
		return e
	}
	return nil
}

// startSession issues an access token and a new refresh token of family, using db (a transaction or not).
func (s *service) startSession(ctx context.Context, db Store, userID, family uuid.UUID) (Session, error) {
	now := time.Now().UTC()
	refresh := crypto.NewToken()
	row := &store.RefreshToken{
		ID: uuid.New(), UserID: userID, FamilyID: family,
		TokenHash: crypto.TokenDigest(refresh), ExpiresAt: now.Add(refreshTokenTTL),
	}
	if err := db.CreateRefreshToken(ctx, row); err != nil {
		return Session{}, err
	}
	access, err := s.signer.Sign(userID, family, now)
	if err != nil {
		return Session{}, fmt.Errorf("signing access token: %w", err)
	}
	return Session{AccessToken: access, ExpiresIn: AccessTokenTTL, RefreshToken: refresh, RefreshTTL: refreshTokenTTL}, nil
}

func (s *service) StartSession(ctx context.Context, userID uuid.UUID) (Session, error) {
	return s.startSession(ctx, s.db, userID, uuid.New())
}

var errSessionEnded = problem.New(problem.Unauthenticated, "Your session has ended. Please sign in again.")

func (s *service) Refresh(ctx context.Context, refreshToken string) (Session, error) {
	var sess Session
	var reused bool
	err := s.db.Tx(ctx, func(tx *store.Store) error {
		old, err := tx.UseRefreshToken(ctx, crypto.TokenDigest(refreshToken))
		if problem.Is(err, problem.NotFound) {
			return errSessionEnded
		}
		if err != nil {
			return err
		}
		if old.RevokedAt != nil || old.ExpiresAt.Before(time.Now()) {
			return errSessionEnded
		}
		if old.UsedAt != nil {
			// A used token came back: someone holds a copy. End the whole login, for the thief and the owner.
			reused = true
			return tx.RevokeRefreshFamily(ctx, old.FamilyID)
		}
		acct, err := tx.AccountByID(ctx, old.UserID)
		if err != nil {
			return err
		}
		if !canSignIn(acct) {
			return errSessionEnded
		}
		sess, err = s.startSession(ctx, tx, old.UserID, old.FamilyID)
		return err
	})
	if err != nil {
		return Session{}, err
	}
	if reused {
		s.log.WarnContext(ctx, "refresh token reused; session family revoked")
		return Session{}, errSessionEnded
	}
	return sess, nil
}

func (s *service) Logout(ctx context.Context, refreshToken string) error {
	if refreshToken == "" {
		return nil
	}
	return s.db.Tx(ctx, func(tx *store.Store) error {
		old, err := tx.UseRefreshToken(ctx, crypto.TokenDigest(refreshToken))
		if problem.Is(err, problem.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return tx.RevokeRefreshFamily(ctx, old.FamilyID)
	})
}

var errBadAccessToken = problem.New(problem.Unauthenticated, "The access token is missing, invalid or expired.")

func (s *service) Authenticate(ctx context.Context, accessToken string) (Principal, error) {
	userID, sessionID, err := s.signer.Verify(accessToken)
	if err != nil {
		return Principal{}, problem.Wrap(problem.Unauthenticated, err, "%s", errBadAccessToken.Detail)
	}
	acct, err := s.db.AccountByID(ctx, userID)
	if problem.Is(err, problem.NotFound) || (err == nil && !canSignIn(acct)) {
		return Principal{}, errBadAccessToken
	}
	if err != nil {
		return Principal{}, err
	}
	return Principal{
		UserID: acct.ID, OrgID: acct.OrgID, OrgKind: OrgKind(acct.OrgKind),
		Role: Role(acct.Role), SessionID: sessionID,
	}, nil
}

func (s *service) Me(ctx context.Context, p Principal) (Account, error) {
	acct, err := s.db.AccountByID(ctx, p.UserID)
	if err != nil {
		return Account{}, err
	}
	return ToAccount(acct), nil
}

// ToAccount converts a store account row to the domain type.
func ToAccount(a store.Account) Account {
	return Account{
		ID: a.ID, Email: a.Email, Name: a.Name, Role: Role(a.Role), Active: a.Active, CreatedAt: a.CreatedAt,
		Org: Organization{ID: a.OrgID, Name: a.OrgName, Kind: OrgKind(a.OrgKind), CreatedAt: a.OrgCreatedAt, LimitedScopeProgram: a.OrgLimitedScopeProgram},
	}
}

func (s *service) UpdateMe(ctx context.Context, p Principal, u ProfileUpdate) (Account, error) {
	acct, err := s.db.AccountByID(ctx, p.UserID)
	if err != nil {
		return Account{}, err
	}
	changes := map[string]any{}
	var fields []problem.FieldError
	if u.Name != nil {
		if name := strings.TrimSpace(*u.Name); name == "" {
			fields = append(fields, problem.Field("name", "must not be blank"))
		} else {
			changes["name"] = name
		}
	}
	if u.NewPassword != nil {
		if u.CurrentPassword == nil || !crypto.CheckPassword(*u.CurrentPassword, acct.PasswordHash) {
			fields = append(fields, problem.Field("current_password", "is not your current password"))
		}
		if msg := crypto.PasswordProblem(*u.NewPassword); msg != "" {
			fields = append(fields, problem.Field("new_password", msg))
		}
	} else if u.CurrentPassword != nil {
		fields = append(fields, problem.Field("new_password", "is required to change the password"))
	}
	if len(fields) > 0 {
		return Account{}, problem.Validation(fields...)
	}
	if u.NewPassword != nil {
		if changes["password_hash"], err = crypto.HashPassword(*u.NewPassword); err != nil {
			return Account{}, err
		}
	}
	err = s.db.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateUser(ctx, p.UserID, changes); err != nil {
			return err
		}
		if u.NewPassword != nil {
			return tx.RevokeUserRefreshTokensExcept(ctx, p.UserID, p.SessionID)
		}
		return nil
	})
	if err != nil {
		return Account{}, err
	}
	return s.Me(ctx, p)
}

func (s *service) RequestPasswordReset(ctx context.Context, email, clientIP string) error {
	email = NormalizeEmail(email)
	keys := limitKeys(email, clientIP)
	if err := s.checkLimit(ctx, s.limits.ResetRequests, keys, "Too many password reset requests."); err != nil {
		return err
	}
	if err := s.limits.ResetRequests.Hit(ctx, keys...); err != nil {
		return fmt.Errorf("counting reset request: %w", err)
	}
	acct, err := s.db.AccountByEmail(ctx, email)
	if problem.Is(err, problem.NotFound) || (err == nil && !canSignIn(acct)) {
		return nil
	}
	if err != nil {
		return err
	}
	token := crypto.NewToken()
	reset := &store.PasswordReset{
		ID: uuid.New(), UserID: acct.ID, TokenHash: crypto.TokenDigest(token),
		ExpiresAt: time.Now().UTC().Add(passwordResetTTL),
	}
	if err := s.db.CreatePasswordReset(ctx, reset); err != nil {
		return err
	}
	return s.mailer.Send(ctx, notify.Email{
		To:      acct.Email,
		Subject: "Reset your Probono Match password",
		Text: fmt.Sprintf("Someone asked to reset the password of your Probono Match account.\n\n"+
			"To choose a new password, open this link within one hour:\n%s/reset-password?token=%s\n\n"+
			"If it was not you, ignore this email; your password stays as it is.\n", s.baseURL, token),
	})
}

var errResetGone = problem.New(problem.Gone, "This password reset link has expired or was already used. Ask for a new one.")

func (s *service) ResetPassword(ctx context.Context, token, newPassword string) error {
	if msg := crypto.PasswordProblem(newPassword); msg != "" {
		return problem.Validation(problem.Field("password", msg))
	}
	hash, err := crypto.HashPassword(newPassword)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *store.Store) error {
		userID, err := tx.ConsumePasswordReset(ctx, crypto.TokenDigest(token))
		if problem.Is(err, problem.NotFound) {
			return errResetGone
		}
		if err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, userID, map[string]any{"password_hash": hash}); err != nil {
			return err
		}
		return tx.RevokeUserRefreshTokensExcept(ctx, userID, uuid.Nil)
	})
}
