package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/probono-match/probono/internal/matching"
	"github.com/probono-match/probono/internal/platform/problem"
)

// The matching pool: a referral, the attorneys who might take it and what ranking them needs to
// know, read into the engine's structs with a fixed number of queries however many attorneys
// there are. Hours committed are the estimated hours of the matters an attorney started (until
// time entries exist), an estimate left blank counting as 10 as the engine
// assumes; months and years
// are UTC calendar months and years.

// MatchingReferral is a referral as the engine sees it, with its status.
type MatchingReferral struct {
	matching.Referral
	Status string
}

// matchingReferralColumns are what scanMatchingReferral reads of a referral.
// The names of its codes come along for the explanations (primary key lookups).
const matchingReferralColumns = `r.id, r.org_id, r.status, r.practice_area, r.jurisdiction, coalesce(r.language, ''), r.urgency,
	r.deadline, coalesce(r.estimated_hours, 0), r.remote_allowed, r.mentored_ok,
	(SELECT name FROM practice_areas WHERE code = r.practice_area),
	(SELECT name FROM practice_areas WHERE code = split_part(r.practice_area, '.', 1)),
	(SELECT name FROM jurisdictions WHERE code = r.jurisdiction),
	coalesce((SELECT name FROM languages WHERE code = r.language), '')`

// matchingReferralScan scans matchingReferralColumns: dest are the destinations, and done turns
// them into the referral.
func matchingReferralScan() (dest []any, done func() MatchingReferral) {
	var r MatchingReferral
	var rid, org uuid.UUID
	var deadline pgtype.Date
	var hours int
	var areaName, parentName, jurisdictionName, languageName string
	dest = []any{uuidDest{&rid}, uuidDest{&org}, &r.Status, &r.PracticeArea, &r.Jurisdiction, &r.Language, &r.Urgency,
		&deadline, &hours, &r.RemoteAllowed, &r.MentoredOK, &areaName, &parentName, &jurisdictionName, &languageName}
	return dest, func() MatchingReferral {
		out := r
		out.ID, out.OrgID, out.EstimatedHours = rid.String(), org.String(), float64(hours)
		out.Area, _, _ = strings.Cut(out.PracticeArea, ".")
		out.Names = map[string]string{out.PracticeArea: areaName, out.Area: parentName, out.Jurisdiction: jurisdictionName}
		if languageName != "" {
			out.Names[out.Language] = languageName
		}
		if out.Language == "en" {
			out.Language = "" // the engine's "no language needed but English"
		}
		out.Deadline = time.Time{}
		if deadline.Valid {
			out.Deadline = deadline.Time
		}
		return out
	}
}

// MatchingReferralByID reads one referral for matching. NotFound if there is none.
func (s *Store) MatchingReferralByID(ctx context.Context, id uuid.UUID) (MatchingReferral, error) {
	dest, done := matchingReferralScan()
	var r MatchingReferral
	found := false
	err := s.scanRows(ctx, "SELECT "+matchingReferralColumns+" FROM referrals r WHERE r.id = $1", []any{id}, dest, func() { r, found = done(), true })
	if err != nil {
		return r, translate(err, "referral")
	}
	if !found {
		return r, problem.New(problem.NotFound, "Referral not found.")
	}
	return r, nil
}

// OpportunityPool is what ranking the open referrals for one attorney needs besides the attorney.
type OpportunityPool struct {
	// Referrals are the open referrals the attorney's firm's conflict check cleared, Conflicts
	// that check of each by referral id.
	Referrals []MatchingReferral
	Conflicts map[string]matching.ConflictState
	// Declined are the ids of the referrals the attorney declined.
	Declined map[string]bool
	// Mentors are the practice areas the firm has an experienced or expert attorney in.
	Mentors         map[string]bool
	MaxRecentOffers int
}

