// Package matching is the matching engine: pure functions over plain structs, with no database and no
// HTTP. This file holds the batch assignment: for many open referrals and attorneys with capacities, the
// assignment that first matches as many referrals as possible and then maximises the total score.
package matching

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// ScoreUnit is the resolution at which scores are compared: 1e-9. Scores are rounded to it before
// solving, so two assignments whose totals differ by less than rounding noise are ties, and the solver
// works in exact int64 arithmetic.
const ScoreUnit = 1e-9

// Batch is one batch assignment problem.
type Batch struct {
	Referrals []BatchReferral `json:"referrals"`
	Attorneys []BatchAttorney `json:"attorneys"`
	Edges     []BatchEdge     `json:"edges"`
}

// BatchReferral is an open referral; each is assigned to at most one attorney.
type BatchReferral struct {
	ID string `json:"id"`
}

// BatchAttorney is an attorney who can take up to Capacity of the batch's referrals.
type BatchAttorney struct {
	ID       string `json:"id"`
	Capacity int    `json:"capacity"`
}

// BatchEdge says the attorney may take the referral, with a score in (0, 1].
type BatchEdge struct {
	Referral string  `json:"referral"`
	Attorney string  `json:"attorney"`
	Score    float64 `json:"score"`
}

// Assignment gives one referral to one attorney.
type Assignment struct {
	Referral string `json:"referral"`
	Attorney string `json:"attorney"`
}

// BatchResult is an optimal assignment, sorted by referral id. TotalScore is the sum of the chosen
// edges' scores after rounding to ScoreUnit.
type BatchResult struct {
	Assignments []Assignment `json:"assignments"`
	Matched     int          `json:"matched"`
	TotalScore  float64      `json:"total_score"`
}

// InvalidBatchError says what is wrong with a batch; Solve and DecodeBatch return it for bad input.
type InvalidBatchError struct {
	Problem string
}

func (e *InvalidBatchError) Error() string { return "invalid batch: " + e.Problem }

func invalid(format string, args ...any) error {
	return &InvalidBatchError{Problem: fmt.Sprintf(format, args...)}
}

