package auth

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/notify"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/crypto"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/ratelimit"
	"github.com/probono-match/probono/internal/store"
)

const (
	refreshTokenTTL  = 14 * 24 * time.Hour
	passwordResetTTL = time.Hour
)

// Store is what the auth service reads from the database, and its transactions; the store
// provides it.
type Store interface {
	Tx(ctx context.Context, fn func(tx AuthTx) error) error
	AccountByID(ctx context.Context, userID uuid.UUID) (store.Account, error)
	AccountByEmail(ctx context.Context, email string) (store.Account, error)
	AccountsByOrg(ctx context.Context, orgID uuid.UUID) ([]store.Account, error)
	CreateRefreshToken(ctx context.Context, t *store.RefreshToken) error
	UnusedPasswordResetByID(ctx context.Context, id uuid.UUID) (store.PasswordReset, error)
	SetPasswordResetToken(ctx context.Context, id uuid.UUID, digest string) error
}

// AuthTx is what the auth service does inside a transaction.
type AuthTx interface {
	AccountByID(ctx context.Context, userID uuid.UUID) (store.Account, error)
	UpdateUser(ctx context.Context, userID uuid.UUID, changes map[string]any) error
	CreateRefreshToken(ctx context.Context, t *store.RefreshToken) error
	UseRefreshToken(ctx context.Context, digest string) (store.RefreshToken, error)
	RevokeRefreshFamily(ctx context.Context, familyID uuid.UUID) error
	RevokeUserRefreshTokensExcept(ctx context.Context, userID, keepFamily uuid.UUID) error
	CreatePasswordReset(ctx context.Context, r *store.PasswordReset) error
	ConsumePasswordReset(ctx context.Context, digest string) (uuid.UUID, error)
	Emit(ctx context.Context, e outbox.Event) error
	Audit(ctx context.Context, r audit.Record) error
}

// refreshTokens is where a session's refresh token is written: the store, or a transaction.
type refreshTokens interface {
	CreateRefreshToken(ctx context.Context, t *store.RefreshToken) error
}

// Limits are the rate limits the service applies: Protection, counted in Counters.
type Limits struct {
	Counters   *ratelimit.Counters
	Protection Protection
}

// NewService returns the auth service. baseURL is where the SPA is served, for links in emails.
func NewService(db Store, signer *Signer, limits Limits, baseURL string, log *slog.Logger) Service {
	return &service{db: db, signer: signer, guard: newGuard(limits.Counters, limits.Protection), baseURL: baseURL, log: log}
}

type service struct {
	db      Store
	signer  *Signer
	guard   *guard
	baseURL string
	log     *slog.Logger
}

var errBadCredentials = problem.New(problem.Unauthenticated, "Invalid email or password.")

var errOrganizationDeactivated = problem.New(problem.Forbidden,
	"Your organization has been deactivated on Probono Match, so its members cannot sign in. Contact the platform's administrators.")

// canSignIn reports whether an account may sign in and use its tokens: neither the user nor their
// organisation is deactivated.
func canSignIn(a store.Account) bool { return a.Active && a.OrgActive }

// NormalizeEmail is the form in which emails are stored and compared.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func (s *service) Login(ctx context.Context, in LoginAttempt) (Session, error) {
	email := NormalizeEmail(in.Email)
	acct, err := s.db.AccountByEmail(ctx, email)
	known := err == nil
	if err != nil && !problem.Is(err, problem.NotFound) {
		return Session{}, err
	}
	now := time.Now()
	attempt := signinAttempt{account: accountKey(email), address: ratelimit.AddressKey(in.ClientIP)}
	if known {
		attempt.device = s.guard.trustDevice(ctx, s.signer, in.DeviceToken, acct.ID, now)
	}
	if err := s.guard.admit(ctx, attempt); err != nil {
		return Session{}, err
	}
	if why := signInRefusal(known, in.Password, acct); why != "" {
		if why != refusedOrganization {
			s.guard.failed(ctx, attempt)
		}
		if err := s.db.Tx(ctx, func(tx AuthTx) error { return tx.Audit(ctx, signInFailed(email, acct, why)) }); err != nil {
			return Session{}, err
		}
		// Only someone who knows the password learns that the organisation is switched off, and they
		// are told so rather than left retrying a password that is right; it is not counted as a
		// failure.
		if why == refusedOrganization {
			return Session{}, errOrganizationDeactivated
		}
		return Session{}, errBadCredentials
	}
	s.guard.succeeded(ctx, attempt)
	var sess Session
	err = s.db.Tx(ctx, func(tx AuthTx) error {
		token := AccessToken{UserID: acct.ID, SessionID: uuid.New(), Generation: acct.TokenGeneration}
		started, err := s.startSession(ctx, tx, token)
		if err != nil {
			return err
		}
		sess = started
		return tx.Audit(ctx, accountRecord(ActionSignedIn, acct, map[string]any{"session_id": token.SessionID, "role": acct.Role}))
	})
	if err != nil {
		return Session{}, err
	}
	sess.DeviceToken = s.signer.signDevice(device{UserID: acct.ID, ID: uuid.New(), Expires: now.Add(s.guard.p.DeviceTTL)})
	sess.DeviceTTL = s.guard.p.DeviceTTL
	return sess, nil
}