// OpportunityPoolOf reads the open referrals a firm's conflict check cleared and what ranking them
// for one of its attorneys needs: four queries however many referrals there are.
func (s *Store) OpportunityPoolOf(ctx context.Context, firmID, attorneyID uuid.UUID, now time.Time) (OpportunityPool, error) {
	out := OpportunityPool{Conflicts: map[string]matching.ConflictState{}, Declined: map[string]bool{}, Mentors: map[string]bool{}}
	dest, done := matchingReferralScan()
	var result string
	err := s.scanRows(ctx, "SELECT "+matchingReferralColumns+`, c.result FROM referrals r
		JOIN conflict_checks c ON c.referral_id = r.id AND c.firm_id = $1 AND c.result IN ('clear', 'cleared') AND NOT c.recheck_pending
		WHERE r.status IN ('submitted', 'matching', 'offered')`, []any{firmID}, append(dest, &result), func() {
		r := done()
		out.Referrals = append(out.Referrals, r)
		out.Conflicts[r.ID] = matching.ConflictState(result)
	})
	if err != nil {
		return out, translate(err, "open referrals")
	}
	var id uuid.UUID
	err = s.scanRows(ctx, `SELECT DISTINCT referral_id FROM offers WHERE attorney_id = $1 AND status = 'declined'`,
		[]any{attorneyID}, []any{uuidDest{&id}}, func() { out.Declined[id.String()] = true })
	if err != nil {
		return out, translate(err, "declined offers")
	}
	var firm uuid.UUID
	var area string
	err = s.scanRows(ctx, mentorsQuery, []any{nil, firmID}, []any{uuidDest{&firm}, &area}, func() { out.Mentors[area] = true })
	if err != nil {
		return out, translate(err, "mentors")
	}
	out.MaxRecentOffers, err = s.maxRecentOffers(ctx, now)
	return out, err
}

// MatchingContext reads what ranking the referral needs beyond the attorneys: every firm's conflict
// check of it, the firms with an experienced or expert attorney in its practice area or the area's
// top level, the attorneys who declined it, and the most offers any attorney received in the
// 30 days before now. Partnerships are the partnership domain's and left empty.
func (s *Store) MatchingContext(ctx context.Context, r matching.Referral, now time.Time) (matching.Context, error) {
	c := matching.Context{Now: now, Conflicts: map[string]matching.ConflictState{}, Mentors: map[string]map[string]bool{},
		Partnerships: map[string]matching.Partnership{}, Declined: map[string]bool{}}
	id, err := uuid.Parse(r.ID)
	if err != nil {
		return c, err
	}
	var firm, attorney uuid.UUID
	var text string
	// A check waiting to be run again after a registry import counts as not checked: the firm
	// does not see the referral until it has run.
	err = s.scanRows(ctx, `SELECT firm_id, CASE WHEN recheck_pending THEN '' ELSE result END FROM conflict_checks WHERE referral_id = $1`,
		[]any{id}, []any{uuidDest{&firm}, &text}, func() { c.Conflicts[firm.String()] = matching.ConflictState(text) })
	if err != nil {
		return c, translate(err, "conflict checks")
	}
	err = s.scanRows(ctx, mentorsQuery, []any{[]string{r.PracticeArea, r.Area}, nil}, []any{uuidDest{&firm}, &text}, func() {
		addMentor(c.Mentors, firm.String(), text)
	})
	if err != nil {
		return c, translate(err, "mentors")
	}
	err = s.scanRows(ctx, `SELECT DISTINCT attorney_id FROM offers WHERE referral_id = $1 AND status = 'declined'`,
		[]any{id}, []any{uuidDest{&attorney}}, func() { c.Declined[attorney.String()] = true })
	if err != nil {
		return c, translate(err, "declined offers")
	}
	c.MaxRecentOffers, err = s.maxRecentOffers(ctx, now)
	return c, err
}

// mentorsQuery finds, for the practice areas in $1 (all if NULL), the firms (only firm $2 unless
// NULL) with an active attorney experienced or expert in each.
const mentorsQuery = `SELECT DISTINCT m.org_id, a.practice_area
	FROM attorney_practice_areas a
	JOIN memberships m ON m.user_id = a.user_id AND m.role = 'attorney'
	JOIN users u ON u.id = a.user_id AND u.active
	WHERE ($1::text[] IS NULL OR a.practice_area = ANY($1)) AND a.experience IN ('experienced', 'expert') AND ($2::uuid IS NULL OR m.org_id = $2)`

func addMentor(mentors map[string]map[string]bool, firm, area string) {
	if mentors[firm] == nil {
		mentors[firm] = map[string]bool{}
	}
	mentors[firm][area] = true
}

// recentOffersDays is the window of fairness: offers received in the last 30 days.
const recentOffersDays = 30

func (s *Store) maxRecentOffers(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.scanRows(ctx, `SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM offers WHERE created_at > $1 GROUP BY attorney_id) x`,
		[]any{now.AddDate(0, 0, -recentOffersDays)}, []any{&n}, func() {})
	return n, translate(err, "recent offers")
}

