package matching

import (
	"fmt"
	"math"
	"strconv"
)

// This file holds the sentences: why an attorney fails a constraint, and what each score says of
// them. They are made on demand, never while ranking. Places, areas and languages appear by the
// names Referral.Names gives them, or as codes.

// failureWhy says why the attorney fails constraint k.
func (s *subject) failureWhy(k Constraint) string {
	r, a := s.r, s.a
	switch k {
	case ConstraintBarAdmission:
		if _, listed := a.Admissions[r.Jurisdiction]; listed {
			return fmt.Sprintf("Bar admission in %s is not active", r.named(r.Jurisdiction))
		}
		return fmt.Sprintf("Not admitted to the bar in %s", r.named(r.Jurisdiction))
	case ConstraintPracticeArea:
		return s.areaWhy()
	case ConstraintLanguage:
		return fmt.Sprintf("Does not speak %s, the client's language", r.named(r.Language))
	case ConstraintCapacityMatters:
		if a.MaxActive <= 0 {
			return "Takes no new matters: their maximum is 0 active matters"
		}
		return fmt.Sprintf("At capacity: %d of %d active matters", a.Active, a.MaxActive)
	case ConstraintCapacityHours:
		return fmt.Sprintf("Over their monthly budget: %s of %s hours committed this month, and this referral needs about %s",
			hoursText(a.HoursThisMonth), hoursText(a.MonthlyBudget), hoursText(s.hours))
	case ConstraintBlackout:
		return "Blacked out on every working day " + s.untilText()
	case ConstraintConflict:
		switch st := s.c.Conflicts[a.FirmID]; st {
		case ConflictNotChecked:
			return "Their firm has not run its conflict check on this referral yet"
		case ConflictPotential:
			return "Their firm's conflict check found a potential conflict that is not cleared yet"
		case ConflictConflict:
			return "Their firm has a conflict with this referral"
		default:
			return fmt.Sprintf("Their firm's conflict check is %q, not clear", string(st))
		}
	case ConstraintDeclined:
		return "Declined this referral before"
	case ConstraintWorkMode:
		return "Works remotely only, and the client must be met in person"
	}
	return "Fails " + string(k)
}

func (s *subject) areaWhy() string {
	s.fitArea()
	r, a := s.r, s.a
	area := s.areaText()
	switch {
	case !r.MentoredOK && s.experience == ExperienceLearning:
		return fmt.Sprintf("Still learning %s, and this referral does not allow a mentored matter", area)
	case !r.MentoredOK:
		return fmt.Sprintf("Does not practise %s", area)
	case s.experience == ExperienceNone && !a.AcceptsMentored:
		return fmt.Sprintf("Does not practise %s and has not offered to learn an area under a mentor", area)
	default:
		return fmt.Sprintf("Would need a mentor in %s, and their firm has no experienced attorney in it", r.named(r.Area))
	}
}

// areaText names the code the attorney's experience comes from: the sub-area, or its area when the
// attorney lists that higher (or only that).
func (s *subject) areaText() string {
	r, a := s.r, s.a
	if r.Area != r.PracticeArea && a.Areas[r.Area] > a.Areas[r.PracticeArea] {
		return r.named(r.Area)
	}
	return r.named(r.PracticeArea)
}

// untilText is "before the deadline on 2026-12-20" or "in the next 30 days".
func (s *subject) untilText() string {
	if s.r.Deadline.IsZero() {
		return fmt.Sprintf("in the next %d days", noDeadlineDays)
	}
	return "before the deadline on " + dayDate(s.times().lastDay).Format("2006-01-02")
}

// hoursText writes hours as "12" or "12.5".
func hoursText(h float64) string {
	return strconv.FormatFloat(h, 'f', -1, 64)
}

func hoursCount(minutes int) string {
	h := float64(minutes) / 60
	h = math.Round(h*10) / 10
	if h == 1 {
		return "1 hour"
	}
	return hoursText(h) + " hours"
}

var experienceText = [...]string{
	ExperienceNone: "No experience in %s", ExperienceLearning: "Learning %s", ExperienceSome: "Some experience in %s",
	ExperienceExperienced: "Experienced in %s", ExperienceExpert: "Expert in %s",
}

// Why says in a sentence what the factor's value says of the attorney for the referral, e.g. "Expert
// in housing.eviction" or "Behind their annual goal: 10 of 50 hours".
func (f Factor) Why(r Referral, a Attorney, c Context) string {
	job := newAssessment(&r, &c)
	s := job.subject(&a)
	switch f.Name {
	case FactorExperience:
		return s.experienceWhy()
	case FactorAvailability:
		return hoursCount(s.times().minutes) + " free " + s.untilText()
	case FactorCapacity:
		return fmt.Sprintf("Room for %d more of %d active matters, %s of %s monthly hours free",
			max(0, a.MaxActive-a.Active), a.MaxActive, hoursText(max(0, a.MonthlyBudget-a.HoursThisMonth)), hoursText(a.MonthlyBudget))
	case FactorGoal:
		switch {
		case a.AnnualGoal <= 0:
			return "No annual goal set"
		case a.HoursThisYear < a.AnnualGoal:
			return fmt.Sprintf("Behind their annual goal: %s of %s hours", hoursText(a.HoursThisYear), hoursText(a.AnnualGoal))
		default:
			return fmt.Sprintf("Met their annual goal: %s of %s hours", hoursText(a.HoursThisYear), hoursText(a.AnnualGoal))
		}
	case FactorPartnership:
		return s.partnershipWhy()
	case FactorLanguage:
		switch {
		case !needsLanguage(r.Language):
			return "The client needs no language other than English"
		case speaks(&a, r.Language):
			return fmt.Sprintf("Speaks %s, the client's language", r.named(r.Language))
		default:
			return fmt.Sprintf("Does not speak %s, the client's language", r.named(r.Language))
		}
	case FactorFairness:
		if a.RecentOffers == 0 {
			return fmt.Sprintf("No offers in the last %d days", noDeadlineDays)
		}
		return fmt.Sprintf("%d offers in the last %d days; the most any attorney had is %d", a.RecentOffers, noDeadlineDays, c.MaxRecentOffers)
	case FactorUrgency:
		h := urgencyHorizonHours(r.Urgency)
		if h == 0 {
			return "Routine referral: no rush"
		}
		horizon := fmt.Sprintf("the next %d hours", h)
		if h%24 == 0 && h > 72 {
			horizon = fmt.Sprintf("the next %d days", h/24)
		}
		return hoursCount(s.times().soonMinutes) + " free in " + horizon
	}
	return f.Name
}

func (s *subject) experienceWhy() string {
	s.fitArea()
	if s.mentored {
		if s.experience == ExperienceNone {
			return fmt.Sprintf("Willing to learn %s under a mentor at their firm", s.r.named(s.r.Area))
		}
		return fmt.Sprintf("Learning %s, with a mentor at their firm", s.areaText())
	}
	e := max(ExperienceNone, min(s.experience, ExperienceExpert))
	return fmt.Sprintf(experienceText[e], s.areaText())
}

func (s *subject) partnershipWhy() string {
	p, ok := s.partnership()
	switch {
	case !ok:
		return fmt.Sprintf("Their firm has no partnership with the referring organisation covering %s", s.r.named(s.r.PracticeArea))
	case p.HoursLeft <= 0:
		return "Their firm's partnership with the referring organisation has no pledged hours left"
	default:
		return fmt.Sprintf("Their firm's partnership with the referring organisation has %s of %s pledged hours left",
			hoursText(p.HoursLeft), hoursText(p.PledgedHours))
	}
}
