package offer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Settings are the platform's matching settings: the weights of the scores, and how long an offer
// stays open by the referral's urgency. Only platform admins read and change them.
type Settings struct {
	Weights matching.Weights
	// OfferWindows are in minutes, by urgency (routine, soon, urgent, emergency).
	OfferWindows map[string]int
	UpdatedAt    time.Time
	UpdatedBy    *uuid.UUID
	// Version counts the writes; its entity tag is a change's If-Match.
	Version int
}

// Urgencies are the referral urgencies, least urgent first: each one's offer window is at most
// the one before's.
var Urgencies = []string{"routine", "soon", "urgent", "emergency"}

// The bounds of an offer window, in minutes: a quarter of an hour to two weeks.
const (
	MinOfferWindow = 15
	MaxOfferWindow = 20160
)

// OfferWindow is how long an offer of a referral of this urgency stays open; an urgency without a
// window of its own gets the routine one.
func (s Settings) OfferWindow(urgency string) time.Duration {
	minutes, ok := s.OfferWindows[urgency]
	if !ok {
		minutes = s.OfferWindows["routine"]
	}
	return time.Duration(minutes) * time.Minute
}

// SettingsService reads and changes the matching settings.
type SettingsService interface {
	// Get returns the settings. Forbidden to anyone but platform admins.
	Get(ctx context.Context, p auth.Principal) (Settings, error)
	// Put replaces the weights and offer windows. Forbidden as Get; Invalid, naming each field,
	// for a weight outside 0..100, weights that are all 0, a window outside 15..20160 minutes or
	// a more urgent referral's window longer than a less urgent one's; PreconditionFailed when
	// cond does not allow the current version.
	Put(ctx context.Context, p auth.Principal, in Settings, cond etag.Condition) (Settings, error)
	// Settings returns the settings in force, without authorization: ranking and offers use it.
	Settings(ctx context.Context) (Settings, error)
}

// SettingsStore is what the settings need from the database; *store.Store provides it.
type SettingsStore interface {
	MatchingSettingsRow(ctx context.Context) (store.MatchingSettings, error)
	ReplaceMatchingSettings(ctx context.Context, m *store.MatchingSettings, allows func(version int) error) error
}

// NewSettingsService returns the settings service.
func NewSettingsService(db SettingsStore) SettingsService { return &settingsService{db: db} }

type settingsService struct{ db SettingsStore }

var errSettingsForbidden = problem.New(problem.Forbidden, "Only platform admins may see and change the matching settings.")

func (s *settingsService) Get(ctx context.Context, p auth.Principal) (Settings, error) {
	if !p.IsPlatformAdmin() {
		return Settings{}, errSettingsForbidden
	}
	return s.Settings(ctx)
}

func (s *settingsService) Settings(ctx context.Context) (Settings, error) {
	row, err := s.db.MatchingSettingsRow(ctx)
	if err != nil {
		return Settings{}, err
	}
	return Settings{Weights: weightsFrom(row.Weights), OfferWindows: row.OfferWindows, UpdatedAt: row.UpdatedAt,
		UpdatedBy: row.UpdatedBy, Version: row.Version}, nil
}

func (s *settingsService) Put(ctx context.Context, p auth.Principal, in Settings, cond etag.Condition) (Settings, error) {
	if !p.IsPlatformAdmin() {
		return Settings{}, errSettingsForbidden
	}
	if fields := validateSettings(in); len(fields) > 0 {
		return Settings{}, problem.Validation(fields...)
	}
	row := store.MatchingSettings{Weights: weightsMap(in.Weights), OfferWindows: in.OfferWindows, UpdatedBy: &p.UserID}
	err := s.db.ReplaceMatchingSettings(ctx, &row, func(version int) error {
		if !cond.Allows(version) {
			return problem.New(problem.PreconditionFailed, "Someone else changed the matching settings after you opened them. Reload them to see their changes, then make yours again.")
		}
		return nil
	})
	if err != nil {
		return Settings{}, err
	}
	return s.Settings(ctx)
}

// validateSettings checks each weight's range, that some weight counts, and the offer windows.
func validateSettings(in Settings) []problem.FieldError {
	var fields []problem.FieldError
	var invalid *matching.InvalidWeightsError
	if err := in.Weights.Validate(); errors.As(err, &invalid) {
		field := "weights"
		if invalid.Field != "" {
			field += "." + invalid.Field
		}
		fields = append(fields, problem.Field(field, invalid.Problem))
	} else if err != nil {
		fields = append(fields, problem.Field("weights", err.Error()))
	}
	previous := ""
	for _, u := range Urgencies {
		m, ok := in.OfferWindows[u]
		switch {
		case !ok:
			fields = append(fields, problem.Field("offer_windows."+u, "is required"))
		case m < MinOfferWindow || m > MaxOfferWindow:
			fields = append(fields, problem.Field("offer_windows."+u, fmt.Sprintf("must be between %d and %d minutes", MinOfferWindow, MaxOfferWindow)))
		case previous != "" && m > in.OfferWindows[previous]:
			fields = append(fields, problem.Field("offer_windows."+u, fmt.Sprintf("must not be longer than the %s window", previous)))
		}
		previous = u
	}
	return fields
}

// weightsMap names the weights as their factors are named.
func weightsMap(w matching.Weights) map[string]float64 {
	return map[string]float64{"experience": w.Experience, "availability": w.Availability, "capacity": w.Capacity,
		"goal": w.Goal, "partnership": w.Partnership, "language": w.Language, "fairness": w.Fairness, "urgency": w.Urgency}
}

func weightsFrom(m map[string]float64) matching.Weights {
	return matching.Weights{Experience: m["experience"], Availability: m["availability"], Capacity: m["capacity"],
		Goal: m["goal"], Partnership: m["partnership"], Language: m["language"], Fairness: m["fairness"], Urgency: m["urgency"]}
}