// MatchingAttorneyFilter chooses the attorneys MatchingAttorneys reads: the active attorneys of
// active law firms, narrowed by the filters set. Jurisdiction, Area and Language are constraints
// the engine checks first, in this order: the attorneys who fail one are counted by the first they
// fail instead of read.
type MatchingAttorneyFilter struct {
	// Jurisdiction, if set, keeps the attorneys with an active admission there.
	Jurisdiction string
	// Area, if set, keeps the attorneys with this top-level practice area or one of its sub-areas
	// in their profile, and when MentoredOK also those willing to learn under a mentor.
	Area       string
	MentoredOK bool
	// Language, if set, keeps the attorneys who speak it.
	Language string
	// ClearedFor, if set, keeps the attorneys of the firms whose conflict check cleared this referral.
	ClearedFor *uuid.UUID
	// FirmID keeps one firm's attorneys, AttorneyID one attorney.
	FirmID, AttorneyID *uuid.UUID
}

// MatchingAttorney is an attorney as the engine sees them, and whether they ever saved a profile
// (without one, the numbers are zero and the lists empty).
type MatchingAttorney struct {
	matching.Attorney
	Profiled bool
}

// pooledAttorney is an attorney of the pool as read: who they are, without their matters and
// offers, which change with every acceptance and are read for each ranking.
type pooledAttorney struct {
	MatchingAttorney
	id, firm uuid.UUID
	// tops are the top-level practice areas of the profile's areas.
	tops []string
}

// fails returns the first of the filter's constraints the attorney fails, and whether there is one.
func (f MatchingAttorneyFilter) fails(a *pooledAttorney) (matching.Constraint, bool) {
	switch {
	case f.Jurisdiction != "" && !a.Admissions[f.Jurisdiction]:
		return matching.ConstraintBarAdmission, true
	case f.Area != "" && !slices.Contains(a.tops, f.Area) && !(f.MentoredOK && a.AcceptsMentored):
		return matching.ConstraintPracticeArea, true
	case f.Language != "" && !slices.Contains(a.Languages, f.Language):
		return matching.ConstraintLanguage, true
	}
	return "", false
}

// matchingPool keeps the active attorneys of active law firms as of a version of
// matching_pool_version, which every committed write that changes them raises: ranking a referral
// against tens of thousands of attorneys then reads only the version, their matters and their
// offers, instead of every attorney's profile.
type matchingPool struct {
	mu        sync.Mutex
	loaded    bool
	version   int64
	attorneys []pooledAttorney
}

// pooledAttorneys returns the pool: kept while its version is current, read again when not (the
// version is read first, so a write committed in between makes the next call read again). Inside
// a transaction it is read and not kept.
func (s *Store) pooledAttorneys(ctx context.Context) ([]pooledAttorney, error) {
	if s.pool == nil {
		return s.readPool(ctx)
	}
	var version int64
	if err := s.scanRows(ctx, `SELECT version FROM matching_pool_version`, nil, []any{&version}, func() {}); err != nil {
		return nil, translate(err, "matching pool version")
	}
	s.pool.mu.Lock()
	defer s.pool.mu.Unlock()
	if s.pool.loaded && s.pool.version == version {
		return s.pool.attorneys, nil
	}
	attorneys, err := s.readPool(ctx)
	if err != nil {
		return nil, err
	}
	s.pool.loaded, s.pool.version, s.pool.attorneys = true, version, attorneys
	return attorneys, nil
}

