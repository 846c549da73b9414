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
	_, err := b.index()
	return err
}

// indexedBatch is a valid batch with its ids sorted and its edges as indices into them, sorted by
// referral and then attorney, so that solving depends only on the batch's content.
type indexedBatch struct {
	referrals []string
	attorneys []BatchAttorney
	edges     []indexedEdge
}

type indexedEdge struct {
	r, a  int32
	units int64 // score in ScoreUnits
	input int32 // position in Batch.Edges
}

// index checks the batch and indexes it in one pass over the edges (the slow part of both, on large
// batches).
func (b Batch) index() (indexedBatch, error) {
	var ib indexedBatch
	refIndex := make(map[string]int32, len(b.Referrals)) // position in b.Referrals until ranked below
	for i, r := range b.Referrals {
		if r.ID == "" {
			return ib, invalid("referrals[%d] has no id", i)
		}
		if _, dup := refIndex[r.ID]; dup {
			return ib, invalid("duplicate referral id %q", r.ID)
		}
		refIndex[r.ID] = int32(i)
	}
	attIndex := make(map[string]int32, len(b.Attorneys))
	for i, a := range b.Attorneys {
		if a.ID == "" {
			return ib, invalid("attorneys[%d] has no id", i)
		}
		if _, dup := attIndex[a.ID]; dup {
			return ib, invalid("duplicate attorney id %q", a.ID)
		}
		if a.Capacity < 0 {
			return ib, invalid("attorney %q has negative capacity %d", a.ID, a.Capacity)
		}
		attIndex[a.ID] = int32(i)
	}
	ib.referrals = make([]string, len(b.Referrals))
	for i, r := range b.Referrals {
		ib.referrals[i] = r.ID
	}
	slices.Sort(ib.referrals)
	for i, id := range ib.referrals {
		refIndex[id] = int32(i)
	}
	ib.attorneys = slices.Clone(b.Attorneys)
	slices.SortFunc(ib.attorneys, func(x, y BatchAttorney) int { return cmp.Compare(x.ID, y.ID) })
	for i, a := range ib.attorneys {
		attIndex[a.ID] = int32(i)
	}

	// The first bad edge ends the scan; a duplicate before it is reported instead, as it comes first.
	var bad error
	ib.edges = make([]indexedEdge, 0, len(b.Edges))
	lastRef, r := "", int32(-1) // edges usually come grouped by referral
	for i, e := range b.Edges {
		if e.Referral != lastRef || r < 0 {
			var ok bool
			if r, ok = refIndex[e.Referral]; !ok {
				bad = invalid("edges[%d] names unknown referral %q", i, e.Referral)
				break
			}
			lastRef = e.Referral
		}
		a, ok := attIndex[e.Attorney]
		if !ok {
			bad = invalid("edges[%d] names unknown attorney %q", i, e.Attorney)
			break
		}
		if math.IsNaN(e.Score) || e.Score <= 0 || e.Score > 1 {
			bad = invalid("edges[%d] (%q, %q) has score %v, want a number in (0, 1]", i, e.Referral, e.Attorney, e.Score)
			break
		}
		ib.edges = append(ib.edges, indexedEdge{r: r, a: a, units: int64(math.Round(e.Score / ScoreUnit)), input: int32(i)})
	}
	ib.edges = sortEdges(ib.edges, len(ib.referrals))
	dup := int32(-1)
	for i := 1; i < len(ib.edges); i++ {
		if e, p := ib.edges[i], ib.edges[i-1]; e.r == p.r && e.a == p.a && (dup < 0 || e.input < dup) {
			dup = e.input
		}
	}
	if dup >= 0 {
		e := b.Edges[dup]
		return ib, invalid("edges[%d] duplicates the edge from referral %q to attorney %q", dup, e.Referral, e.Attorney)
	}
	return ib, bad
}

// sortEdges orders edges by referral, attorney and input position: a counting sort by referral (in
// input order), then a sort of each referral's few edges.
func sortEdges(edges []indexedEdge, referrals int) []indexedEdge {
	start := make([]int, referrals+1)
	for _, e := range edges {
		start[e.r+1]++
	}
	for r := range referrals {
		start[r+1] += start[r]
	}
	sorted := make([]indexedEdge, len(edges))
	next := slices.Clone(start[:referrals])
	for _, e := range edges {
		sorted[next[e.r]] = e
		next[e.r]++
	}
	for r := range referrals {
		slices.SortFunc(sorted[start[r]:start[r+1]], func(x, y indexedEdge) int {
			return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.input, y.input))
		})
	}
	return sorted
}

