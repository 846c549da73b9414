package matching

import (
	"cmp"
	"slices"
)

// Evaluate assesses one attorney for the referral: every constraint they fail, with a sentence each
// (none: eligible), and their scores, which are computed for an ineligible attorney too.
func Evaluate(r Referral, a Attorney, c Context, w Weights) Evaluation {
	s := newSubject(&r, &a, &c, estimateOf(&r))
	shares := w.shares()
	ev := Evaluation{Candidate: s.candidate(&w, &shares)}
	for _, k := range Constraints {
		if !s.passes(k) {
			ev.Failures = append(ev.Failures, Failure{Constraint: k, Why: s.failureWhy(k)})
		}
	}
	return ev
}

// Rank is the eligible attorneys, best first: by score, then by attorney id so equal scores come in
// a stable order. With limit > 0 it keeps only the best limit, in a bounded heap. It allocates the
// result and the Excluded map, and nothing per attorney.
func Rank(r Referral, as []Attorney, c Context, w Weights, limit int) Ranking {
	shares := w.shares()
	hours := estimateOf(&r)
	rk := Ranking{Excluded: map[Constraint]int{}}
	var top candidateHeap
	if limit > 0 {
		top = make(candidateHeap, 0, min(limit, len(as)))
	}
	for i := range as {
		s := newSubject(&r, &as[i], &c, hours)
		if k, failed := s.firstFailure(); failed {
			rk.Excluded[k]++
			continue
		}
		rk.Eligible++
		values := s.values()
		sc := score(&values, &shares)
		if limit <= 0 {
			rk.Candidates = append(rk.Candidates, s.candidateOf(&w, &values, sc))
			continue
		}
		if len(top) < limit {
			top.push(s.candidateOf(&w, &values, sc))
		} else if worse(&top[0], sc, s.a.ID) {
			top[0] = s.candidateOf(&w, &values, sc)
			top.down(0)
		}
	}
	if limit > 0 {
		rk.Candidates = top
	}
	if rk.Candidates == nil {
		rk.Candidates = []Candidate{}
	}
	slices.SortFunc(rk.Candidates, func(x, y Candidate) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		return cmp.Compare(x.AttorneyID, y.AttorneyID)
	})
	return rk
}

func (s *subject) candidate(w *Weights, shares *[factorCount]float64) Candidate {
	values := s.values()
	return s.candidateOf(w, &values, score(&values, shares))
}

func (s *subject) candidateOf(w *Weights, values *[factorCount]float64, score float64) Candidate {
	c := Candidate{AttorneyID: s.a.ID, FirmID: s.a.FirmID, Score: score, Mentored: s.mentored}
	weights := w.array()
	for i, v := range values {
		c.Factors[i] = Factor{Name: factorNames[i], Weight: weights[i], Value: v}
	}
	return c
}

// worse reports whether x ranks below a candidate with the given score and attorney id.
func worse(x *Candidate, score float64, id string) bool {
	if x.Score != score {
		return x.Score < score
	}
	return x.AttorneyID > id
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
