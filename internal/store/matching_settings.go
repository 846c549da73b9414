package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// MatchingSettings is the one row of matching_settings: the scores' weights by name and how long
// an offer stays open by urgency, in minutes.
type MatchingSettings struct {
	Weights      map[string]float64
	OfferWindows map[string]int
	UpdatedBy    *uuid.UUID
	UpdatedAt    time.Time
	// Version counts the writes, for If-Match.
	Version int
}

const matchingSettingsQuery = `SELECT weights, offer_windows, updated_by, updated_at, version FROM matching_settings`

// MatchingSettingsRow reads the settings.
func (s *Store) MatchingSettingsRow(ctx context.Context) (MatchingSettings, error) {
	return s.readMatchingSettings(ctx, matchingSettingsQuery)
}

// ReplaceMatchingSettings writes m as the settings' next version, in a transaction of its own, if
// allows accepts the version it replaces (allows' error is returned otherwise). m.Version is set.
func (s *Store) ReplaceMatchingSettings(ctx context.Context, m *MatchingSettings, allows func(version int) error) error {
	return s.Tx(ctx, func(tx *Store) error {
		current, err := tx.readMatchingSettings(ctx, matchingSettingsQuery+" FOR UPDATE")
		if err != nil {
			return err
		}
		if err := allows(current.Version); err != nil {
			return err
		}
		m.Version = current.Version + 1
		return tx.saveMatchingSettings(ctx, *m)
	})
}

func (s *Store) readMatchingSettings(ctx context.Context, query string) (MatchingSettings, error) {
	var m MatchingSettings
	var weights, windows []byte
	var by *uuid.UUID
	err := s.with(ctx).Raw(query).Row().Scan(&weights, &windows, &by, &m.UpdatedAt, &m.Version)
	if err != nil {
		return m, translate(err, "matching settings")
	}
	m.UpdatedBy = by
	if err := json.Unmarshal(weights, &m.Weights); err != nil {
		return m, err
	}
	return m, json.Unmarshal(windows, &m.OfferWindows)
}

func (s *Store) saveMatchingSettings(ctx context.Context, m MatchingSettings) error {
	weights, err := json.Marshal(m.Weights)
	if err != nil {
		return err
	}
	windows, err := json.Marshal(m.OfferWindows)
	if err != nil {
		return err
	}
	err = s.with(ctx).Exec(`UPDATE matching_settings SET weights = ?, offer_windows = ?, updated_by = ?, updated_at = now(), version = ?`,
		string(weights), string(windows), m.UpdatedBy, m.Version).Error
	return translate(err, "matching settings")
}
