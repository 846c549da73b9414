package credit

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/problem"
)

// NewService returns the credit service.
func NewService(db Store) Service {
	return &service{db: db, now: time.Now}
}

type service struct {
	db  Store
	now func() time.Time
}

var (
	errFirmNotFound     = problem.New(problem.NotFound, "Firm not found.")
	errAttorneyNotFound = problem.New(problem.NotFound, "Attorney not found.")
	errForbidden        = problem.New(problem.Forbidden, "Only the firm's coordinators and org admins may do this.")
	errChangedMeanwhile = problem.New(problem.PreconditionFailed, "Someone else changed these billable hours after you opened them. Reload to see their figures, then enter yours again.")
	errSameDate         = &problem.Error{Kind: problem.Conflict,
		Detail: "The firm already has a credit policy from this date; a policy is never edited, so choose another effective date for the new version.",
		Fields: []problem.FieldError{problem.Field("effective_from", "already has a policy version")}}
)

// manages reports whether the caller runs the firm's credit: its coordinators and org admins.
func manages(p auth.Principal, firmID uuid.UUID) bool {
	return p.IsPlatformAdmin() || (p.OrgID == firmID && (p.Role == auth.RoleCoordinator || p.Role == auth.RoleOrgAdmin))
}

// managedFirm returns the firm the caller manages: NotFound when it is another organisation's or
// not a law firm, Forbidden to its members who do not manage it.
func (s *service) managedFirm(ctx context.Context, p auth.Principal, firmID uuid.UUID) (Firm, error) {
	if !p.IsPlatformAdmin() && p.OrgID != firmID {
		return Firm{}, errFirmNotFound
	}
	firm, err := s.db.LawFirm(ctx, firmID)
	if problem.Is(err, problem.NotFound) {
		return Firm{}, errFirmNotFound
	}
	if err != nil {
		return Firm{}, err
	}
	if !manages(p, firmID) {
		return Firm{}, errForbidden
	}
	return firm, nil
}

func (s *service) Policies(ctx context.Context, p auth.Principal, firmID *uuid.UUID) ([]Policy, error) {
	switch {
	case p.IsPlatformAdmin() && firmID != nil:
		return s.db.CreditPolicies(ctx, *firmID)
	case p.OrgKind == auth.KindLawFirm && (firmID == nil || *firmID == p.OrgID):
		return s.db.CreditPolicies(ctx, p.OrgID)
	}
	return []Policy{}, nil
}

func (s *service) CreatePolicy(ctx context.Context, p auth.Principal, in PolicyInput) (Policy, error) {
	firmID := p.OrgID
	switch {
	case in.FirmID != nil:
		firmID = *in.FirmID
	case p.IsPlatformAdmin():
		return Policy{}, problem.Validation(problem.Field("firm_id", "is required: name the firm the policy is for"))
	}
	if !p.IsPlatformAdmin() && (p.OrgKind != auth.KindLawFirm || !manages(p, p.OrgID)) {
		return Policy{}, errForbidden
	}
	if _, err := s.managedFirm(ctx, p, firmID); err != nil {
		return Policy{}, err
	}
	policy, err := validatedPolicy(in)
	if err != nil {
		return Policy{}, err
	}
	policy.ID, policy.FirmID, policy.CreatedBy = uuid.New(), firmID, p.UserID
	err = s.db.Tx(ctx, func(tx CreditTx) error {
		if err := tx.SaveCreditPolicy(ctx, policy); err != nil {
			if problem.Is(err, problem.Conflict) {
				return errSameDate
			}
			return err
		}
		return tx.Audit(ctx, audit.Record{ActorID: &p.UserID, OrgID: &firmID, Action: "credit.policy_created",
			ObjectType: "credit_policy", ObjectID: policy.ID.String(), After: policyAudit(policy)})
	})
	if err != nil {
		return Policy{}, err
	}
	versions, err := s.db.CreditPolicies(ctx, firmID)
	for _, v := range versions {
		if v.ID == policy.ID {
			return v, err
		}
	}
	return policy, err
}

// policyAudit is a version's terms as the audit trail records them.
func policyAudit(p Policy) json.RawMessage {
	var capHours *float64
	if p.AnnualCap != nil {
		h := p.AnnualCap.Hours()
		capHours = &h
	}
	b, _ := json.Marshal(map[string]any{
		"effective_from": p.EffectiveFrom.Format("2006-01-02"), "fiscal_year_start_month": p.FiscalYearStartMonth,
		"annual_cap_hours": capHours, "credit_ratio": float64(p.RatioPercent) / 100, "eligible_activities": p.EligibleActivities,
		"training_counts": p.TrainingCounts, "supervision_counts": p.SupervisionCounts,
		"matter_eligibility": p.MatterEligibility, "challenge_measure": p.ChallengeMeasure,
	})
	return b
}