// Solve returns an assignment that matches as many referrals as possible and, among those, has the
// greatest total score (scores rounded to ScoreUnit). Ties are broken deterministically: the result
// depends only on the batch's content, not on the order of its lists.
//
// It is an exact min-cost flow on the graph referral → attorney (capacity 1, cost 1 − score) →
// sink (the attorney's capacity), in which every referral sends one unit: to an attorney, or to the
// sink through an "unmatched" node at a cost greater than any difference in total score that
// matching one referral fewer could buy. The cheapest such flow therefore matches as many referrals
// as possible and, among those assignments, has the greatest total score.
//
// The flow is built by successive shortest paths, one referral at a time (as in the Hungarian
// method): Dijkstra on reduced costs from the referral to the sink, stopping as soon as the sink is
// settled. Each search starts from one referral rather than from a source joined to all of them, so
// it only looks at the part of the graph where attorneys are contended: with spare capacity, that is
// the referral's own edges. After each search the flow is the cheapest that sends one unit from each
// referral handled so far, so the last is the cheapest overall.
func Solve(b Batch) (BatchResult, error) {
	ib, err := b.index()
	if err != nil {
		return BatchResult{}, err
	}
	referrals, attorneys, edges := ib.referrals, ib.attorneys, ib.edges

	// Nodes: referrals, attorneys, the unmatched node, the sink. An edge costs one unit of score at
	// most, so the score of any assignment lies in [0, nr·unit]; leaving a referral unmatched costs
	// more than that, which puts the number matched first. No potential falls below minus the cost of
	// a residual path to the sink, about 3·nr·unit at most: far inside int64 for any batch that fits
	// in memory.
	nr, na := int32(len(referrals)), int32(len(attorneys))
	unmatched, sink := nr+na, nr+na+1
	unit := int64(1 / ScoreUnit)
	unmatchedCost := (int64(nr) + 1) * unit
	g := newFlowGraph(int(sink)+1, len(edges)+int(nr+na+1))
	edgeIDs := make([]int32, len(edges))
	for i, e := range edges {
		edgeIDs[i] = g.addEdge(e.r, nr+e.a, 1, unit-e.units)
	}
	for r := range nr {
		g.addEdge(r, unmatched, 1, unmatchedCost)
	}
	for i, a := range attorneys {
		// No attorney can take more than every referral, which also keeps capacities within int32.
		g.addEdge(nr+int32(i), sink, int32(min(a.Capacity, int(nr))), 0)
	}
	g.addEdge(unmatched, sink, nr, 0)
	g.build(sink)
	for r := range nr {
		g.augment(r, sink)
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
	res.TotalScore = float64(units) / (1 / ScoreUnit) // the nearest float64 to the decimal total
	return res, nil
}

// flowGraph is a residual graph: edge i and i^1 are each other's reverse.
type flowGraph struct {
	to, from []int32
	cap      []int32
	cost     []int64
	// adjStart[v]:adjStart[v+1] indexes adj, the edges leaving v.
	adjStart, adj []int32
	toSink        []int32 // an edge from the node to the sink, or -1

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

// build lays the edges out by tail node, keeping their order so the search is deterministic, and
// notes each node's edge to the sink.
func (g *flowGraph) build(sink int32) {
	n := len(g.pot)
	g.toSink = make([]int32, n)
	for v := range g.toSink {
		g.toSink[v] = -1
	}
	for e, v := range g.to {
		if v == sink && g.toSink[g.from[e]] < 0 {
			g.toSink[g.from[e]] = int32(e)
		}
	}
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

// augment sends one unit along a cheapest source → sink path in the residual graph, by Dijkstra on
// costs reduced by the potentials; there must be such a path. Reaching a node with room to the sink
// reaches the sink too, and the search stops as soon as no node left is nearer than the sink: with
// many paths of equal cost (equal scores), that is long before every node at the sink's distance has
// been visited. The potentials of settled nodes then move by their distance minus the sink's, which
// keeps every residual reduced cost non-negative (the unsettled nodes are, in effect, at the sink's
// distance, and moving every potential by the same amount changes nothing). Potentials only ever
// decrease, so the edges of a node no search has reached yet keep non-negative reduced costs too.
func (g *flowGraph) augment(source, sink int32) {
	for _, v := range g.touched {
		g.dist[v], g.done[v] = math.MaxInt64, false
	}
	g.touched = append(g.touched[:0], source, sink)
	g.queue = g.queue[:0]
	g.dist[source] = 0
	g.queue.push(distItem{0, source})
	for {
		it := g.queue.pop()
		u := it.node
		if g.done[u] || it.dist != g.dist[u] {
			continue
		}
		if it.dist >= g.dist[sink] {
			break
		}
		g.done[u] = true
		for _, e := range g.adj[g.adjStart[u]:g.adjStart[u+1]] {
			if g.cap[e] == 0 {
				continue
			}
			v := g.to[e]
			d := it.dist + g.cost[e] + g.pot[u] - g.pot[v]
			if d >= g.dist[v] || d >= g.dist[sink] { // a node as far as the sink is never settled
				continue
			}
			if g.dist[v] == math.MaxInt64 {
				g.touched = append(g.touched, v)
			}
			g.dist[v] = d
			g.prev[v] = e
			g.queue.push(distItem{d, v})
			if s := g.toSink[v]; s >= 0 && g.cap[s] > 0 {
				if ds := d + g.cost[s] + g.pot[v] - g.pot[sink]; ds < g.dist[sink] {
					g.dist[sink] = ds
					g.prev[sink] = s
				}
			}
		}
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