// DecodeBatch reads one JSON batch strictly: unknown fields and anything after the object are errors,
// and so is any batch Validate rejects. Every error is an *InvalidBatchError.
func DecodeBatch(r io.Reader) (Batch, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Batch
	if err := dec.Decode(&b); err != nil {
		if errors.Is(err, io.EOF) {
			return Batch{}, invalid("empty input, want a JSON object with referrals, attorneys and edges")
		}
		return Batch{}, invalid("malformed JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Batch{}, invalid("unexpected data after the JSON object")
	}
	return b, b.Validate()
}

// Validate reports the first problem with the batch, naming the referral, attorney or edge: empty or
// duplicate ids, a negative capacity, an edge naming an unknown id, a score outside (0, 1], or two
// edges for the same referral and attorney.
func (b Batch) Validate() error {
	referrals := make(map[string]bool, len(b.Referrals))
	for i, r := range b.Referrals {
		if r.ID == "" {
			return invalid("referrals[%d] has no id", i)
		}
		if referrals[r.ID] {
			return invalid("duplicate referral id %q", r.ID)
		}
		referrals[r.ID] = true
	}
	attorneys := make(map[string]bool, len(b.Attorneys))
	for i, a := range b.Attorneys {
		if a.ID == "" {
			return invalid("attorneys[%d] has no id", i)
		}
		if attorneys[a.ID] {
			return invalid("duplicate attorney id %q", a.ID)
		}
		if a.Capacity < 0 {
			return invalid("attorney %q has negative capacity %d", a.ID, a.Capacity)
		}
		attorneys[a.ID] = true
	}
	seen := make(map[[2]string]bool, len(b.Edges))
	for i, e := range b.Edges {
		if !referrals[e.Referral] {
			return invalid("edges[%d] names unknown referral %q", i, e.Referral)
		}
		if !attorneys[e.Attorney] {
			return invalid("edges[%d] names unknown attorney %q", i, e.Attorney)
		}
		if math.IsNaN(e.Score) || e.Score <= 0 || e.Score > 1 {
			return invalid("edges[%d] (%q, %q) has score %v, want a number in (0, 1]", i, e.Referral, e.Attorney, e.Score)
		}
		key := [2]string{e.Referral, e.Attorney}
		if seen[key] {
			return invalid("edges[%d] duplicates the edge from referral %q to attorney %q", i, e.Referral, e.Attorney)
		}
		seen[key] = true
	}
	return nil
}

// Solve returns an assignment that matches as many referrals as possible and, among those, has the
// greatest total score (scores rounded to ScoreUnit). Ties are broken deterministically: the result
// depends only on the batch's content, not on the order of its lists.
//
// It is an exact min-cost max-flow, source → referral (capacity 1) → attorney (capacity 1, cost
// 1 − score) → sink (the attorney's capacity), by successive shortest paths with Dijkstra on reduced
// costs. Every unit of flow crosses exactly one referral → attorney edge, so among flows of the same
// size the cheapest has the greatest total score, and successive shortest paths end at a maximum flow
// that is the cheapest of its size. Costs are non-negative, so the potentials start at zero.
func Solve(b Batch) (BatchResult, error) {
	if err := b.Validate(); err != nil {
		return BatchResult{}, err
	}
	referrals := make([]string, len(b.Referrals))
	for i, r := range b.Referrals {
		referrals[i] = r.ID
	}
	slices.Sort(referrals)
	attorneys := slices.Clone(b.Attorneys)
	slices.SortFunc(attorneys, func(x, y BatchAttorney) int { return cmp.Compare(x.ID, y.ID) })
	refIndex := make(map[string]int32, len(referrals))
	for i, id := range referrals {
		refIndex[id] = int32(i)
	}
	attIndex := make(map[string]int32, len(attorneys))
	for i, a := range attorneys {
		attIndex[a.ID] = int32(i)
	}
	type edge struct {
		r, a  int32
		units int64
	}
	edges := make([]edge, len(b.Edges))
	for i, e := range b.Edges {
		edges[i] = edge{refIndex[e.Referral], attIndex[e.Attorney], int64(math.Round(e.Score / ScoreUnit))}
	}
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(x.r, y.r), cmp.Compare(x.a, y.a))
	})

	// Nodes: source, referrals, attorneys, sink.
	nr, na := int32(len(referrals)), int32(len(attorneys))
	source, sink := int32(0), nr+na+1
	g := newFlowGraph(int(sink)+1, len(edges)+int(nr+na))
	for r := range nr {
		g.addEdge(source, 1+r, 1, 0)
	}
	edgeIDs := make([]int32, len(edges))
	for i, e := range edges {
		edgeIDs[i] = g.addEdge(1+e.r, 1+nr+e.a, 1, int64(1/ScoreUnit)-e.units)
	}
	for i, a := range attorneys {
		// No attorney can take more than every referral, which also keeps capacities within int32.
		g.addEdge(1+nr+int32(i), sink, int32(min(a.Capacity, int(nr))), 0)
	}
	g.build()
	for g.augment(source, sink) {
	}

	res := BatchResult{Assignments: []Assignment{}}
	var units int64
	for i, e := range edges {
		if g.cap[edgeIDs[i]] == 0 {
			res.Assignments = append(res.Assignments, Assignment{Referral: referrals[e.r], Attorney: attorneys[e.a].ID})
			units += e.units
		}
	}
	res.Matched = len(res.Assignments)
	res.TotalScore = float64(units) * ScoreUnit
	return res, nil
}

// flowGraph is a residual graph: edge i and i^1 are each other's reverse.
type flowGraph struct {
	to, from []int32
	cap      []int32
	cost     []int64
	// adjStart[v]:adjStart[v+1] indexes adj, the edges leaving v.
	adjStart, adj []int32

	pot, dist []int64
	prev      []int32 // edge by which the shortest path reached the node
	done      []bool
	touched   []int32
	queue     distHeap
}