// readPool reads every active attorney of an active law firm with their profile: one query.
func (s *Store) readPool(ctx context.Context) ([]pooledAttorney, error) {
	const query = `SELECT m.user_id, m.org_id, am.user_id IS NOT NULL, coalesce(am.monthly_hour_budget, 0),
		coalesce(am.max_active_matters, 0), coalesce(am.annual_goal_hours, 0), coalesce(am.work_mode, 'either'),
		coalesce(am.accepts_mentored, false), coalesce(am.profile, '|||||')
	FROM memberships m
	JOIN users u ON u.id = m.user_id AND u.active
	JOIN organizations o ON o.id = m.org_id AND o.kind = 'law_firm' AND o.deactivated_at IS NULL
	LEFT JOIN attorney_matching am ON am.user_id = m.user_id
	WHERE m.role = 'attorney'`
	var (
		a                       pooledAttorney
		budget, maxActive, goal int
		profile                 string
		out                     []pooledAttorney
		bad                     error
	)
	zones := map[string]*time.Location{}
	dest := []any{uuidDest{&a.id}, uuidDest{&a.firm}, &a.Profiled, &budget, &maxActive, &goal, &a.WorkMode, &a.AcceptsMentored, &profile}
	err := s.scanRows(ctx, query, nil, dest, func() {
		a.ID, a.FirmID = a.id.String(), a.firm.String()
		a.MaxActive, a.MonthlyBudget, a.AnnualGoal = maxActive, float64(budget), float64(goal)
		if err := parseMatchingProfile(profile, &a.Attorney, zones); err != nil && bad == nil {
			bad = fmt.Errorf("attorney %s: %w", a.id, err)
		}
		for code := range a.Areas {
			if top, _, _ := strings.Cut(code, "."); !slices.Contains(a.tops, top) {
				a.tops = append(a.tops, top)
			}
		}
		out = append(out, a)
		a = pooledAttorney{}
	})
	if err == nil {
		err = bad
	}
	return out, translate(err, "attorneys")
}

// load is what an attorney has taken on: active matters, the hours of the matters started this
// month and this year, and the offers received in the fairness window.
type load struct {
	active, monthHours, yearHours, recent int
}

// loads reads the load of every attorney with matters or recent offers (of one attorney when
// attorney is set): one query, over matters and offers alone.
func (s *Store) loads(ctx context.Context, month, year, recent time.Time, attorney *uuid.UUID) (map[uuid.UUID]load, error) {
	const query = `SELECT attorney_id, sum(active), sum(month_hours), sum(year_hours), sum(recent) FROM (
		SELECT mt.attorney_id, count(*) FILTER (WHERE mt.status = 'active') AS active,
			coalesce(sum(coalesce(r.estimated_hours, 10)) FILTER (WHERE mt.status <> 'withdrawn' AND mt.started_at >= $1), 0) AS month_hours,
			coalesce(sum(coalesce(r.estimated_hours, 10)) FILTER (WHERE mt.status <> 'withdrawn' AND mt.started_at >= $2), 0) AS year_hours,
			0 AS recent
		FROM matters mt JOIN referrals r ON r.id = mt.referral_id
		WHERE (mt.status = 'active' OR mt.started_at >= $2) AND ($4::uuid IS NULL OR mt.attorney_id = $4)
		GROUP BY mt.attorney_id
		UNION ALL
		SELECT attorney_id, 0, 0, 0, count(*) FROM offers WHERE created_at > $3 AND ($4::uuid IS NULL OR attorney_id = $4)
		GROUP BY attorney_id) x
	GROUP BY attorney_id`
	out := map[uuid.UUID]load{}
	var id uuid.UUID
	var l load
	err := s.scanRows(ctx, query, []any{month, year, recent, attorney}, []any{uuidDest{&id}, &l.active, &l.monthHours, &l.yearHours, &l.recent},
		func() { out[id] = l })
	return out, translate(err, "attorneys' matters and offers")
}

// clearedFirms reads the firms whose conflict check cleared the referral (and is not waiting to
// run again after a registry import).
func (s *Store) clearedFirms(ctx context.Context, referralID uuid.UUID) (map[uuid.UUID]bool, error) {
	out := map[uuid.UUID]bool{}
	var firm uuid.UUID
	err := s.scanRows(ctx, `SELECT firm_id FROM conflict_checks WHERE referral_id = $1 AND result IN ('clear', 'cleared') AND NOT recheck_pending`,
		[]any{referralID}, []any{uuidDest{&firm}}, func() { out[firm] = true })
	return out, translate(err, "conflict checks")
}