// startSession issues an access token and a new refresh token for the user and session (the refresh
// family) of a, using db (a transaction or not).
func (s *service) startSession(ctx context.Context, db refreshTokens, a AccessToken) (Session, error) {
	now := time.Now().UTC()
	refresh := crypto.NewToken()
	row := &store.RefreshToken{
		ID: uuid.New(), UserID: a.UserID, FamilyID: a.SessionID, TokenGeneration: a.Generation,
		TokenHash: crypto.TokenDigest(refresh), ExpiresAt: now.Add(refreshTokenTTL),
	}
	if err := db.CreateRefreshToken(ctx, row); err != nil {
		return Session{}, err
	}
	access, err := s.signer.Sign(a, now)
	if err != nil {
		return Session{}, fmt.Errorf("signing access token: %w", err)
	}
	return Session{AccessToken: access, ExpiresIn: AccessTokenTTL, RefreshToken: refresh, RefreshTTL: refreshTokenTTL}, nil
}

// newSession starts a new login of acct.
func (s *service) newSession(ctx context.Context, acct store.Account) (Session, error) {
	return s.startSession(ctx, s.db, AccessToken{UserID: acct.ID, SessionID: uuid.New(), Generation: acct.TokenGeneration})
}

func (s *service) StartSession(ctx context.Context, userID uuid.UUID) (Session, error) {
	acct, err := s.db.AccountByID(ctx, userID)
	if err != nil {
		return Session{}, err
	}
	return s.newSession(ctx, acct)
}

var errSessionEnded = problem.New(problem.Unauthenticated, "Your session has ended. Please sign in again.")

