package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/probono-match/probono/internal/platform/problem"
)

// ReportScope is what a report reads: the days From to To (both included; whole months for the
// monthly reports), limited to one firm's and one referring organisation's when they are set.
type ReportScope struct {
	GroupBy  string
	From, To time.Time
	FirmID   *uuid.UUID
	OrgID    *uuid.UUID
}

// HoursReportRow is one group of approved time; Key is "" for hours outside any partnership.
type HoursReportRow struct {
	Key, Label string
	Minutes    int64
	Entries    int64
}

// MattersReportRow is one month's matters opened, closed and withdrawn.
type MattersReportRow struct {
	Month                     time.Time
	Opened, Closed, Withdrawn int64
}

// TimeToMatchReportRow is one month's referrals and how many hours they waited (nil: none did).
type TimeToMatchReportRow struct {
	Month                           time.Time
	Referrals, Offered, Accepted    int64
	FirstOfferMedian, FirstOfferP90 *float64
	AcceptanceMedian, AcceptanceP90 *float64
}

// UnmetNeedReportRow counts one practice area and jurisdiction's referrals that nobody took.
type UnmetNeedReportRow struct {
	PracticeArea, PracticeAreaName string
	Jurisdiction, JurisdictionName string
	Referrals, Offered             int64
}

// readReport runs query in a read-only transaction whose statements end after timeout, and
// calls each after scanning every row into dest, as the rows arrive. A client slower than the
// timeout to take the rows ends the statement too, so no report holds its connection longer.
func (s *Store) readReport(ctx context.Context, timeout time.Duration, query string, args, dest []any, each func() error) error {
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Exec(fmt.Sprintf("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = %d", timeout.Milliseconds())).Error; err != nil {
			return err
		}
		rows, err := tx.db.Statement.ConnPool.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			if err := each(); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "57014" && ctx.Err() == nil {
		e := problem.Typed(problem.Unavailable, "report-timeout",
			"The report took longer than %s to read. Ask for a shorter period, or try again in a moment.", timeout)
		e.Cause, e.RetryAfterSeconds = err, 5
		return e
	}
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("report: %w", err)
	}
	return err
}

// scopeWhere is the condition limiting rows to the scope's firm and referrer, given the columns
// that hold them there, with its arguments numbered from n.
func scopeWhere(sc ReportScope, firmCol, orgCol string, args []any) (string, []any) {
	var conds []string
	if sc.FirmID != nil {
		args = append(args, *sc.FirmID)
		conds = append(conds, fmt.Sprintf("%s = $%d", firmCol, len(args)))
	}
	if sc.OrgID != nil {
		args = append(args, *sc.OrgID)
		conds = append(conds, fmt.Sprintf("%s = $%d", orgCol, len(args)))
	}
	if len(conds) == 0 {
		return "true", args
	}
	return strings.Join(conds, " AND "), args
}

// The period's bounds as instants: days are UTC days.
const (
	fromUTC  = "($1::date::timestamp AT TIME ZONE 'UTC')"
	afterUTC = "(($2::date + 1)::timestamp AT TIME ZONE 'UTC')"
)

