package outcome

import (
	"context"
	"time"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

var (
	errImpactNotFound = problem.New(problem.NotFound, "Organization not found.")
	errNoImpact       = problem.New(problem.Forbidden, "Impact figures are for referring organizations' staff and platform admins.")
)

func (s *service) Impact(ctx context.Context, p auth.Principal, f ImpactFilter) (Impact, error) {
	switch {
	case p.IsPlatformAdmin():
	case p.RefersFor(p.OrgID):
		if f.OrgID != nil && *f.OrgID != p.OrgID {
			return Impact{}, errImpactNotFound
		}
		f.OrgID = &p.OrgID
	default:
		return Impact{}, errNoImpact
	}
	from, to, err := s.period(f)
	if err != nil {
		return Impact{}, err
	}
	now := s.now()
	rows, err := s.Store.ImpactFigures(ctx, store.ImpactQuery{OrgID: f.OrgID, From: from, To: to.AddDate(0, 0, 1),
		OpenBefore: now.AddDate(0, 0, -s.OpenAfterDays)})
	if err != nil {
		return Impact{}, err
	}
	out := Impact{OrgID: f.OrgID, From: from, To: to, Submitted: rows.Times.Submitted, OpenAfterDays: s.OpenAfterDays,
		TimeToFirstOffer: Durations{Count: rows.Times.Offered, MedianHours: rows.Times.OfferMedian, P90Hours: rows.Times.OfferP90},
		TimeToAcceptance: Durations{Count: rows.Times.Accepted, MedianHours: rows.Times.AcceptMedian, P90Hours: rows.Times.AcceptP90},
		MatchesByMonth:   months(from, to, rows.Months),
		Outcomes:         outcomes(rows.Outcomes),
		Satisfaction:     satisfaction(rows.Scores),
		UnmetNeed:        make([]Need, len(rows.Needs)),
		ApprovedHours:    float64(rows.ApprovedMinutes) / 60,
	}
	for i, n := range rows.Needs {
		out.UnmetNeed[i] = Need{PracticeArea: n.PracticeArea, Jurisdiction: n.Jurisdiction, Count: n.Expired + n.Withdrawn + n.Open,
			Expired: n.Expired, Withdrawn: n.Withdrawn, Open: n.Open}
	}
	return out, nil
}

// period is the filter's days, both included: the last twelve months by default (from the first of
// the month eleven months ago to today).
func (s *service) period(f ImpactFilter) (from, to time.Time, err error) {
	to = dateOf(s.now())
	if !f.To.IsZero() {
		to = dateOf(f.To)
	}
	from = time.Date(to.Year(), to.Month()-11, 1, 0, 0, 0, 0, time.UTC)
	if !f.From.IsZero() {
		from = dateOf(f.From)
	}
	switch {
	case from.After(to):
		return from, to, problem.Validation(problem.Field("from", "is after to"))
	case to.Sub(from) > MaxImpactSpan:
		return from, to, problem.Validation(problem.Field("from", "the period is at most five years"))
	}
	return from, to, nil
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// months lists every month from from's to to's with the matters opened in it, none left out.
func months(from, to time.Time, rows []store.ImpactMonth) []MonthCount {
	counts := make(map[string]int, len(rows))
	for _, r := range rows {
		counts[r.Month.UTC().Format("2006-01")] = r.Matters
	}
	var out []MonthCount
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		out = append(out, MonthCount{Month: key, Matters: counts[key]})
	}
	return out
}

func outcomes(rows []store.ImpactOutcome) Outcomes {
	out := Outcomes{ByCategory: make([]CategoryCount, len(rows))}
	for i, r := range rows {
		out.Closed += r.Closed
		out.GoalMet += r.GoalMet
		out.ReportedHours += r.Hours
		out.ByCategory[i] = CategoryCount{Outcome: r.Outcome, Closed: r.Closed, GoalMet: r.GoalMet}
	}
	return out
}

func satisfaction(rows []store.ImpactScore) Satisfaction {
	var out Satisfaction
	sum := 0
	for _, r := range rows {
		out.Distribution[r.Satisfaction-1] = r.Count
		out.Count += r.Count
		sum += r.Satisfaction * r.Count
	}
	if out.Count > 0 {
		avg := float64(sum) / float64(out.Count)
		out.Average = &avg
	}
	return out
}