func (s *service) Refresh(ctx context.Context, refreshToken string) (Session, error) {
	var sess Session
	var reused bool
	err := s.db.Tx(ctx, func(tx AuthTx) error {
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
		acct, err := tx.AccountByID(ctx, old.UserID)
		if err != nil {
			return err
		}
		if old.UsedAt != nil {
			// A used token came back: someone holds a copy. End the whole login, for the thief and the owner.
			reused = true
			if err := tx.RevokeRefreshFamily(ctx, old.FamilyID); err != nil {
				return err
			}
			return tx.Audit(ctx, accountRecord(ActionRefreshReused, acct, map[string]any{"session_id": old.FamilyID}))
		}
		if !canSignIn(acct) || old.TokenGeneration != acct.TokenGeneration {
			return errSessionEnded
		}
		sess, err = s.startSession(ctx, tx, AccessToken{UserID: old.UserID, SessionID: old.FamilyID, Generation: acct.TokenGeneration})
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
	return s.db.Tx(ctx, func(tx AuthTx) error {
		old, err := tx.UseRefreshToken(ctx, crypto.TokenDigest(refreshToken))
		if problem.Is(err, problem.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.RevokeRefreshFamily(ctx, old.FamilyID); err != nil {
			return err
		}
		acct, err := tx.AccountByID(ctx, old.UserID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, accountRecord(ActionSignedOut, acct, map[string]any{"session_id": old.FamilyID}))
	})
}

var errBadAccessToken = problem.New(problem.Unauthenticated, "The access token is missing, invalid or expired.")

func (s *service) Authenticate(ctx context.Context, accessToken string) (Principal, Account, error) {
	tok, err := s.signer.Verify(accessToken)
	if err != nil {
		return Principal{}, Account{}, problem.Wrap(problem.Unauthenticated, err, "%s", errBadAccessToken.Detail)
	}
	// The account is read anyway for the caller's role, so checking the generation costs nothing more.
	acct, err := s.db.AccountByID(ctx, tok.UserID)
	if problem.Is(err, problem.NotFound) || (err == nil && (!canSignIn(acct) || acct.TokenGeneration != tok.Generation)) {
		return Principal{}, Account{}, errBadAccessToken
	}
	if err != nil {
		return Principal{}, Account{}, err
	}
	p := Principal{
		UserID: acct.ID, OrgID: acct.OrgID, OrgKind: OrgKind(acct.OrgKind),
		Role: Role(acct.Role), SessionID: tok.SessionID,
	}
	return p, ToAccount(acct), nil
}

// ToAccount converts a store account row to the domain type.
func ToAccount(a store.Account) Account {
	return Account{
		ID: a.ID, Email: a.Email, Name: a.Name, Role: Role(a.Role), Active: a.Active, CreatedAt: a.CreatedAt,
		OrgID: a.OrgID, OrgKind: OrgKind(a.OrgKind),
	}
}

func (s *service) Account(ctx context.Context, userID uuid.UUID) (Account, error) {
	a, err := s.db.AccountByID(ctx, userID)
	return ToAccount(a), err
}

func (s *service) OrgAccounts(ctx context.Context, orgID uuid.UUID) ([]Account, error) {
	rows, err := s.db.AccountsByOrg(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]Account, len(rows))
	for i, a := range rows {
		out[i] = ToAccount(a)
	}
	return out, nil
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
		if err := s.guard.passwordCheck(ctx, acct.Email); err != nil {
			return Account{}, err
		}
		if u.CurrentPassword == nil || !crypto.CheckPassword(*u.CurrentPassword, acct.PasswordHash) {
			s.guard.wrongPassword(ctx, acct.Email)
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
	err = s.db.Tx(ctx, func(tx AuthTx) error {
		if err := tx.UpdateUser(ctx, p.UserID, changes); err != nil {
			return err
		}
		if u.NewPassword == nil {
			return nil
		}
		if err := tx.RevokeUserRefreshTokensExcept(ctx, p.UserID, p.SessionID); err != nil {
			return err
		}
		return tx.Audit(ctx, accountRecord(ActionPasswordChanged, acct, nil))
	})
	if err != nil {
		return Account{}, err
	}
	acct, err = s.db.AccountByID(ctx, p.UserID)
	if err != nil {
		return Account{}, err
	}
	return ToAccount(acct), nil
}

func (s *service) RequestPasswordReset(ctx context.Context, email, clientIP string) error {
	email = NormalizeEmail(email)
	if !s.guard.mayEmailReset(ctx, email, clientIP) {
		return nil
	}
	acct, err := s.db.AccountByEmail(ctx, email)
	if problem.Is(err, problem.NotFound) || (err == nil && !canSignIn(acct)) {
		return nil
	}
	if err != nil {
		return err
	}
	s.guard.resetEmailed(ctx, email)
	// The token is made when the email is sent, by the event's job: the request never holds one, and
	// answers the same whether or not mail can be sent.
	reset := &store.PasswordReset{
		ID: uuid.New(), UserID: acct.ID, TokenHash: crypto.TokenDigest(crypto.NewToken()),
		ExpiresAt: time.Now().UTC().Add(passwordResetTTL),
	}
	event, err := outbox.New(EventPasswordResetRequested, "user/"+acct.ID.String(), PasswordResetRequested{ResetID: reset.ID, UserID: acct.ID})
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx AuthTx) error {
		if err := tx.CreatePasswordReset(ctx, reset); err != nil {
			return err
		}
		return tx.Emit(ctx, event)
	})
}

func (s *service) PasswordResetEmail(ctx context.Context, resetID uuid.UUID) (notify.Email, error) {
	reset, err := s.db.UnusedPasswordResetByID(ctx, resetID)
	if err != nil {
		return notify.Email{}, err
	}
	acct, err := s.db.AccountByID(ctx, reset.UserID)
	if err != nil {
		return notify.Email{}, err
	}
	token := crypto.NewToken()
	if err := s.db.SetPasswordResetToken(ctx, reset.ID, crypto.TokenDigest(token)); err != nil {
		return notify.Email{}, err
	}
	return notify.PasswordResetEmail("password-reset-"+reset.ID.String(), acct.Email,
		notify.PasswordReset{Name: acct.Name, Link: s.baseURL + "/reset-password?token=" + token})
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
	return s.db.Tx(ctx, func(tx AuthTx) error {
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
		if err := tx.RevokeUserRefreshTokensExcept(ctx, userID, uuid.Nil); err != nil {
			return err
		}
		acct, err := tx.AccountByID(ctx, userID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, accountRecord(ActionPasswordReset, acct, nil))
	})
}
