package store

import (
	"context"

	"github.com/probono-match/probono/internal/reference"
)

// The reference tables (practice_areas, languages, jurisdictions, poverty_guidelines) are read
// straight into the reference domain's types: their rows are nothing more.
var _ reference.Store = (*Store)(nil)

// PracticeAreas lists every practice area, top-level areas first.
func (s *Store) PracticeAreas(ctx context.Context) ([]reference.PracticeArea, error) {
	var rows []reference.PracticeArea
	err := s.with(ctx).Table("practice_areas").Order("parent_code NULLS FIRST, sort_order, code").Find(&rows).Error
	return rows, translate(err, "practice areas")
}

// Languages lists every language by name.
func (s *Store) Languages(ctx context.Context) ([]reference.Language, error) {
	var rows []reference.Language
	return rows, translate(s.with(ctx).Table("languages").Order("name").Find(&rows).Error, "languages")
}

// Jurisdictions lists states, DC and territories, then federal districts, each by name.
func (s *Store) Jurisdictions(ctx context.Context) ([]reference.Jurisdiction, error) {
	var rows []reference.Jurisdiction
	err := s.with(ctx).Table("jurisdictions").Order("kind = 'federal_district', name").Find(&rows).Error
	return rows, translate(err, "jurisdictions")
}

// PovertyGuidelines lists every guideline, newest year first.
func (s *Store) PovertyGuidelines(ctx context.Context) ([]reference.PovertyGuideline, error) {
	var rows []reference.PovertyGuideline
	return rows, translate(s.with(ctx).Table("poverty_guidelines").Order("year DESC, region").Find(&rows).Error, "poverty guidelines")
}
