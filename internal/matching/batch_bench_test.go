package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchBatch builds referrals × attorneys with edgesPer distinct random edges per referral and
// capacities of 1 to 3.
func benchBatch(referrals, attorneys, edgesPer int) Batch {
	rng := rand.New(rand.NewPCG(42, 42))
	var b Batch
	for i := range referrals {
		b.Referrals = append(b.Referrals, BatchReferral{ID: fmt.Sprintf("r%05d", i)})
	}
	for j := range attorneys {
		b.Attorneys = append(b.Attorneys, BatchAttorney{ID: fmt.Sprintf("a%05d", j), Capacity: 1 + rng.IntN(3)})
	}
	for _, r := range b.Referrals {
		seen := map[int]bool{}
		for len(seen) < edgesPer {
			j := rng.IntN(attorneys)
			if seen[j] {
				continue
			}
			seen[j] = true
			b.Edges = append(b.Edges, BatchEdge{Referral: r.ID, Attorney: b.Attorneys[j].ID, Score: 1 - rng.Float64()})
		}
	}
	return b
}

// benchSizes are referrals × attorneys × edges per referral: few attorneys, whose capacity runs out
// (about half the referrals stay unmatched), and many, most of them with room.
var benchSizes = []benchSize{{2000, 500, 20}, {2000, 20000, 50}}

type benchSize struct{ referrals, attorneys, edgesPer int }

func (s benchSize) String() string {
	return fmt.Sprintf("%dx%dx%d", s.referrals, s.attorneys, s.edgesPer)
}

func BenchmarkSolve(b *testing.B) {
	for _, size := range benchSizes {
		batch := benchBatch(size.referrals, size.attorneys, size.edgesPer)
		b.Run(size.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(batch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
