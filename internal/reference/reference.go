// Package reference owns the reference data that migrations seed and nothing edits at run time:
// practice areas (LSC problem codes), languages (ISO 639-1), jurisdictions and the HHS poverty
// guidelines. It validates codes against them and computes eligibility as a share of the guideline.
package reference

import (
	"context"
	"fmt"
	"math"
	"sync"
)

// PracticeArea is an area of law: a top-level LSC problem-code category or one of its sub-areas.
type PracticeArea struct {
	Code string
	// ParentCode is the top-level area of a sub-area, nil for a top-level area.
	ParentCode *string
	Name       string
	// LSCCode is the Legal Services Corporation problem code, where the area has one.
	LSCCode *string
}

// Language is an ISO 639-1 language.
type Language struct {
	Code string
	Name string
}

// Jurisdiction is a state, DC, a territory or a federal district.
type Jurisdiction struct {
	Code string
	Name string
	// Kind is "state", "district", "territory" or "federal_district".
	Kind string
	// StateCode is the state of a federal district, nil otherwise.
	StateCode *string
}

// PovertyGuideline is the HHS poverty guideline for one year and region, in cents: BaseCents for a
// household of one, PerPersonCents for each further person.
type PovertyGuideline struct {
	Year           int
	Region         string
	BaseCents      int64
	PerPersonCents int64
}

// Catalog is all reference data, loaded once: it changes only with a migration, which restarts the service.
type Catalog struct {
	PracticeAreas []PracticeArea
	Languages     []Language
	Jurisdictions []Jurisdiction
	guidelines    []PovertyGuideline
	areas         map[string]bool
	languages     map[string]bool
	jurisdictions map[string]Jurisdiction
}

// HasPracticeArea reports whether code is a practice area.
func (c *Catalog) HasPracticeArea(code string) bool { return c.areas[code] }

// HasLanguage reports whether code is an ISO 639-1 language.
func (c *Catalog) HasLanguage(code string) bool { return c.languages[code] }

// HasJurisdiction reports whether code is a jurisdiction.
func (c *Catalog) HasJurisdiction(code string) bool {
	_, ok := c.jurisdictions[code]
	return ok
}

// Eligibility is a household's income measured against the HHS poverty guideline.
type Eligibility struct {
	HouseholdSize  int
	AnnualIncome   int64
	PovertyPercent float64
	GuidelineYear  int
	Region         string
}

// region is the guideline region of a jurisdiction: Alaska and Hawaii have their own; HHS publishes
// none for the territories, where programs use the contiguous-states figures.
func (c *Catalog) region(jurisdiction string) string {
	j := c.jurisdictions[jurisdiction]
	state := j.Code
	if j.StateCode != nil {
		state = *j.StateCode
	}
	switch state {
	case "AK":
		return "alaska"
	case "HI":
		return "hawaii"
	}
	return "contiguous"
}

// Eligibility computes income as a percentage of the newest guideline no later than year, for the
// jurisdiction's region, rounded to one decimal.
func (c *Catalog) Eligibility(jurisdiction string, householdSize int, annualIncome int64, year int) (Eligibility, error) {
	region := c.region(jurisdiction)
	for _, g := range c.guidelines { // newest first
		if g.Region != region || g.Year > year {
			continue
		}
		lineCents := g.BaseCents + g.PerPersonCents*int64(householdSize-1)
		pct := math.Round(float64(annualIncome*100*100)/float64(lineCents)*10) / 10
		return Eligibility{HouseholdSize: householdSize, AnnualIncome: annualIncome, PovertyPercent: pct, GuidelineYear: g.Year, Region: region}, nil
	}
	return Eligibility{}, fmt.Errorf("no poverty guideline for %s in or before %d", region, year)
}

// Store is what the catalog is loaded from; the store provides it.
type Store interface {
	// PracticeAreas lists every practice area, top-level areas first.
	PracticeAreas(ctx context.Context) ([]PracticeArea, error)
	// Languages lists every language by name.
	Languages(ctx context.Context) ([]Language, error)
	// Jurisdictions lists states, DC and territories, then federal districts, each by name.
	Jurisdictions(ctx context.Context) ([]Jurisdiction, error)
	// PovertyGuidelines lists every guideline, newest year first.
	PovertyGuidelines(ctx context.Context) ([]PovertyGuideline, error)
}

// Service hands out the catalog, loading it on first use.
type Service struct {
	db      Store
	mu      sync.Mutex
	catalog *Catalog
}

// NewService returns the reference service.
func NewService(db Store) *Service { return &Service{db: db} }

// Catalog returns the reference data; a failed load is retried on the next call.
func (s *Service) Catalog(ctx context.Context) (*Catalog, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.catalog != nil {
		return s.catalog, nil
	}
	c := &Catalog{areas: map[string]bool{}, languages: map[string]bool{}, jurisdictions: map[string]Jurisdiction{}}
	var err error
	if c.PracticeAreas, err = s.db.PracticeAreas(ctx); err != nil {
		return nil, err
	}
	if c.Languages, err = s.db.Languages(ctx); err != nil {
		return nil, err
	}
	if c.Jurisdictions, err = s.db.Jurisdictions(ctx); err != nil {
		return nil, err
	}
	if c.guidelines, err = s.db.PovertyGuidelines(ctx); err != nil {
		return nil, err
	}
	for _, a := range c.PracticeAreas {
		c.areas[a.Code] = true
	}
	for _, l := range c.Languages {
		c.languages[l.Code] = true
	}
	for _, j := range c.Jurisdictions {
		c.jurisdictions[j.Code] = j
	}
	s.catalog = c
	return c, nil
}