func (s *service) SetBillableHours(ctx context.Context, p auth.Principal, firmID uuid.UUID, year int, in BillableHoursInput, cond etag.Condition) (BillableHours, error) {
	if _, err := s.managedFirm(ctx, p, firmID); err != nil {
		return BillableHours{}, err
	}
	hours, err := validatedBillableHours(year, in)
	if err != nil {
		return BillableHours{}, err
	}
	row := BillableHours{FirmID: firmID, FiscalYear: year, Hours: hours, Attorneys: in.Attorneys, UpdatedBy: p.UserID}
	err = s.db.Tx(ctx, func(tx CreditTx) error {
		old, err := tx.LockBillableHours(ctx, firmID, year)
		var before json.RawMessage
		switch {
		case err == nil:
			before = billableAudit(old)
		case !problem.Is(err, problem.NotFound):
			return err
		}
		if !cond.Allows(old.Version) {
			return errChangedMeanwhile
		}
		row.Version = old.Version + 1
		if err := tx.SaveBillableHours(ctx, row); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Record{ActorID: &p.UserID, OrgID: &firmID, Action: "credit.billable_hours_set",
			ObjectType: "firm_billable_hours", ObjectID: firmID.String() + "/" + strconv.Itoa(year), Before: before, After: billableAudit(row)})
	})
	if err != nil {
		return BillableHours{}, err
	}
	return s.db.BillableHours(ctx, firmID, year)
}

func billableAudit(b BillableHours) json.RawMessage {
	out, _ := json.Marshal(map[string]any{"fiscal_year": b.FiscalYear, "billable_hours": b.Hours.Hours(), "attorneys": b.Attorneys})
	return out
}

func (s *service) Attorney(ctx context.Context, p auth.Principal, attorneyID uuid.UUID, year *int) (AttorneyCredit, error) {
	a, err := s.db.FirmAttorney(ctx, attorneyID)
	if problem.Is(err, problem.NotFound) || (err == nil && p.UserID != attorneyID && !manages(p, a.FirmID)) {
		return AttorneyCredit{}, errAttorneyNotFound
	}
	if err != nil {
		return AttorneyCredit{}, err
	}
	if err := validYear(year); err != nil {
		return AttorneyCredit{}, err
	}
	policies, err := s.db.CreditPolicies(ctx, a.FirmID)
	if err != nil {
		return AttorneyCredit{}, err
	}
	today := s.now().UTC()
	period := fiscalPeriod(policies, year, today)
	months, err := s.db.LedgerMonths(ctx, a.FirmID, &a.ID, period.FiscalYear)
	if err != nil {
		return AttorneyCredit{}, err
	}
	areas, err := s.db.AreaHours(ctx, a.FirmID, &a.ID, period.StartsOn, period.EndsOn.AddDate(0, 0, 1))
	if err != nil {
		return AttorneyCredit{}, err
	}
	out := summarise(a, period, current(policies, period, today), months)
	out.ByMonth, out.ByArea = monthsOf(period, months), areas
	return out, nil
}

func (s *service) Firm(ctx context.Context, p auth.Principal, firmID uuid.UUID, year *int) (FirmCredit, error) {
	firm, err := s.managedFirm(ctx, p, firmID)
	if err != nil {
		return FirmCredit{}, err
	}
	if err := validYear(year); err != nil {
		return FirmCredit{}, err
	}
	policies, err := s.db.CreditPolicies(ctx, firmID)
	if err != nil {
		return FirmCredit{}, err
	}
	today := s.now().UTC()
	period := fiscalPeriod(policies, year, today)
	policy := current(policies, period, today)
	attorneys, err := s.db.FirmAttorneys(ctx, firmID)
	if err != nil {
		return FirmCredit{}, err
	}
	months, err := s.db.LedgerMonths(ctx, firmID, nil, period.FiscalYear)
	if err != nil {
		return FirmCredit{}, err
	}
	areas, err := s.db.AreaHours(ctx, firmID, nil, period.StartsOn, period.EndsOn.AddDate(0, 0, 1))
	if err != nil {
		return FirmCredit{}, err
	}
	billable, err := s.db.BillableHours(ctx, firmID, period.FiscalYear)
	if err != nil && !problem.Is(err, problem.NotFound) {
		return FirmCredit{}, err
	}
	var entered *BillableHours
	if err == nil {
		entered = &billable
	}
	out := FirmCredit{FirmID: firm.ID, FirmName: firm.Name, Period: period, ByMonth: monthsOf(period, months), ByArea: areas}
	byAttorney := map[uuid.UUID][]AttorneyMonth{}
	for _, m := range months {
		byAttorney[m.AttorneyID] = append(byAttorney[m.AttorneyID], m)
	}
	active := 0
	for _, a := range attorneys {
		sum := summarise(a, period, policy, byAttorney[a.ID])
		out.Attorneys = append(out.Attorneys, sum)
		if sum.Approved >= ActiveHoursMark*100 {
			active++
		}
	}
	for _, m := range months {
		out.Approved += m.Hours
		out.Credited += m.Credited
	}
	out.Challenge = challenge(policy, entered, out.Approved, len(attorneys), active)
	return out, nil
}

