package matching

import (
	"cmp"
	"slices"
)

// Evaluate assesses one attorney for the referral: every constraint they fail, with a sentence each
// (none: eligible), and their scores, which are computed for an ineligible attorney too.
func Evaluate(r Referral, a Attorney, c Context, w Weights) Evaluation {
	job := newAssessment(&r, &c)
	s := job.subject(&a)
	sc := scoring{shares: w.shares(), weights: w.array()}
	values := s.values()
	ev := Evaluation{Candidate: sc.candidate(&a, &values, score(&values, &sc.shares), s.mentored)}
	for _, k := range Constraints {
		if !s.passes(k) {
			ev.Failures = append(ev.Failures, Failure{Constraint: k, Why: s.failureWhy(k)})
		}
	}
	return ev
}

// Rank is the eligible attorneys, best first: by score, then by attorney id so equal scores come in
// a stable order. With limit > 0 it keeps only the best limit, in a bounded heap. It allocates the
// result, the Excluded map and, without a limit, the sort's working slices: nothing per attorney.
func Rank(r Referral, as []Attorney, c Context, w Weights, limit int) Ranking {
	var seen counts
	job := newAssessment(&r, &c)
	sc := scoring{shares: w.shares(), weights: w.array()}
	var out Ranking
	if limit > 0 {
		out.Candidates = rankTop(&job, as, &sc, &seen, limit)
	} else {
		out.Candidates = rankAll(&job, as, &sc, &seen)
	}
	out.Eligible, out.Excluded = seen.eligible, map[Constraint]int{}
	for i, n := range seen.excluded {
		if n > 0 {
			out.Excluded[Constraints[i]] = n
		}
	}
	return out
}

// scoring is the weights as candidates carry them and as the score uses them.
type scoring struct {
	shares, weights [factorCount]float64
}

func (sc *scoring) candidate(a *Attorney, values *[factorCount]float64, score float64, mentored bool) Candidate {
	c := Candidate{AttorneyID: a.ID, FirmID: a.FirmID, Score: score, Mentored: mentored}
	for i, v := range values {
		c.Factors[i] = Factor{Name: factorNames[i], Weight: sc.weights[i], Value: v}
	}
	return c
}

// counts counts the attorneys a ranking saw: eligible, and excluded by the position in Constraints of
// their first failed constraint (an array: a map update per attorney would cost more than the check).
type counts struct {
	eligible int
	excluded [len(Constraints)]int
}

// eligible is the attorney's subject when they pass every constraint; otherwise it counts their first
// failed constraint.
func (job *assessment) eligible(a *Attorney, n *counts) (subject, bool) {
	s := job.subject(a)
	if i, failed := s.firstFailure(); failed {
		n.excluded[i]++
		return s, false
	}
	n.eligible++
	return s, true
}

func rankTop(job *assessment, as []Attorney, sc *scoring, n *counts, limit int) []Candidate {
	top := make(candidateHeap, 0, min(limit, len(as)))
	for i := range as {
		s, ok := job.eligible(&as[i], n)
		if !ok {
			continue
		}
		values := s.values()
		score := score(&values, &sc.shares)
		switch {
		case len(top) < limit:
			top.push(sc.candidate(s.a, &values, score, s.mentored))
		case worse(&top[0], score, s.a.ID):
			top[0] = sc.candidate(s.a, &values, score, s.mentored)
			top.down(0)
		}
	}
	slices.SortFunc(top, func(x, y Candidate) int { return order(x.Score, x.AttorneyID, y.Score, y.AttorneyID) })
	return top
}

// rankAll sorts every eligible attorney. It sorts small entries rather than Candidates, which are
// ten times their size, breaks most ties on the ids' first bytes without reading the strings, and
// builds each Candidate once, in its place.
func rankAll(job *assessment, as []Attorney, sc *scoring, n *counts) []Candidate {
	type entry struct {
		score    float64
		idPrefix uint64 // the id's first 8 bytes, big-endian, so it orders as the id does
		attorney int32
		valuesAt int32
		mentored bool
	}
	var entries []entry
	var values [][factorCount]float64
	for i := range as {
		s, ok := job.eligible(&as[i], n)
		if !ok {
			continue
		}
		v := s.values()
		entries = append(entries, entry{score: score(&v, &sc.shares), idPrefix: idPrefix(as[i].ID),
			attorney: int32(i), valuesAt: int32(len(values)), mentored: s.mentored})
		values = append(values, v)
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := cmp.Compare(x.idPrefix, y.idPrefix); c != 0 {
			return c
		}
		return cmp.Compare(as[x.attorney].ID, as[y.attorney].ID)
	})
	out := make([]Candidate, len(entries))
	for k := range entries {
		e := &entries[k]
		out[k] = sc.candidate(&as[e.attorney], &values[e.valuesAt], e.score, e.mentored)
	}
	return out
}

// idPrefix packs the first 8 bytes of id, padded with zeros, so that comparing two prefixes orders
// the ids as comparing the strings would, up to their first 8 bytes.
func idPrefix(id string) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(id) {
			p |= uint64(id[i])
		}
	}
	return p
}

// order compares two candidates by their rank: higher score first, then lower attorney id.
func order(scoreX float64, idX string, scoreY float64, idY string) int {
	if c := cmp.Compare(scoreY, scoreX); c != 0 {
		return c
	}
	return cmp.Compare(idX, idY)
}

// worse reports whether x ranks below a candidate with the given score and attorney id.
func worse(x *Candidate, score float64, id string) bool {
	return order(x.Score, x.AttorneyID, score, id) > 0
}

// candidateHeap is a min-heap of the best candidates so far: the root is the worst of them, the one a
// better candidate replaces. Hand-written rather than container/heap, whose interface would box every
// pushed Candidate.
type candidateHeap []Candidate

func (h *candidateHeap) push(c Candidate) {
	*h = append(*h, c)
	for i := len(*h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !worse(&(*h)[i], (*h)[parent].Score, (*h)[parent].AttorneyID) {
			break
		}
		(*h)[i], (*h)[parent] = (*h)[parent], (*h)[i]
		i = parent
	}
}

func (h candidateHeap) down(i int) {
	for {
		least := i
		for _, child := range [2]int{2*i + 1, 2*i + 2} {
			if child < len(h) && worse(&h[child], h[least].Score, h[least].AttorneyID) {
				least = child
			}
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}
