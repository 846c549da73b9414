package report

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/problem"
)

// NewService returns the report service; each report's statements end after timeout.
func NewService(db Store, timeout time.Duration) Service {
	return &service{db: db, timeout: timeout, now: time.Now}
}

type service struct {
	db      Store
	timeout time.Duration
	now     func() time.Time
}

var (
	errForbidden = problem.New(problem.Forbidden, "Reports are for firms' coordinators and org admins, referring organisations' staff and admins, and platform admins.")
	errNotFound  = problem.New(problem.NotFound, "Organisation not found.")
)

func (s *service) Hours(ctx context.Context, p auth.Principal, q Query, sink Sink[HoursRow]) error {
	if q.GroupBy == "" {
		q.GroupBy = ByMonth
	}
	switch q.GroupBy {
	case ByAttorney, ByMonth, ByPracticeArea, ByReferrer, ByPartnership:
	default:
		return problem.Validation(problem.Field("group_by", "must be attorney, month, practice_area, referrer or partnership"))
	}
	return run(ctx, s, p, Hours, q, s.db.HoursReport, sink)
}

func (s *service) Matters(ctx context.Context, p auth.Principal, q Query, sink Sink[MattersRow]) error {
	q.GroupBy = ""
	return run(ctx, s, p, Matters, q, s.db.MattersReport, sink)
}

func (s *service) TimeToMatch(ctx context.Context, p auth.Principal, q Query, sink Sink[TimeToMatchRow]) error {
	q.GroupBy = ""
	return run(ctx, s, p, TimeToMatch, q, s.db.TimeToMatchReport, sink)
}

func (s *service) UnmetNeed(ctx context.Context, p auth.Principal, q Query, sink Sink[UnmetNeedRow]) error {
	q.GroupBy = ""
	return run(ctx, s, p, UnmetNeed, q, s.db.UnmetNeedReport, sink)
}

// run decides the report's scope, records an export, and hands the rows read to sink, starting it
// when the first row arrives (or the read ends with none).
func run[R any](ctx context.Context, s *service, p auth.Principal, name Name, q Query,
	read func(context.Context, time.Duration, Scope, func(R) error) error, sink Sink[R]) error {
	sc, err := s.scope(p, name, q)
	if err != nil {
		return err
	}
	if q.Export {
		// Written and committed before the report is read: a report holds no transaction open for
		// writing while it streams to the client.
		if err := s.db.Tx(ctx, func(tx Tx) error { return tx.Audit(ctx, exported(p, sc)) }); err != nil {
			return err
		}
	}
	started := false
	err = read(ctx, s.timeout, sc, func(r R) error {
		if !started {
			started = true
			if err := sink.Start(sc); err != nil {
				return err
			}
		}
		return sink.Row(r)
	})
	if err != nil || started {
		return err
	}
	return sink.Start(sc)
}

// scope is what the caller may read of what they asked for.
func (s *service) scope(p auth.Principal, name Name, q Query) (Scope, error) {
	sc := Scope{Report: name, GroupBy: q.GroupBy, FirmID: q.FirmID, OrgID: q.OrgID}
	own := p.OrgID
	switch {
	case p.IsPlatformAdmin():
	case p.OrgKind == auth.KindLawFirm && (p.Role == auth.RoleCoordinator || p.Role == auth.RoleOrgAdmin):
		if q.FirmID != nil && *q.FirmID != own {
			return Scope{}, errNotFound
		}
		sc.FirmID = &own
	case refers(p.OrgKind) && (p.Role == auth.RoleNonprofitStaff || p.Role == auth.RoleOrgAdmin):
		if q.OrgID != nil && *q.OrgID != own {
			return Scope{}, errNotFound
		}
		sc.OrgID = &own
	default:
		return Scope{}, errForbidden
	}
	var err error
	sc.From, sc.To, err = period(q.From, q.To, s.now().UTC(), name != UnmetNeed)
	return sc, err
}

// refers reports whether organisations of this kind send referrals.
func refers(k auth.OrgKind) bool {
	return k == auth.KindNonprofit || k == auth.KindPublicDefender || k == auth.KindClinic
}

// period resolves the asked-for days: by default from the first of January to today. Monthly
// reports read whole months, so their period widens to the months that contain from and to.
func period(from, to *time.Time, now time.Time, monthly bool) (time.Time, time.Time, error) {
	end := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if to != nil {
		end = day(*to)
	}
	start := time.Date(end.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
	if from != nil {
		start = day(*from)
	}
	switch {
	case start.After(end):
		return start, end, problem.Validation(problem.Field("from", "is after to"))
	case end.After(start.AddDate(MaxPeriod, 0, 0)):
		return start, end, problem.Validation(problem.Field("to", "is more than 10 years after from: ask for a shorter period"))
	}
	if monthly {
		start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
		end = time.Date(end.Year(), end.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return start, end, nil
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// exported is the audit record of a report leaving the service as a file: which report, over
// what. Reports hold counts and names of organisations and attorneys, never client details.
func exported(p auth.Principal, sc Scope) audit.Record {
	after, _ := json.Marshal(struct {
		GroupBy GroupBy    `json:"group_by,omitempty"`
		From    string     `json:"from"`
		To      string     `json:"to"`
		FirmID  *uuid.UUID `json:"firm_id,omitempty"`
		OrgID   *uuid.UUID `json:"org_id,omitempty"`
	}{sc.GroupBy, sc.From.Format(time.DateOnly), sc.To.Format(time.DateOnly), sc.FirmID, sc.OrgID})
	actor, org := p.UserID, p.OrgID
	return audit.Record{ActorID: &actor, OrgID: &org, Action: "report.exported", ObjectType: "report",
		ObjectID: string(sc.Report), After: after}
}