// hoursGroups are the hours report's queries by grouping, over g: the scope's rows of
// hours_monthly, summed by what the grouping needs before names are joined to the few sums.
var hoursGroups = map[string]string{
	"attorney": `
		SELECT s.attorney_id::text, u.name, s.minutes, s.entries
		FROM (SELECT attorney_id, sum(minutes) AS minutes, sum(entries) AS entries FROM g GROUP BY attorney_id) s
		JOIN users u ON u.id = s.attorney_id
		ORDER BY s.minutes DESC, u.name, s.attorney_id`,
	"practice_area": `
		SELECT s.practice_area, coalesce(pa.name, s.practice_area), s.minutes, s.entries
		FROM (SELECT practice_area, sum(minutes) AS minutes, sum(entries) AS entries FROM g GROUP BY practice_area) s
		LEFT JOIN practice_areas pa ON pa.code = s.practice_area
		ORDER BY s.minutes DESC, s.practice_area`,
	"referrer": `
		SELECT s.referrer_id::text, o.name, s.minutes, s.entries
		FROM (SELECT referrer_id, sum(minutes) AS minutes, sum(entries) AS entries FROM g GROUP BY referrer_id) s
		JOIN organizations o ON o.id = s.referrer_id
		ORDER BY s.minutes DESC, o.name, s.referrer_id`,
	// Every month of the period, with zeros where no time was approved.
	"month": `
		SELECT to_char(m.month, 'YYYY-MM'), to_char(m.month, 'FMMonth YYYY'), coalesce(sum(g.minutes), 0), coalesce(sum(g.entries), 0)
		FROM generate_series($1::date, $2::date, interval '1 month') AS m(month)
		LEFT JOIN g ON g.month = m.month
		GROUP BY m.month ORDER BY m.month`,
	// A month's hours of a firm for a referrer count toward the partnership between them in force
	// that month; of two that month (one ending, the next starting), the later.
	"partnership": `
		SELECT p.id::text, coalesce(f.name || ' – ' || o.name, 'No partnership'), sum(s.minutes) AS minutes, sum(s.entries)
		FROM (SELECT firm_id, referrer_id, month, sum(minutes) AS minutes, sum(entries) AS entries FROM g GROUP BY 1, 2, 3) s
		LEFT JOIN LATERAL (
			SELECT id, firm_id, referrer_id FROM partnerships p
			WHERE p.firm_id = s.firm_id AND p.referrer_id = s.referrer_id
			  AND p.starts_on < s.month + interval '1 month' AND (p.ends_on IS NULL OR p.ends_on >= s.month)
			ORDER BY p.starts_on DESC LIMIT 1) p ON true
		LEFT JOIN organizations f ON f.id = p.firm_id
		LEFT JOIN organizations o ON o.id = p.referrer_id
		GROUP BY p.id, f.name, o.name
		ORDER BY minutes DESC, 2`,
}

// HoursReport calls fn with approved hours by sc.GroupBy, read from the hours_monthly roll-up.
func (s *Store) HoursReport(ctx context.Context, timeout time.Duration, sc ReportScope, fn func(HoursReportRow) error) error {
	group, ok := hoursGroups[sc.GroupBy]
	if !ok {
		return fmt.Errorf("hours report: no grouping %q", sc.GroupBy)
	}
	where, args := scopeWhere(sc, "firm_id", "referrer_id", []any{sc.From, sc.To})
	query := `WITH g AS MATERIALIZED (
		SELECT firm_id, month, attorney_id, practice_area, referrer_id, minutes, entries FROM hours_monthly
		WHERE month BETWEEN $1::date AND $2::date AND ` + where + `)` + group
	var r HoursReportRow
	var key sql.NullString
	return s.readReport(ctx, timeout, query, args, []any{&key, &r.Label, &r.Minutes, &r.Entries}, func() error {
		r.Key = key.String
		return fn(r)
	})
}

// MattersReport calls fn with each month's matters opened (accepted), closed and withdrawn.
func (s *Store) MattersReport(ctx context.Context, timeout time.Duration, sc ReportScope, fn func(MattersReportRow) error) error {
	where, args := scopeWhere(sc, "x.firm_id", "r.org_id", []any{sc.From, sc.To})
	query := `
		WITH x AS (
			SELECT x.started_at, x.ended_at, x.status FROM matters x JOIN referrals r ON r.id = x.referral_id
			WHERE ` + where + ` AND (x.started_at >= ` + fromUTC + ` OR x.ended_at >= ` + fromUTC + `) AND x.started_at < ` + afterUTC + `),
		e AS (
			SELECT date_trunc('month', started_at AT TIME ZONE 'UTC')::date AS month, 'opened' AS what FROM x
			UNION ALL
			SELECT date_trunc('month', ended_at AT TIME ZONE 'UTC')::date, status FROM x WHERE status IN ('closed', 'withdrawn'))
		SELECT m.month::date, count(e.what) FILTER (WHERE e.what = 'opened'), count(e.what) FILTER (WHERE e.what = 'closed'),
		       count(e.what) FILTER (WHERE e.what = 'withdrawn')
		FROM generate_series($1::date, $2::date, interval '1 month') AS m(month)
		LEFT JOIN e ON e.month = m.month
		GROUP BY m.month ORDER BY m.month`
	var r MattersReportRow
	return s.readReport(ctx, timeout, query, args, []any{&r.Month, &r.Opened, &r.Closed, &r.Withdrawn}, func() error { return fn(r) })
}