// summarise is an attorney's totals for a period from their ledger months.
func summarise(a Attorney, period Period, policy *Policy, months []AttorneyMonth) AttorneyCredit {
	out := AttorneyCredit{AttorneyID: a.ID, FirmID: a.FirmID, AttorneyName: a.Name, Period: period, AnnualGoalHours: a.AnnualGoalHours}
	for _, m := range months {
		out.Approved += m.Hours
		out.Credited += m.Credited
	}
	if policy != nil && policy.AnnualCap != nil {
		capHours, left := *policy.AnnualCap, max(*policy.AnnualCap-out.Credited, 0)
		out.AnnualCap, out.Remaining = &capHours, &left
	}
	if a.AnnualGoalHours > 0 {
		progress := out.Approved.Hours() / float64(a.AnnualGoalHours)
		out.GoalProgress = &progress
	}
	return out
}

// monthsOf is every month of the period with the sums of its ledger rows (of every attorney given).
func monthsOf(period Period, rows []AttorneyMonth) []Month {
	var out []Month
	index := map[time.Time]int{}
	for m := period.StartsOn; !m.After(period.EndsOn); m = m.AddDate(0, 1, 0) {
		index[m] = len(out)
		out = append(out, Month{Month: m})
	}
	for _, r := range rows {
		if i, ok := index[r.Month.Month]; ok {
			out[i].Hours += r.Hours
			out[i].Credited += r.Credited
		}
	}
	return out
}

// challenge is the firm's standing: pro bono hours against billable hours or attorneys, as the
// policy in force measures it (percentage without one).
func challenge(policy *Policy, entered *BillableHours, proBono Centihours, attorneys, active int) Challenge {
	c := Challenge{Measure: MeasurePercentage, ProBono: proBono}
	if policy != nil {
		c.Measure = policy.ChallengeMeasure
	}
	c.Marks = ChallengeMarks[c.Measure]
	counted := attorneys
	if entered != nil {
		hours, n := entered.Hours, entered.Attorneys
		c.BillableHours, c.Attorneys = &hours, &n
		if hours > 0 {
			pct := float64(proBono) / float64(hours) * 100
			c.Percentage = &pct
		}
		if n > 0 {
			counted = n
		}
	}
	if counted > 0 {
		per := proBono.Hours() / float64(counted)
		c.PerAttorney = &per
	}
	if attorneys > 0 {
		share := float64(active) / float64(attorneys)
		c.ShareActive = &share
	}
	value := c.Percentage
	if c.Measure == MeasurePerAttorney {
		value = c.PerAttorney
	}
	for _, mark := range c.Marks {
		if value != nil && *value >= mark {
			m := mark
			c.MetMark = &m
		}
	}
	return c
}

func validYear(year *int) error {
	if year != nil && (*year < minYear || *year > maxYear) {
		return problem.Validation(problem.Field("fiscal_year", "must be a year from 2000 to 2100"))
	}
	return nil
}

// ledgerSort names the ledger's one order in its cursors.
const ledgerSort = "ledger"

func (s *service) Ledger(ctx context.Context, p auth.Principal, f LedgerFilter) ([]LedgerRow, string, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	if err := validYear(f.FiscalYear); err != nil {
		return nil, "", err
	}
	q := LedgerQuery{AttorneyID: f.AttorneyID, FiscalYear: f.FiscalYear, Limit: f.Limit + 1} // one more tells whether there is a next page
	if f.Cursor != "" {
		key, err := cursor.Decode(f.Cursor, ledgerSort, 1)
		if err != nil {
			return nil, "", err
		}
		id, err := strconv.ParseInt(key[0], 10, 64)
		if err != nil || id <= 0 {
			return nil, "", cursor.ErrInvalid
		}
		q.BeforeID = &id
	}
	switch {
	case p.IsPlatformAdmin():
	case p.OrgKind == auth.KindLawFirm && manages(p, p.OrgID):
		q.FirmID = &p.OrgID
	case p.Role == auth.RoleAttorney:
		if f.AttorneyID != nil && *f.AttorneyID != p.UserID {
			return []LedgerRow{}, "", nil
		}
		q.AttorneyID = &p.UserID
	default:
		return []LedgerRow{}, "", nil
	}
	rows, err := s.db.LedgerPage(ctx, q)
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		next = cursor.Encode(ledgerSort, []string{strconv.FormatInt(rows[f.Limit-1].ID, 10)})
	}
	return rows, next, nil
}
