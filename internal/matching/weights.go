package matching

import (
	"fmt"
	"math"
)

// Weights weigh the scores; a candidate's score is the weighted mean of its factors' values. Platform
// admins tune them (matching_settings.weights, whose JSON names these tags are).
type Weights struct {
	Experience   float64 `json:"experience"`
	Availability float64 `json:"availability"`
	Capacity     float64 `json:"capacity"`
	Goal         float64 `json:"goal"`
	Partnership  float64 `json:"partnership"`
	Language     float64 `json:"language"`
	Fairness     float64 `json:"fairness"`
	Urgency      float64 `json:"urgency"`
}

// The factors' names, equal to the weights' JSON names, in the order of Candidate.Factors.
const (
	FactorExperience   = "experience"
	FactorAvailability = "availability"
	FactorCapacity     = "capacity"
	FactorGoal         = "goal"
	FactorPartnership  = "partnership"
	FactorLanguage     = "language"
	FactorFairness     = "fairness"
	FactorUrgency      = "urgency"
)

const factorCount = 8

var factorNames = [factorCount]string{
	FactorExperience, FactorAvailability, FactorCapacity, FactorGoal,
	FactorPartnership, FactorLanguage, FactorFairness, FactorUrgency,
}

// MaxWeight is the largest weight Validate accepts.
const MaxWeight = 100

// DefaultWeights are the weights matching_settings starts with.
func DefaultWeights() Weights {
	return Weights{Experience: 3, Availability: 2, Capacity: 2, Goal: 1, Partnership: 1, Language: 1, Fairness: 2, Urgency: 1}
}

// InvalidWeightsError names the weight that is wrong (its JSON name), or "" when every weight is
// zero, and says why.
type InvalidWeightsError struct {
	Field   string
	Problem string
}

func (e *InvalidWeightsError) Error() string {
	if e.Field == "" {
		return "invalid weights: " + e.Problem
	}
	return "invalid weight " + e.Field + ": " + e.Problem
}

// Validate checks that each weight is in [0, MaxWeight] and that at least one is above zero, so the
// weighted mean is defined. It returns an *InvalidWeightsError for the first weight that is wrong.
func (w Weights) Validate() error {
	values := w.array()
	for i, v := range values {
		if math.IsNaN(v) || v < 0 || v > MaxWeight {
			return &InvalidWeightsError{Field: factorNames[i], Problem: fmt.Sprintf("must be between 0 and %d", MaxWeight)}
		}
	}
	for _, v := range values {
		if v > 0 {
			return nil
		}
	}
	return &InvalidWeightsError{Problem: "at least one weight must be above 0"}
}

func (w Weights) array() [factorCount]float64 {
	return [factorCount]float64{w.Experience, w.Availability, w.Capacity, w.Goal, w.Partnership, w.Language, w.Fairness, w.Urgency}
}

// shares are the weights divided by their sum. Multiplying by a share rather than dividing the
// weighted sum keeps a lone non-zero weight exact: its share is 1, so the score is that factor's value.
func (w Weights) shares() [factorCount]float64 {
	values := w.array()
	var total float64
	for _, v := range values {
		total += v
	}
	var s [factorCount]float64
	if total <= 0 || math.IsNaN(total) {
		return s
	}
	for i, v := range values {
		s[i] = v / total
	}
	return s
}
