package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/problem"
)

// User is a row of users.
type User struct {
	ID           uuid.UUID
	Email        string
	Name         string
	PasswordHash string
	Active       bool
	// TokenGeneration is bumped when the user is deactivated; tokens of an older generation are void.
	TokenGeneration int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Account is a user with their membership and their organisation's kind and state: what
// authentication and authorization need.
type Account struct {
	User
	OrgID   uuid.UUID
	OrgKind string
	Role    string
	// OrgActive is false while the organisation is deactivated: its members may not sign in.
	OrgActive bool
}

// accountSelect reads the columns accounts scans, in its order.
const accountSelect = `SELECT u.id, u.email, u.name, u.password_hash, u.active, u.token_generation, u.created_at, u.updated_at,
	m.org_id, m.role, o.kind, o.deactivated_at IS NULL
FROM users u JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.org_id`

// accounts runs accountSelect with the given condition. Every request reads its caller's account,
// so the rows are scanned by hand rather than by GORM's reflection.
func (s *Store) accounts(ctx context.Context, where string, args ...any) ([]Account, error) {
	var a Account
	var out []Account
	dest := []any{uuidDest{&a.ID}, &a.Email, &a.Name, &a.PasswordHash, &a.Active, &a.TokenGeneration, &a.CreatedAt, &a.UpdatedAt,
		uuidDest{&a.OrgID}, &a.Role, &a.OrgKind, &a.OrgActive}
	err := s.scanRows(ctx, accountSelect+" "+where, args, dest, func() { out = append(out, a) })
	return out, err
}

// account returns the one account accountSelect finds with the condition, or NotFound.
func (s *Store) account(ctx context.Context, where string, args ...any) (Account, error) {
	as, err := s.accounts(ctx, where, args...)
	if err != nil {
		return Account{}, translate(err, "user")
	}
	if len(as) == 0 {
		return Account{}, problem.New(problem.NotFound, "User not found.")
	}
	return as[0], nil
}

// AccountByID returns the user with their organisation and role.
func (s *Store) AccountByID(ctx context.Context, userID uuid.UUID) (Account, error) {
	return s.account(ctx, "WHERE u.id = $1", userID)
}

// AccountByEmail returns the user with the given (lower-case) email, with organisation and role.
func (s *Store) AccountByEmail(ctx context.Context, email string) (Account, error) {
	return s.account(ctx, "WHERE u.email = $1", email)
}

// AccountsByOrg lists an organisation's members, by name.
func (s *Store) AccountsByOrg(ctx context.Context, orgID uuid.UUID) ([]Account, error) {
	as, err := s.accounts(ctx, "WHERE m.org_id = $1 ORDER BY lower(u.name), u.id", orgID)
	return as, translate(err, "members")
}

// CreateAccount inserts a user and their membership; call it inside Tx.
func (s *Store) CreateAccount(ctx context.Context, u User, orgID uuid.UUID, role string) error {
	if err := s.with(ctx).Create(&u).Error; err != nil {
		return translate(err, "user")
	}
	m := Membership{UserID: u.ID, OrgID: orgID, Role: role}
	return translate(s.with(ctx).Create(&m).Error, "membership")
}

// UpdateUser writes the given columns of a user.
func (s *Store) UpdateUser(ctx context.Context, userID uuid.UUID, changes map[string]any) error {
	changes["updated_at"] = time.Now().UTC()
	return mustAffect(s.with(ctx).Model(&User{}).Where("id = ?", userID).Updates(changes), "User")
}
