package matching

import (
	"errors"
	"math"
	"testing"
)

func TestDefaultWeightsAreValid(t *testing.T) {
	if err := DefaultWeights().Validate(); err != nil {
		t.Fatal(err)
	}
	want := Weights{Experience: 3, Availability: 2, Capacity: 2, Goal: 1, Partnership: 1, Language: 1, Fairness: 2, Urgency: 1}
	if DefaultWeights() != want {
		t.Fatalf("defaults %+v, want matching_settings' %+v", DefaultWeights(), want)
	}
}

func TestWeightsValidate(t *testing.T) {
	tests := []struct {
		name  string
		w     Weights
		field string // "" with ok false: the error names no field
		ok    bool
	}{
		{"one weight", Weights{Fairness: 1}, "", true},
		{"bounds", Weights{Experience: 0, Availability: MaxWeight}, "", true},
		{"all zero", Weights{}, "", false},
		{"negative", Weights{Experience: 1, Goal: -1}, "goal", false},
		{"too big", Weights{Urgency: MaxWeight + 1}, "urgency", false},
		{"not a number", Weights{Experience: 1, Partnership: math.NaN()}, "partnership", false},
		{"infinite", Weights{Language: math.Inf(1)}, "language", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.w.Validate()
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var we *InvalidWeightsError
			if !errors.As(err, &we) {
				t.Fatalf("error %v, want *InvalidWeightsError", err)
			}
			if we.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", we.Field, tt.field, err)
			}
		})
	}
}
