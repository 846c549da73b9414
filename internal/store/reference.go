package store

import "context"

// PracticeArea is a row of practice_areas.
type PracticeArea struct {
	Code       string
	ParentCode *string
	Name       string
	LSCCode    *string `gorm:"column:lsc_code"`
	SortOrder  int
}

// Language is a row of languages.
type Language struct {
	Code string
	Name string
}

// Jurisdiction is a row of jurisdictions.
type Jurisdiction struct {
	Code      string
	Name      string
	Kind      string
	StateCode *string
}

// PovertyGuideline is a row of poverty_guidelines: the HHS guideline for one year and region.
type PovertyGuideline struct {
	Year           int
	Region         string
	BaseCents      int64
	PerPersonCents int64
}

// PracticeAreas lists every practice area, top-level areas first.
func (s *Store) PracticeAreas(ctx context.Context) ([]PracticeArea, error) {
	var rows []PracticeArea
	err := s.with(ctx).Order("parent_code NULLS FIRST, sort_order, code").Find(&rows).Error
	return rows, translate(err, "practice areas")
}

// Languages lists every language by name.
func (s *Store) Languages(ctx context.Context) ([]Language, error) {
	var rows []Language
	return rows, translate(s.with(ctx).Order("name").Find(&rows).Error, "languages")
}

// Jurisdictions lists states, DC and territories, then federal districts, each by name.
func (s *Store) Jurisdictions(ctx context.Context) ([]Jurisdiction, error) {
	var rows []Jurisdiction
	err := s.with(ctx).Order("kind = 'federal_district', name").Find(&rows).Error
	return rows, translate(err, "jurisdictions")
}

// PovertyGuidelines lists every guideline, newest year first.
func (s *Store) PovertyGuidelines(ctx context.Context) ([]PovertyGuideline, error) {
	var rows []PovertyGuideline
	return rows, translate(s.with(ctx).Order("year DESC, region").Find(&rows).Error, "poverty guidelines")
}
