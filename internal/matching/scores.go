package matching

// This file holds the scores, each a value in [0, 1] where higher is a better fit; the sentences that
// explain them are in explain.go.

// experienceValues by Experience; a learner is mentored, and one who has not practised the area at all
// scores lowest (mentoredNoneValue).
var experienceValues = [...]float64{ExperienceNone: 0, ExperienceLearning: 0.25, ExperienceSome: 0.5, ExperienceExperienced: 0.8, ExperienceExpert: 1}

const mentoredNoneValue = 0.1

// urgencyTargetHours caps the hours within the urgency horizon that earn a full urgency score: an
// emergency needs someone to start, not to finish.
const urgencyTargetHours = 8

func clamp01(v float64) float64 { return max(0, min(1, v)) }

func (s *subject) experienceValue() float64 {
	s.fitArea()
	e := max(ExperienceNone, min(s.experience, ExperienceExpert))
	if e == ExperienceNone && s.mentored {
		return mentoredNoneValue
	}
	return experienceValues[e]
}

// availabilityValue saturates at twice the estimate free before the deadline: slack for a matter that
// takes longer than estimated.
func (s *subject) availabilityValue() float64 {
	return clamp01(float64(s.times().minutes) / 60 / (2 * s.hours))
}

// capacityValue is the mean of the share of matters and of monthly hours still free.
func (s *subject) capacityValue() float64 {
	a := s.a
	var matters, hours float64
	if a.MaxActive > 0 {
		matters = clamp01(float64(a.MaxActive-a.Active) / float64(a.MaxActive))
	}
	if a.MonthlyBudget > 0 {
		hours = clamp01((a.MonthlyBudget - a.HoursThisMonth) / a.MonthlyBudget)
	}
	return (matters + hours) / 2
}

// goalValue rises the further an attorney is behind their annual goal; without a goal it is neutral.
func (s *subject) goalValue() float64 {
	if s.a.AnnualGoal <= 0 {
		return 0.5
	}
	return clamp01(1 - s.a.HoursThisYear/s.a.AnnualGoal)
}

// partnershipValue: a partnership covering the area with pledged hours left is worth half, and the
// share of the pledge left the other half. No partnership, or one used up, is worth nothing.
func (s *subject) partnershipValue() float64 {
	p, ok := s.partnership()
	if !ok || p.HoursLeft <= 0 {
		return 0
	}
	if p.PledgedHours <= 0 {
		return 1
	}
	return 0.5 + 0.5*clamp01(p.HoursLeft/p.PledgedHours)
}

// partnership is the firm's partnership with the referring organisation when it covers the area.
func (s *subject) partnership() (Partnership, bool) {
	p, ok := s.c.Partnerships[s.a.FirmID]
	if !ok {
		return p, false
	}
	if len(p.Areas) == 0 {
		return p, true
	}
	for _, area := range p.Areas {
		if area == s.r.Area || area == s.r.PracticeArea {
			return p, true
		}
	}
	return p, false
}

// languageValue: the client's language spoken, or none needed, is a full fit. Eligible attorneys all
// score 1, so the factor orders nobody; it is there so "why" can say the language matches.
func (s *subject) languageValue() float64 {
	if speaks(s.a, s.r.Language) {
		return 1
	}
	return 0
}

// fairnessValue falls with the offers an attorney received recently, relative to the busiest.
func (s *subject) fairnessValue() float64 {
	if s.c.MaxRecentOffers <= 0 {
		return 1
	}
	return clamp01(1 - float64(s.a.RecentOffers)/float64(s.c.MaxRecentOffers))
}

// urgencyValue favours, for soon, urgent and emergency referrals, attorneys with window hours within
// the urgency horizon; a routine referral is a full fit for everyone.
func (s *subject) urgencyValue() float64 {
	if urgencyHorizonHours(s.r.Urgency) == 0 {
		return 1
	}
	return clamp01(float64(s.times().soonMinutes) / 60 / min(s.hours, urgencyTargetHours))
}

// values are the factors' values in the order of factorNames.
func (s *subject) values() [factorCount]float64 {
	return [factorCount]float64{
		s.experienceValue(), s.availabilityValue(), s.capacityValue(), s.goalValue(),
		s.partnershipValue(), s.languageValue(), s.fairnessValue(), s.urgencyValue(),
	}
}

// score is the weighted mean of the values, given the weights' shares (Weights.shares).
func score(values, shares *[factorCount]float64) float64 {
	var sum float64
	for i, v := range values {
		sum += shares[i] * v
	}
	return clamp01(sum)
}
