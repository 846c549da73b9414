package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// ImpactQuery selects what a referring organisation's impact figures count: its referrals (every
// referrer's when OrgID is nil) and what became of them, in [From, To). An open referral submitted
// before OpenBefore that nobody took is unmet need.
type ImpactQuery struct {
	OrgID      *uuid.UUID
	From, To   time.Time
	OpenBefore time.Time
}

// ImpactTimes are the hours from submission to a referral's first offer and to its first matter,
// over the referrals submitted in the period: how many had one, the median and the 90th
// percentile (nil when none had).
type ImpactTimes struct {
	Submitted               int
	Offered, Accepted       int
	OfferMedian, OfferP90   *float64
	AcceptMedian, AcceptP90 *float64
}

// ImpactMonth is how many matters were opened in a month (its first day).
type ImpactMonth struct {
	Month   time.Time
	Matters int
}

// ImpactOutcome counts the matters closed in the period with one closing category.
type ImpactOutcome struct {
	Outcome string
	Closed  int
	GoalMet int
	Hours   float64
}

// ImpactScore counts the feedback given one satisfaction score.
type ImpactScore struct {
	Satisfaction int
	Count        int
}

// ImpactNeed counts the referrals of one practice area and jurisdiction nobody took.
type ImpactNeed struct {
	PracticeArea, Jurisdiction string
	Expired, Withdrawn, Open   int
}

// Impact is what ImpactFigures reads.
type Impact struct {
	Times           ImpactTimes
	Months          []ImpactMonth
	Outcomes        []ImpactOutcome
	Scores          []ImpactScore
	Needs           []ImpactNeed
	ApprovedMinutes int64
}

// impactScope is the WHERE of a query over referrals r: the organisation's, or all.
const impactScope = `(CAST(@org AS uuid) IS NULL OR r.org_id = @org)`

// ImpactFigures reads the impact figures of q, in six queries whatever the number of referrals.
func (s *Store) ImpactFigures(ctx context.Context, q ImpactQuery) (Impact, error) {
	var out Impact
	args := map[string]any{"org": q.OrgID, "from": q.From, "to": q.To, "open_before": q.OpenBefore}
	db := s.with(ctx)
	err := db.Raw(`WITH scoped AS (
			SELECT r.id, r.submitted_at,
				(SELECT min(o.created_at) FROM offers o WHERE o.referral_id = r.id) AS first_offer,
				(SELECT min(m.started_at) FROM matters m WHERE m.referral_id = r.id) AS first_matter
			FROM referrals r
			WHERE `+impactScope+` AND r.submitted_at >= @from AND r.submitted_at < @to
		), hours AS (
			SELECT extract(epoch FROM first_offer - submitted_at) / 3600 AS to_offer,
				extract(epoch FROM first_matter - submitted_at) / 3600 AS to_accept
			FROM scoped)
		SELECT count(*) AS submitted, count(to_offer) AS offered, count(to_accept) AS accepted,
			percentile_cont(0.5) WITHIN GROUP (ORDER BY to_offer) AS offer_median,
			percentile_cont(0.9) WITHIN GROUP (ORDER BY to_offer) AS offer_p90,
			percentile_cont(0.5) WITHIN GROUP (ORDER BY to_accept) AS accept_median,
			percentile_cont(0.9) WITHIN GROUP (ORDER BY to_accept) AS accept_p90
		FROM hours`, args).Scan(&out.Times).Error
	if err != nil {
		return out, translate(err, "impact")
	}
	err = db.Raw(`SELECT date_trunc('month', m.started_at AT TIME ZONE 'UTC') AS month, count(*) AS matters
		FROM matters m JOIN referrals r ON r.id = m.referral_id
		WHERE `+impactScope+` AND m.started_at >= @from AND m.started_at < @to
		GROUP BY 1 ORDER BY 1`, args).Scan(&out.Months).Error
	if err != nil {
		return out, translate(err, "impact")
	}
	err = db.Raw(`SELECT m.outcome, count(*) AS closed, count(*) FILTER (WHERE m.goal_met) AS goal_met,
			coalesce(sum(m.closing_hours), 0) AS hours
		FROM matters m JOIN referrals r ON r.id = m.referral_id
		WHERE `+impactScope+` AND m.status = 'closed' AND m.ended_at >= @from AND m.ended_at < @to
		GROUP BY m.outcome ORDER BY m.outcome`, args).Scan(&out.Outcomes).Error
	if err != nil {
		return out, translate(err, "impact")
	}
	err = db.Raw(`SELECT f.satisfaction, count(*) AS count
		FROM client_feedback f JOIN referrals r ON r.id = f.referral_id
		WHERE `+impactScope+` AND f.created_at >= @from AND f.created_at < @to
		GROUP BY f.satisfaction ORDER BY f.satisfaction`, args).Scan(&out.Scores).Error
	if err != nil {
		return out, translate(err, "impact")
	}
	// Nobody took a referral that never had a matter and expired, was withdrawn, or is still open
	// long after it was submitted.
	err = db.Raw(`SELECT r.practice_area, r.jurisdiction,
			count(*) FILTER (WHERE r.status = 'expired') AS expired,
			count(*) FILTER (WHERE r.status = 'withdrawn') AS withdrawn,
			count(*) FILTER (WHERE r.status IN ('submitted', 'matching', 'offered')) AS open
		FROM referrals r
		WHERE `+impactScope+` AND r.submitted_at >= @from AND r.submitted_at < @to
			AND NOT EXISTS (SELECT 1 FROM matters m WHERE m.referral_id = r.id)
			AND (r.status IN ('expired', 'withdrawn')
				OR (r.status IN ('submitted', 'matching', 'offered') AND r.submitted_at < @open_before))
		GROUP BY r.practice_area, r.jurisdiction
		ORDER BY count(*) DESC, r.practice_area, r.jurisdiction`, args).Scan(&out.Needs).Error
	if err != nil {
		return out, translate(err, "impact")
	}
	err = db.Raw(`SELECT coalesce(sum(h.minutes), 0) FROM hours_monthly h
		WHERE (CAST(@org AS uuid) IS NULL OR h.referrer_id = @org)
			AND h.month >= date_trunc('month', CAST(@from AS timestamptz) AT TIME ZONE 'UTC') AND h.month < CAST(@to AS timestamptz) AT TIME ZONE 'UTC'`, args).
		Scan(&out.ApprovedMinutes).Error
	return out, translate(err, "impact")
}
