package matching

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func refs(ids ...string) []BatchReferral {
	out := make([]BatchReferral, len(ids))
	for i, id := range ids {
		out[i] = BatchReferral{ID: id}
	}
	return out
}

func TestSolveHandCases(t *testing.T) {
	tests := []struct {
		name    string
		batch   Batch
		want    []Assignment
		matched int
		total   float64
	}{
		{
			name: "example",
			batch: Batch{Referrals: refs("r1"), Attorneys: []BatchAttorney{{"a1", 2}},
				Edges: []BatchEdge{{"r1", "a1", 0.8}}},
			want: []Assignment{{"r1", "a1"}}, matched: 1, total: 0.8,
		},
		{
			// Greedy by score gives r1 to a1 (0.9) and leaves r2 unmatched.
			name: "greedy best edge loses a referral",
			batch: Batch{Referrals: refs("r1", "r2"), Attorneys: []BatchAttorney{{"a1", 1}, {"a2", 1}},
				Edges: []BatchEdge{{"r1", "a1", 0.9}, {"r1", "a2", 0.1}, {"r2", "a1", 0.2}}},
			want: []Assignment{{"r1", "a2"}, {"r2", "a1"}}, matched: 2, total: 0.3,
		},
		{
			// Both matchings have two referrals; greedy takes 0.9 + 0.1, the optimum is 0.8 + 0.8.
			name: "greedy best edge loses score",
			batch: Batch{Referrals: refs("r1", "r2"), Attorneys: []BatchAttorney{{"a1", 1}, {"a2", 1}},
				Edges: []BatchEdge{{"r1", "a1", 0.9}, {"r1", "a2", 0.8}, {"r2", "a1", 0.8}, {"r2", "a2", 0.1}}},
			want: []Assignment{{"r1", "a2"}, {"r2", "a1"}}, matched: 2, total: 1.6,
		},
		{
			name: "capacity above one",
			batch: Batch{Referrals: refs("r1", "r2", "r3"), Attorneys: []BatchAttorney{{"a1", 2}, {"a2", 1}},
				Edges: []BatchEdge{{"r1", "a1", 0.5}, {"r2", "a1", 0.6}, {"r3", "a1", 0.7}, {"r3", "a2", 0.2}}},
			want: []Assignment{{"r1", "a1"}, {"r2", "a1"}, {"r3", "a2"}}, matched: 3, total: 1.3,
		},
		{
			name: "unmatched referral and zero capacity",
			batch: Batch{Referrals: refs("r1", "r2", "r3"), Attorneys: []BatchAttorney{{"a1", 1}, {"a2", 0}},
				Edges: []BatchEdge{{"r1", "a1", 0.3}, {"r2", "a1", 0.4}, {"r1", "a2", 1}}},
			want: []Assignment{{"r2", "a1"}}, matched: 1, total: 0.4,
		},
		{
			// A higher score on one referral does not beat matching one more referral.
			name: "cardinality before score",
			batch: Batch{Referrals: refs("r1", "r2"), Attorneys: []BatchAttorney{{"a1", 1}, {"a2", 1}},
				Edges: []BatchEdge{{"r1", "a1", 1}, {"r2", "a1", 0.000001}, {"r2", "a2", 0.000001}, {"r1", "a2", 0.000001}}},
			want: []Assignment{{"r1", "a1"}, {"r2", "a2"}}, matched: 2, total: 1.000001,
		},
		{
			// z, handled last, can only be matched if each of r1 … r5 leaves its best attorney:
			// one more referral matched outweighs the five best scores.
			name: "cardinality before score along a long chain",
			batch: Batch{Referrals: refs("r1", "r2", "r3", "r4", "r5", "z"),
				Attorneys: []BatchAttorney{{"a1", 1}, {"a2", 1}, {"a3", 1}, {"a4", 1}, {"a5", 1}, {"a6", 1}},
				Edges: []BatchEdge{{"z", "a1", 0.01},
					{"r1", "a1", 1}, {"r1", "a2", 0.01}, {"r2", "a2", 1}, {"r2", "a3", 0.01}, {"r3", "a3", 1},
					{"r3", "a4", 0.01}, {"r4", "a4", 1}, {"r4", "a5", 0.01}, {"r5", "a5", 1}, {"r5", "a6", 0.01}}},
			want:    []Assignment{{"r1", "a2"}, {"r2", "a3"}, {"r3", "a4"}, {"r4", "a5"}, {"r5", "a6"}, {"z", "a1"}},
			matched: 6, total: 0.06,
		},
		{
			name: "tie broken the same way whatever the input order",
			batch: Batch{Referrals: refs("r2", "r1"), Attorneys: []BatchAttorney{{"a2", 1}, {"a1", 1}},
				Edges: []BatchEdge{{"r2", "a2", 0.5}, {"r1", "a1", 0.5}, {"r2", "a1", 0.5}, {"r1", "a2", 0.5}}},
			want: []Assignment{{"r1", "a1"}, {"r2", "a2"}}, matched: 2, total: 1,
		},
		{
			name:  "empty",
			batch: Batch{},
			want:  []Assignment{}, matched: 0, total: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Solve(tt.batch)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got.Assignments) != fmt.Sprint(tt.want) || got.Matched != tt.matched || math.Abs(got.TotalScore-tt.total) > 1e-12 {
				t.Errorf("got %+v, want %v matched %d total %v", got, tt.want, tt.matched, tt.total)
			}
		})
	}
}

func TestSolveTieIndependentOfOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		b := randomBatch(rng, 6, 4, 3)
		want, err := Solve(b)
		if err != nil {
			t.Fatal(err)
		}
		rng.Shuffle(len(b.Referrals), func(i, j int) { b.Referrals[i], b.Referrals[j] = b.Referrals[j], b.Referrals[i] })
		rng.Shuffle(len(b.Attorneys), func(i, j int) { b.Attorneys[i], b.Attorneys[j] = b.Attorneys[j], b.Attorneys[i] })
		rng.Shuffle(len(b.Edges), func(i, j int) { b.Edges[i], b.Edges[j] = b.Edges[j], b.Edges[i] })
		got, err := Solve(b)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("instance %d: shuffled input gave %+v, want %+v", i, got, want)
		}
	}
}

func TestSolveInvalid(t *testing.T) {
	ok := func() Batch {
		return Batch{Referrals: refs("r1"), Attorneys: []BatchAttorney{{"a1", 1}}, Edges: []BatchEdge{{"r1", "a1", 0.5}}}
	}
	tests := []struct {
		name   string
		change func(*Batch)
		want   string
	}{
		{"unknown referral", func(b *Batch) { b.Edges[0].Referral = "r9" }, `edges[0] names unknown referral "r9"`},
		{"unknown attorney", func(b *Batch) { b.Edges[0].Attorney = "a9" }, `edges[0] names unknown attorney "a9"`},
		{"duplicate referral", func(b *Batch) { b.Referrals = refs("r1", "r1") }, `duplicate referral id "r1"`},
		{"duplicate attorney", func(b *Batch) { b.Attorneys = append(b.Attorneys, BatchAttorney{"a1", 2}) }, `duplicate attorney id "a1"`},
		{"empty referral id", func(b *Batch) { b.Referrals = refs("r1", "") }, `referrals[1] has no id`},
		{"empty attorney id", func(b *Batch) { b.Attorneys[0].ID = "" }, `attorneys[0] has no id`},
		{"negative capacity", func(b *Batch) { b.Attorneys[0].Capacity = -1 }, `attorney "a1" has negative capacity -1`},
		{"zero score", func(b *Batch) { b.Edges[0].Score = 0 }, `edges[0] ("r1", "a1") has score 0`},
		{"score above one", func(b *Batch) { b.Edges[0].Score = 1.5 }, `has score 1.5`},
		{"NaN score", func(b *Batch) { b.Edges[0].Score = math.NaN() }, `has score NaN`},
		{"duplicate edge", func(b *Batch) { b.Edges = append(b.Edges, BatchEdge{"r1", "a1", 0.4}) }, `edges[1] duplicates the edge from referral "r1" to attorney "a1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ok()
			tt.change(&b)
			_, err := Solve(b)
			var ie *InvalidBatchError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an InvalidBatchError containing %q", err, tt.want)
			}
		})
	}
}

// randomBatch draws a small instance; scores come from a short list so that ties are common.
func randomBatch(rng *rand.Rand, maxRefs, maxAtts, maxCap int) Batch {
	scores := []float64{0.1, 0.2, 0.25, 0.5, 0.7, 1, 0.3333333333}
	var b Batch
	nr, na := rng.IntN(maxRefs+1), rng.IntN(maxAtts+1)
	for i := range nr {
		b.Referrals = append(b.Referrals, BatchReferral{ID: fmt.Sprintf("r%d", i)})
	}
	for j := range na {
		b.Attorneys = append(b.Attorneys, BatchAttorney{ID: fmt.Sprintf("a%d", j), Capacity: rng.IntN(maxCap + 1)})
	}
	density := rng.Float64()
	for i := range nr {
		for j := range na {
			if rng.Float64() < density {
				score := scores[rng.IntN(len(scores))]
				if rng.IntN(3) == 0 {
					score = 1 - rng.Float64() // in (0, 1]
				}
				b.Edges = append(b.Edges, BatchEdge{Referral: b.Referrals[i].ID, Attorney: b.Attorneys[j].ID, Score: score})
			}
		}
	}
	return b
}

func units(score float64) int64 { return int64(math.Round(score / ScoreUnit)) }

// bruteForce enumerates every feasible assignment and returns the best (matched, total units).
func bruteForce(b Batch) (int, int64) {
	byRef := map[string][]BatchEdge{}
	for _, e := range b.Edges {
		byRef[e.Referral] = append(byRef[e.Referral], e)
	}
	left := map[string]int{}
	for _, a := range b.Attorneys {
		left[a.ID] = a.Capacity
	}
	bestM, bestU := 0, int64(0)
	var walk func(i, m int, u int64)
	walk = func(i, m int, u int64) {
		if i == len(b.Referrals) {
			if m > bestM || m == bestM && u > bestU {
				bestM, bestU = m, u
			}
			return
		}
		walk(i+1, m, u)
		for _, e := range byRef[b.Referrals[i].ID] {
			if left[e.Attorney] > 0 {
				left[e.Attorney]--
				walk(i+1, m+1, u+units(e.Score))
				left[e.Attorney]++
			}
		}
	}
	walk(0, 0, 0)
	return bestM, bestU
}

// checkFeasible verifies a result against its batch and returns its total in units.
func checkFeasible(t *testing.T, b Batch, res BatchResult) int64 {
	t.Helper()
	score := map[[2]string]float64{}
	for _, e := range b.Edges {
		score[[2]string{e.Referral, e.Attorney}] = e.Score
	}
	load := map[string]int{}
	matched := map[string]bool{}
	var total int64
	for _, a := range res.Assignments {
		s, ok := score[[2]string{a.Referral, a.Attorney}]
		if !ok {
			t.Fatalf("assignment %v is not an edge", a)
		}
		if matched[a.Referral] {
			t.Fatalf("referral %s assigned twice", a.Referral)
		}
		matched[a.Referral] = true
		load[a.Attorney]++
		total += units(s)
	}
	for _, a := range b.Attorneys {
		if load[a.ID] > a.Capacity {
			t.Fatalf("attorney %s has %d referrals, capacity %d", a.ID, load[a.ID], a.Capacity)
		}
	}
	if res.Matched != len(res.Assignments) {
		t.Fatalf("matched %d but %d assignments", res.Matched, len(res.Assignments))
	}
	if got := units(res.TotalScore); got != total {
		t.Fatalf("total_score %v, assignments sum to %d units", res.TotalScore, total)
	}
	return total
}

func TestSolveAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		b := randomBatch(rng, 7, 4, 3)
		res, err := Solve(b)
		if err != nil {
			t.Fatal(err)
		}
		total := checkFeasible(t, b, res)
		wantM, wantU := bruteForce(b)
		if res.Matched != wantM || total != wantU {
			t.Fatalf("instance %d %+v: solver matched %d with %d units, brute force %d with %d", i, b, res.Matched, total, wantM, wantU)
		}
	}
}

// checkOptimal proves a result optimal on instances too large for brute force, from the residual
// graph of its flow (source → referral → attorney → sink, an edge costing minus its score): the
// matching is of maximum size when the residual graph has no source → sink path, and of greatest
// score for its size when it has no negative cycle (Bellman-Ford).
func checkOptimal(t *testing.T, b Batch, res BatchResult) {
	t.Helper()
	type arc struct {
		from, to int
		cost     int64
	}
	node := map[string]int{}
	for _, r := range b.Referrals {
		node["r"+r.ID] = len(node) + 2 // 0 is the source, 1 the sink
	}
	for _, a := range b.Attorneys {
		node["a"+a.ID] = len(node) + 2
	}
	used := map[[2]string]bool{}
	matched := map[string]bool{}
	load := map[string]int{}
	for _, a := range res.Assignments {
		used[[2]string{a.Referral, a.Attorney}] = true
		matched[a.Referral] = true
		load[a.Attorney]++
	}
	var arcs []arc
	for _, r := range b.Referrals {
		if matched[r.ID] {
			arcs = append(arcs, arc{node["r"+r.ID], 0, 0})
		} else {
			arcs = append(arcs, arc{0, node["r"+r.ID], 0})
		}
	}
	for _, e := range b.Edges {
		r, a := node["r"+e.Referral], node["a"+e.Attorney]
		if used[[2]string{e.Referral, e.Attorney}] {
			arcs = append(arcs, arc{a, r, units(e.Score)})
		} else {
			arcs = append(arcs, arc{r, a, -units(e.Score)})
		}
	}
	for _, a := range b.Attorneys {
		if load[a.ID] < a.Capacity {
			arcs = append(arcs, arc{node["a"+a.ID], 1, 0})
		}
		if load[a.ID] > 0 {
			arcs = append(arcs, arc{1, node["a"+a.ID], 0})
		}
	}
	n := len(node) + 2

	reached := make([]bool, n)
	reached[0] = true
	for changed := true; changed; {
		changed = false
		for _, a := range arcs {
			if reached[a.from] && !reached[a.to] {
				reached[a.to], changed = true, true
			}
		}
	}
	if reached[1] {
		t.Fatalf("%+v: %d matched, but an augmenting path remains", b, res.Matched)
	}

	dist := make([]int64, n) // from a virtual node joined to every node at cost 0
	for i := range n {
		changed := false
		for _, a := range arcs {
			if d := dist[a.from] + a.cost; d < dist[a.to] {
				dist[a.to], changed = d, true
			}
		}
		if !changed {
			return
		}
		if i == n-1 {
			t.Fatalf("%+v: total %v, but a negative cycle remains (a better assignment of the same size)", b, res.TotalScore)
		}
	}
}

func TestSolveOptimalOnLargerInstances(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 400 {
		// From scarce attorneys (many referrals left unmatched) to plenty of spare capacity.
		b := randomBatch(rng, 40, 1+rng.IntN(40), 1+rng.IntN(4))
		res, err := Solve(b)
		if err != nil {
			t.Fatal(err)
		}
		checkFeasible(t, b, res)
		checkOptimal(t, b, res)
	}
}