// MatchingAttorneys returns the attorneys the filter keeps, in no order, with what ranking needs
// of each as of now (hours committed are the estimated hours of the matters started, until
// withdrawn), and counts those its Jurisdiction, Area and Language filters leave out by the first
// they fail. It reads the pool's version, the attorneys' matters and offers, and the referral's
// cleared firms when ClearedFor is set; the attorneys themselves only when the pool changed.
func (s *Store) MatchingAttorneys(ctx context.Context, f MatchingAttorneyFilter, now time.Time) ([]MatchingAttorney, map[matching.Constraint]int, error) {
	now = now.UTC()
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	year := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	pool, err := s.pooledAttorneys(ctx)
	if err != nil {
		return nil, nil, err
	}
	loads, err := s.loads(ctx, month, year, now.AddDate(0, 0, -recentOffersDays), f.AttorneyID)
	if err != nil {
		return nil, nil, err
	}
	var cleared map[uuid.UUID]bool
	if f.ClearedFor != nil {
		if cleared, err = s.clearedFirms(ctx, *f.ClearedFor); err != nil {
			return nil, nil, err
		}
	}
	var out []MatchingAttorney
	skipped := map[matching.Constraint]int{}
	for i := range pool {
		a := &pool[i]
		if (f.FirmID != nil && a.firm != *f.FirmID) || (f.AttorneyID != nil && a.id != *f.AttorneyID) || (cleared != nil && !cleared[a.firm]) {
			continue
		}
		if c, failed := f.fails(a); failed {
			skipped[c]++
			continue
		}
		kept := a.MatchingAttorney
		l := loads[a.id]
		kept.Active, kept.RecentOffers = l.active, l.recent
		kept.HoursThisMonth, kept.HoursThisYear = float64(l.monthHours), float64(l.yearHours)
		out = append(out, kept)
	}
	return out, skipped, nil
}

// parseMatchingProfile reads attorney_matching.profile (its format is in the migration that made
// it) into a.
func parseMatchingProfile(profile string, a *matching.Attorney, zones map[string]*time.Location) error {
	f := strings.Split(profile, "|")
	if len(f) != 6 {
		return fmt.Errorf("matching profile %q has %d fields", profile, len(f))
	}
	items := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	admissions, areas, windows, blackouts := items(f[0]), items(f[1]), items(f[3]), items(f[5])
	a.Admissions = make(map[string]bool, len(admissions))
	for _, j := range admissions {
		a.Admissions[j] = true
	}
	a.Areas = make(map[string]matching.Experience, len(areas))
	for _, item := range areas {
		code, level, _ := strings.Cut(item, ":")
		n, err := strconv.Atoi(level)
		if err != nil {
			return fmt.Errorf("area %q: %w", item, err)
		}
		a.Areas[code] = matching.Experience(n) // the levels are the engine's
	}
	a.Languages = items(f[2])
	a.Windows = make([]matching.Window, len(windows))
	for i, item := range windows {
		day, span, _ := strings.Cut(item, ":")
		start, end, _ := strings.Cut(span, "-")
		d, err1 := strconv.Atoi(day)
		s, err2 := strconv.Atoi(start)
		e, err3 := strconv.Atoi(end)
		if err := errors.Join(err1, err2, err3); err != nil {
			return fmt.Errorf("window %q: %w", item, err)
		}
		a.Windows[i] = matching.Window{Weekday: time.Weekday(d), Start: s, End: e}
	}
	a.Location = location(zones, f[4])
	a.Blackouts = make([]matching.DateRange, len(blackouts))
	for i, item := range blackouts {
		from, to, _ := strings.Cut(item, "/")
		start, err1 := time.Parse(time.DateOnly, from)
		end, err2 := time.Parse(time.DateOnly, to)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("blackout %q: %w", item, err)
		}
		a.Blackouts[i] = matching.DateRange{From: start, To: end}
	}
	return nil
}

// location returns the time zone named, loaded once per read; nil (UTC) for none. Zones were
// checked when the profile was saved.
func location(zones map[string]*time.Location, name string) *time.Location {
	if name == "" {
		return nil
	}
	if loc, ok := zones[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	zones[name] = loc
	return loc
}

// AttorneyName is an attorney's name and their firm's.
type AttorneyName struct{ Name, FirmName string }

// AttorneyNames reads the names of the attorneys given, and of their firms, by attorney id.
func (s *Store) AttorneyNames(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]AttorneyName, error) {
	out := make(map[uuid.UUID]AttorneyName, len(ids))
	var id uuid.UUID
	var n AttorneyName
	err := s.scanRows(ctx, `SELECT u.id, u.name, o.name FROM users u
		JOIN memberships m ON m.user_id = u.id JOIN organizations o ON o.id = m.org_id WHERE u.id = ANY($1)`,
		[]any{uuidArray(ids)}, []any{uuidDest{&id}, &n.Name, &n.FirmName}, func() { out[id] = n })
	return out, translate(err, "attorney names")
}
