package store

import (
	"context"
	"reflect"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"
)

// AttorneyProfile is a row of attorney_profiles with its child rows.
type AttorneyProfile struct {
	UserID            uuid.UUID `gorm:"primaryKey"`
	MonthlyHourBudget int
	MaxActiveMatters  int
	AnnualGoalHours   int
	WorkMode          string
	AcceptsMentored   bool
	UpdatedAt         time.Time
	// Version counts the profile's writes, for If-Match.
	Version int

	BarAdmissions []AttorneyBarAdmission `gorm:"-"`
	PracticeAreas []AttorneyPracticeArea `gorm:"-"`
	Languages     []AttorneyLanguage     `gorm:"-"`
	Availability  []AttorneyAvailability `gorm:"-"`
	Blackouts     []AttorneyBlackout     `gorm:"-"`
}

// AttorneyBarAdmission is a row of attorney_bar_admissions.
type AttorneyBarAdmission struct {
	UserID       uuid.UUID
	Jurisdiction string
	BarNumber    string
	Status       string
	AdmittedOn   time.Time
}

// AttorneyPracticeArea is a row of attorney_practice_areas.
type AttorneyPracticeArea struct {
	UserID       uuid.UUID
	PracticeArea string
	Experience   string
}

// AttorneyLanguage is a row of attorney_languages.
type AttorneyLanguage struct {
	UserID   uuid.UUID
	Language string
}

// AttorneyAvailability is a row of attorney_availability; times are "HH:MM:SS".
type AttorneyAvailability struct {
	UserID   uuid.UUID
	Position int
	Weekday  int
	StartsAt string
	EndsAt   string
	TimeZone string
}

// TableName keeps GORM from pluralising.
func (AttorneyAvailability) TableName() string { return "attorney_availability" }

// AttorneyBlackout is a row of attorney_blackouts.
type AttorneyBlackout struct {
	UserID   uuid.UUID
	Position int
	StartsOn time.Time
	EndsOn   time.Time
}

// AttorneyProfileByUser returns a user's profile with its child rows; NotFound if never saved.
func (s *Store) AttorneyProfileByUser(ctx context.Context, userID uuid.UUID) (AttorneyProfile, error) {
	var p AttorneyProfile
	if err := s.with(ctx).Take(&p, "user_id = ?", userID).Error; err != nil {
		return p, translate(err, "Attorney profile")
	}
	db := s.with(ctx)
	for _, q := range []struct {
		dest  any
		order string
	}{
		{&p.BarAdmissions, "jurisdiction"},
		{&p.PracticeAreas, "practice_area"},
		{&p.Languages, "language"},
		{&p.Availability, "position"},
		{&p.Blackouts, "position"},
	} {
		if err := db.Where("user_id = ?", userID).Order(q.order).Find(q.dest).Error; err != nil {
			return p, translate(err, "attorney profile")
		}
	}
	return p, nil
}

// LockAttorneyProfileVersion returns the version of an attorney's profile, 0 before the first save,
// and keeps other writes of it waiting until the transaction ends; call it inside Tx. The lock is
// on the attorney's account row, which exists before the profile does, so that two first saves
// are ordered as well.
func (s *Store) LockAttorneyProfileVersion(ctx context.Context, userID uuid.UUID) (int, error) {
	db := s.with(ctx)
	if err := db.Exec("SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE", userID).Error; err != nil {
		return 0, translate(err, "attorney profile")
	}
	// A statement of its own, after the lock: in one statement with it, a save that committed while
	// this one waited would not be seen.
	var version int
	err := db.Raw("SELECT coalesce(max(version), 0) FROM attorney_profiles WHERE user_id = ?", userID).Scan(&version).Error
	return version, translate(err, "attorney profile")
}

// ReplaceAttorneyProfile writes a profile and replaces all its child rows; call it inside Tx.
func (s *Store) ReplaceAttorneyProfile(ctx context.Context, p AttorneyProfile) error {
	p.UpdatedAt = time.Now().UTC()
	db := s.with(ctx)
	err := db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}}, UpdateAll: true}).Create(&p).Error
	if err != nil {
		return translate(err, "attorney profile")
	}
	for _, model := range []any{&AttorneyBarAdmission{}, &AttorneyPracticeArea{}, &AttorneyLanguage{}, &AttorneyAvailability{}, &AttorneyBlackout{}} {
		if err := db.Where("user_id = ?", p.UserID).Delete(model).Error; err != nil {
			return translate(err, "attorney profile")
		}
	}
	for _, rows := range []any{p.BarAdmissions, p.PracticeAreas, p.Languages, p.Availability, p.Blackouts} {
		if err := createAll(ctx, s, rows, "attorney profile"); err != nil {
			return err
		}
	}
	return nil
}

// createAll inserts a slice of rows, doing nothing for an empty one (GORM refuses an empty batch).
func createAll(ctx context.Context, s *Store, rows any, what string) error {
	if reflect.ValueOf(rows).Len() == 0 {
		return nil
	}
	return translate(s.with(ctx).Create(rows).Error, what)
}
