package store

import (
	"context"

	"github.com/google/uuid"
)

// ClientReveal is a row of client_reveals: someone outside the referring organisation was shown
// the client's details.
type ClientReveal struct {
	ID         int64 `gorm:"primaryKey"`
	ReferralID uuid.UUID
	MatterID   uuid.UUID
	UserID     uuid.UUID
}

// RecordClientReveal records that a user was shown the client's details of a matter's referral.
func (s *Store) RecordClientReveal(ctx context.Context, referralID, matterID, userID uuid.UUID) error {
	r := ClientReveal{ReferralID: referralID, MatterID: matterID, UserID: userID}
	return translate(s.with(ctx).Omit("ID").Create(&r).Error, "client reveal")
}
