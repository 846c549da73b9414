package matching

import "strings"

// defaultEstimate is the hours the engine assumes for a referral with no estimate.
const defaultEstimate = 10

// subject is one attorney assessed for one referral: what the constraints, scores and sentences
// share, computed once. It holds no text, so ranking allocates none.
type subject struct {
	r     *Referral
	a     *Attorney
	c     *Context
	k     *clock
	hours float64 // the referral's estimate

	// Set by fitArea: the attorney's experience in the sub-area or the area, whichever is higher;
	// whether they would take the referral as a learner under a mentor of their firm; whether they
	// pass the practice area constraint.
	experience Experience
	mentored   bool
	areaOK     bool
	areaDone   bool

	avail availability
	timed bool // avail is computed
}

// assessment is the referral's side of every subject, worked out once per ranking.
type assessment struct {
	r     *Referral
	c     *Context
	hours float64
	clock clock
}

// newAssessment may fill in r's Area, so r is the engine's own copy of the caller's referral.
func newAssessment(r *Referral, c *Context) assessment {
	if r.Area == "" {
		r.Area, _, _ = strings.Cut(r.PracticeArea, ".")
	}
	hours := r.EstimatedHours
	if hours <= 0 {
		hours = defaultEstimate
	}
	return assessment{r: r, c: c, hours: hours, clock: newClock(r, c.Now)}
}

func (as *assessment) subject(a *Attorney) subject {
	return subject{r: as.r, a: a, c: as.c, k: &as.clock, hours: as.hours}
}

// fitArea works out the attorney's fit to the practice area, once and only when needed: most
// attorneys fail the bar admission first, and the lookups cost more than the rest of the check.
func (s *subject) fitArea() {
	if s.areaDone {
		return
	}
	s.areaDone = true
	r, a := s.r, s.a
	s.experience = a.Areas[r.PracticeArea]
	if r.Area != r.PracticeArea {
		s.experience = max(s.experience, a.Areas[r.Area])
	}
	switch {
	case s.experience >= ExperienceSome:
		s.areaOK = true
	case s.canLearn():
		s.areaOK, s.mentored = true, true
	}
}

// canLearn: an attorney with no experience in the area who offers to learn, or one who lists the area
// as learning, may take a referral that allows mentored matters when their firm has a mentor in it.
// Listing an area as learning is itself the offer to learn it.
func (s *subject) canLearn() bool {
	if !s.r.MentoredOK || !(s.experience == ExperienceLearning || s.a.AcceptsMentored) {
		return false
	}
	return s.firmHasMentor()
}

func (s *subject) firmHasMentor() bool {
	m := s.c.Mentors[s.a.FirmID]
	return m[s.r.Area] || m[s.r.PracticeArea]
}

// times computes the attorney's availability once, when first needed: the cheaper constraints run
// first, so most excluded attorneys never need it.
func (s *subject) times() *availability {
	if !s.timed {
		s.avail = availabilityOf(s.k, s.a)
		s.timed = true
	}
	return &s.avail
}

// needsLanguage: a client who needs English, or names no language, needs no match.
func needsLanguage(language string) bool {
	return language != "" && !strings.EqualFold(language, "en")
}

// speaks reports whether the attorney can speak with the client; language codes compare without case.
func speaks(a *Attorney, language string) bool {
	if !needsLanguage(language) {
		return true
	}
	for _, l := range a.Languages {
		if strings.EqualFold(l, language) {
			return true
		}
	}
	return false
}

// passes reports whether the attorney meets constraint k.
func (s *subject) passes(k Constraint) bool {
	a := s.a
	switch k {
	case ConstraintBarAdmission:
		// A federal district has its own code, so admission to it is one more entry in Admissions.
		return a.Admissions[s.r.Jurisdiction]
	case ConstraintPracticeArea:
		s.fitArea()
		return s.areaOK
	case ConstraintLanguage:
		return speaks(a, s.r.Language)
	case ConstraintCapacityMatters:
		return a.Active < a.MaxActive
	case ConstraintCapacityHours:
		return a.HoursThisMonth+s.hours <= a.MonthlyBudget
	case ConstraintBlackout:
		// Blackouts exclude only when they cover every working day until the deadline; a blackout
		// over part of it leaves fewer hours, which the availability score counts.
		t := s.times()
		return t.open > 0 || t.blocked == 0
	case ConstraintConflict:
		st := s.c.Conflicts[a.FirmID]
		return st == ConflictClear || st == ConflictCleared
	case ConstraintDeclined:
		return !s.c.Declined[a.ID]
	case ConstraintWorkMode:
		return s.r.RemoteAllowed || a.WorkMode != "remote"
	}
	return false
}

// firstFailure is the position in Constraints of the first constraint the attorney fails, if any.
func (s *subject) firstFailure() (int, bool) {
	for i, k := range Constraints {
		if !s.passes(k) {
			return i, true
		}
	}
	return 0, false
}