// TimeToMatchReport calls fn with each month's submitted referrals and the hours from submission
// to the first offer and to acceptance (median, 90th percentile). With a firm in scope only the
// referrals offered to its attorneys count, and only its offers and acceptances.
func (s *Store) TimeToMatchReport(ctx context.Context, timeout time.Duration, sc ReportScope, fn func(TimeToMatchReportRow) error) error {
	args := []any{sc.From, sc.To}
	offerFirm, matterFirm, offered := "", "", ""
	if sc.FirmID != nil {
		args = append(args, *sc.FirmID)
		offerFirm, matterFirm = " AND o.firm_id = $3", " AND mt.firm_id = $3"
		offered = " AND EXISTS (SELECT 1 FROM offers o WHERE o.referral_id = r.id AND o.firm_id = $3)"
	}
	byOrg := ""
	if sc.OrgID != nil {
		args = append(args, *sc.OrgID)
		byOrg = fmt.Sprintf(" AND r.org_id = $%d", len(args))
	}
	query := `
		WITH r AS (
			SELECT date_trunc('month', r.submitted_at AT TIME ZONE 'UTC')::date AS month,
			       extract(epoch FROM (SELECT min(o.created_at) FROM offers o WHERE o.referral_id = r.id` + offerFirm + `) - r.submitted_at) / 3600 AS to_offer,
			       extract(epoch FROM (SELECT min(mt.started_at) FROM matters mt WHERE mt.referral_id = r.id` + matterFirm + `) - r.submitted_at) / 3600 AS to_accept
			FROM referrals r
			WHERE r.submitted_at >= ` + fromUTC + ` AND r.submitted_at < ` + afterUTC + byOrg + offered + `)
		SELECT m.month::date, count(r.month), count(r.to_offer), count(r.to_accept),
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.to_offer), percentile_cont(0.9) WITHIN GROUP (ORDER BY r.to_offer),
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.to_accept), percentile_cont(0.9) WITHIN GROUP (ORDER BY r.to_accept)
		FROM generate_series($1::date, $2::date, interval '1 month') AS m(month)
		LEFT JOIN r ON r.month = m.month
		GROUP BY m.month ORDER BY m.month`
	var r TimeToMatchReportRow
	var fm, fp, am, ap sql.NullFloat64
	return s.readReport(ctx, timeout, query, args, []any{&r.Month, &r.Referrals, &r.Offered, &r.Accepted, &fm, &fp, &am, &ap}, func() error {
		r.FirstOfferMedian, r.FirstOfferP90, r.AcceptanceMedian, r.AcceptanceP90 = nullable(fm), nullable(fp), nullable(am), nullable(ap)
		return fn(r)
	})
}

// UnmetNeedReport calls fn with the referrals submitted in the period that no attorney accepted
// and that stopped waiting (expired, withdrawn, or open past their deadline), by practice area and
// jurisdiction, most first. With a firm in scope, only the referrals offered to its attorneys.
func (s *Store) UnmetNeedReport(ctx context.Context, timeout time.Duration, sc ReportScope, fn func(UnmetNeedReportRow) error) error {
	args := []any{sc.From, sc.To}
	cond := ""
	if sc.FirmID != nil {
		args = append(args, *sc.FirmID)
		cond += " AND EXISTS (SELECT 1 FROM offers o WHERE o.referral_id = r.id AND o.firm_id = $3)"
	}
	if sc.OrgID != nil {
		args = append(args, *sc.OrgID)
		cond += fmt.Sprintf(" AND r.org_id = $%d", len(args))
	}
	query := `
		SELECT r.practice_area, pa.name, r.jurisdiction, j.name, count(*),
		       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM offers o WHERE o.referral_id = r.id))
		FROM referrals r
		JOIN practice_areas pa ON pa.code = r.practice_area
		JOIN jurisdictions j ON j.code = r.jurisdiction
		WHERE r.submitted_at >= ` + fromUTC + ` AND r.submitted_at < ` + afterUTC + cond + `
		  AND NOT EXISTS (SELECT 1 FROM matters mt WHERE mt.referral_id = r.id)
		  AND (r.status IN ('expired', 'withdrawn') OR (r.status IN ('submitted', 'matching', 'offered') AND r.deadline < current_date))
		GROUP BY r.practice_area, pa.name, r.jurisdiction, j.name
		ORDER BY 5 DESC, 1, 3`
	var r UnmetNeedReportRow
	return s.readReport(ctx, timeout, query, args, []any{&r.PracticeArea, &r.PracticeAreaName, &r.Jurisdiction, &r.JurisdictionName, &r.Referrals, &r.Offered},
		func() error { return fn(r) })
}

func nullable(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	f := v.Float64
	return &f
}