func newFlowGraph(nodes, edges int) *flowGraph {
	return &flowGraph{
		to: make([]int32, 0, 2*edges), from: make([]int32, 0, 2*edges),
		cap: make([]int32, 0, 2*edges), cost: make([]int64, 0, 2*edges),
		pot: make([]int64, nodes), dist: make([]int64, nodes), prev: make([]int32, nodes), done: make([]bool, nodes),
	}
}

func (g *flowGraph) addEdge(u, v, capacity int32, cost int64) int32 {
	id := int32(len(g.to))
	g.to = append(g.to, v, u)
	g.from = append(g.from, u, v)
	g.cap = append(g.cap, capacity, 0)
	g.cost = append(g.cost, cost, -cost)
	return id
}

// build lays the edges out by tail node, keeping their order so the search is deterministic.
func (g *flowGraph) build() {
	n := len(g.pot)
	g.adjStart = make([]int32, n+1)
	for _, u := range g.from {
		g.adjStart[u+1]++
	}
	for v := range n {
		g.adjStart[v+1] += g.adjStart[v]
	}
	g.adj = make([]int32, len(g.from))
	next := slices.Clone(g.adjStart[:n])
	for e, u := range g.from {
		g.adj[next[u]] = int32(e)
		next[u]++
	}
	for v := range g.dist {
		g.dist[v] = math.MaxInt64
	}
}

// augment sends one unit along a cheapest source → sink path in the residual graph and reports whether
// there was one. The search stops when the sink is settled; the potentials of settled nodes move by
// their distance minus the sink's, which keeps every residual reduced cost non-negative (the unsettled
// nodes are, in effect, at the sink's distance, and moving every potential by the same amount changes
// nothing).
func (g *flowGraph) augment(source, sink int32) bool {
	for _, v := range g.touched {
		g.dist[v], g.done[v] = math.MaxInt64, false
	}
	g.touched = g.touched[:0]
	g.queue = g.queue[:0]
	g.dist[source] = 0
	g.touched = append(g.touched, source)
	g.queue.push(distItem{0, source})
	found := false
	for len(g.queue) > 0 {
		it := g.queue.pop()
		u := it.node
		if g.done[u] || it.dist != g.dist[u] {
			continue
		}
		g.done[u] = true
		if u == sink {
			found = true
			break
		}
		for _, e := range g.adj[g.adjStart[u]:g.adjStart[u+1]] {
			if g.cap[e] == 0 {
				continue
			}
			v := g.to[e]
			d := it.dist + g.cost[e] + g.pot[u] - g.pot[v]
			if d < g.dist[v] {
				if g.dist[v] == math.MaxInt64 {
					g.touched = append(g.touched, v)
				}
				g.dist[v] = d
				g.prev[v] = e
				g.queue.push(distItem{d, v})
			}
		}
	}
	if !found {
		return false
	}
	dSink := g.dist[sink]
	for _, v := range g.touched {
		if g.done[v] {
			g.pot[v] += g.dist[v] - dSink
		}
	}
	for v := sink; v != source; v = g.from[g.prev[v]] {
		e := g.prev[v]
		g.cap[e]--
		g.cap[e^1]++
	}
	return true
}

type distItem struct {
	dist int64
	node int32
}

// distHeap is a binary min-heap by distance, then node, so equal-cost paths are chosen the same way
// every run. It is written out rather than using container/heap to avoid boxing every item.
type distHeap []distItem

func (a distItem) less(b distItem) bool {
	return a.dist < b.dist || a.dist == b.dist && a.node < b.node
}

func (h *distHeap) push(it distItem) {
	q := append(*h, it)
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q[i].less(q[p]) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
	*h = q
}

func (h *distHeap) pop() distItem {
	q := *h
	top := q[0]
	n := len(q) - 1
	q[0] = q[n]
	q = q[:n]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < n && q[l].less(q[m]) {
			m = l
		}
		if r := l + 1; r < n && q[r].less(q[m]) {
			m = r
		}
		if m == i {
			break
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
	*h = q
	return top
}
