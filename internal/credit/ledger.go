package credit

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// Ledger writes the credit approved entries earn, in the transaction that approves them.
type Ledger struct{}

// NewLedger returns the ledger writer.
func NewLedger() Ledger { return Ledger{} }

// Credit appends one ledger row per entry: its hours and the credit the firm's policy in force on
// its date grants it, the ratio applied and capped at what is left of the attorney's annual cap.
// A negative entry takes back what it corrects of the credit of the entry it adjusts, under that
// entry's terms. Each attorney's fiscal year is locked first, so parallel approvals cannot both
// pass the cap. Entries are credited in the order they were worked (then by id).
func (Ledger) Credit(ctx context.Context, tx LedgerTx, entries []Approved) error {
	if len(entries) == 0 {
		return nil
	}
	entries = slices.Clone(entries)
	slices.SortFunc(entries, func(a, b Approved) int {
		return cmp.Or(a.WorkDate.Compare(b.WorkDate), strings.Compare(a.EntryID.String(), b.EntryID.String()))
	})
	var firms, adjusted []uuid.UUID
	for _, e := range entries {
		firms = append(firms, e.FirmID)
		if e.Minutes < 0 && e.AdjustsID != nil {
			adjusted = append(adjusted, *e.AdjustsID)
		}
	}
	policies, err := tx.CreditPolicies(ctx, unique(firms)...)
	if err != nil {
		return err
	}
	byFirm := map[uuid.UUID][]Policy{}
	for _, p := range policies {
		byFirm[p.FirmID] = append(byFirm[p.FirmID], p)
	}
	originals := map[uuid.UUID]Granted{}
	if len(adjusted) > 0 {
		if originals, err = tx.GrantedCredit(ctx, unique(adjusted)); err != nil {
			return err
		}
	}
	plans := make([]plan, len(entries))
	var keys []YearKey
	var limitedMeans []uuid.UUID
	for i, e := range entries {
		pl := plan{entry: e}
		if e.Minutes < 0 {
			if g, ok := originals[derefID(e.AdjustsID)]; ok {
				pl.key = YearKey{g.AttorneyID, g.FirmID, g.FiscalYear}
			} else {
				pl.key = YearKey{e.AttorneyID, e.FirmID, fiscalYearOf(e.WorkDate, startMonth(inForce(byFirm[e.FirmID], e.WorkDate)))}
			}
		} else {
			pl.policy = inForce(byFirm[e.FirmID], e.WorkDate)
			pl.key = YearKey{e.AttorneyID, e.FirmID, fiscalYearOf(e.WorkDate, startMonth(pl.policy))}
			if pl.policy != nil && pl.policy.MatterEligibility == LimitedMeansMatters {
				limitedMeans = append(limitedMeans, e.MatterID)
			}
		}
		plans[i] = pl
		keys = append(keys, pl.key)
	}
	poverty := map[uuid.UUID]float64{}
	if len(limitedMeans) > 0 {
		if poverty, err = tx.PovertyPercents(ctx, unique(limitedMeans)); err != nil {
			return err
		}
	}
	keys = uniqueKeys(keys)
	if err := tx.LockCreditYears(ctx, keys); err != nil {
		return err
	}
	granted, err := tx.CreditedHours(ctx, keys)
	if err != nil {
		return err
	}
	rows := make([]LedgerRow, len(plans))
	for i, pl := range plans {
		row := LedgerRow{EntryID: pl.entry.EntryID, AttorneyID: pl.entry.AttorneyID, FirmID: pl.entry.FirmID,
			FiscalYear: pl.key.FiscalYear, WorkDate: dateOf(pl.entry.WorkDate), Hours: minutesToCentihours(pl.entry.Minutes)}
		if pl.entry.Minutes < 0 {
			g, ok := originals[derefID(pl.entry.AdjustsID)]
			if !ok {
				takeBack(&row, nil)
			} else {
				takeBack(&row, &g)
				// A later correction of the same entry in this batch starts from what this one left.
				g.ReversedHours, g.ReversedCredit = g.ReversedHours+row.Hours, g.ReversedCredit+row.Credited
				originals[g.EntryID] = g
			}
		} else {
			grant(&row, pl.policy, pl.entry, poverty[pl.entry.MatterID], granted[pl.key])
		}
		granted[pl.key] += row.Credited
		rows[i] = row
	}
	return tx.AppendLedger(ctx, rows)
}

// plan is an entry with the policy and fiscal year it is credited under.
type plan struct {
	entry  Approved
	policy *Policy // nil for a negative entry, or without a policy in force
	key    YearKey
}

// grant decides the credit of an entry of positive hours under policy p, with soFar credited in
// the attorney's fiscal year already.
func grant(row *LedgerRow, p *Policy, e Approved, povertyPercent float64, soFar Centihours) {
	if p == nil {
		row.Reason = fmt.Sprintf("No credit: the firm had no credit policy in force on %s.", row.WorkDate.Format("2006-01-02"))
		return
	}
	row.PolicyID = &p.ID
	if !p.counts(e.Activity) {
		row.Reason = fmt.Sprintf("No credit: %s does not count under the firm's credit policy from %s.",
			activityNames[e.Activity], p.EffectiveFrom.Format("2006-01-02"))
		return
	}
	if p.MatterEligibility == LimitedMeansMatters && povertyPercent > LimitedMeansPercent {
		row.Reason = fmt.Sprintf("No credit: the firm's credit policy counts only matters for clients at or below %d%% of the poverty guideline, and this client's income is %s%% of it.",
			LimitedMeansPercent, strconv.FormatFloat(povertyPercent, 'f', -1, 64))
		return
	}
	full := Centihours((int64(e.Minutes)*int64(p.RatioPercent) + 30) / 60)
	credited := full
	if p.AnnualCap != nil {
		room := max(*p.AnnualCap-soFar, 0)
		if room < full {
			credited, row.CapApplied = room, true
		}
	}
	row.Credited = credited
	at := fmt.Sprintf("%s hours at %s credit hours an hour", hoursText(row.Hours), ratioText(p.RatioPercent))
	prefix := ""
	if e.Activity == Training {
		prefix = "Training on a matter counts under the firm's credit policy. "
	}
	switch {
	case !row.CapApplied:
		row.Reason = fmt.Sprintf("%sCredited %s hours: %s.", prefix, hoursText(credited), at)
	case credited == 0:
		row.Reason = fmt.Sprintf("No credit: the attorney has reached the firm's annual cap of %s credited hours for fiscal year %d.",
			hoursText(*p.AnnualCap), row.FiscalYear)
	default:
		row.Reason = fmt.Sprintf("%sCredited %s of %s hours (%s): the rest is over the firm's annual cap of %s credited hours for fiscal year %d.",
			prefix, hoursText(credited), hoursText(full), at, hoursText(*p.AnnualCap), row.FiscalYear)
	}
}

// takeBack decides the (negative) credit of an entry that corrects g downwards: g's credit had it
// been for its hours less the corrections so far and this one, under g's ratio and, if g was
// capped, never more than g earned; the difference from what g holds now is taken back.
func takeBack(row *LedgerRow, g *Granted) {
	if g == nil {
		row.Reason = "No credit to take back: the entry this one corrects has no credit recorded."
		return
	}
	row.PolicyID = g.PolicyID
	if g.Credited <= 0 {
		row.Reason = "No credit to take back: the entry this one corrects earned none."
		return
	}
	holds := g.Credited + g.ReversedCredit
	hours := max(g.Hours+g.ReversedHours+row.Hours, 0)
	target := (hours*Centihours(g.RatioPercent) + 50) / 100
	if g.CapApplied && target >= g.Credited {
		target, row.CapApplied = g.Credited, true
	}
	row.Credited = min(target-holds, 0)
	if row.Credited == 0 {
		row.Reason = "No credit to take back: the entry this one corrects was capped, and its remaining hours still earn all it was credited."
		return
	}
	row.Reason = fmt.Sprintf("Takes back %s credited hours of the entry this one corrects by %s hours.", hoursText(-row.Credited), hoursText(row.Hours))
}

// counts reports whether time of an activity earns credit under p.
func (p *Policy) counts(activity string) bool {
	switch activity {
	case Training:
		return p.TrainingCounts
	case Supervision:
		return p.SupervisionCounts
	}
	return slices.Contains(p.EligibleActivities, activity)
}

// activityNames are the activities as reasons name them.
var activityNames = map[string]string{
	"client_meeting": "time in client meetings", "research": "research", "drafting": "drafting",
	"court_appearance": "time in court", "travel": "travel", "administrative": "administrative work",
	Training: "training", Supervision: "supervision",
}

// hoursText writes hours as people read them: 2.5, 50, 1.25.
func hoursText(c Centihours) string { return strconv.FormatFloat(c.Hours(), 'f', -1, 64) }

// ratioText writes a ratio in hundredths as a number: 1, 1.5, 0.75.
func ratioText(percent int) string { return strconv.FormatFloat(float64(percent)/100, 'f', -1, 64) }

func unique(ids []uuid.UUID) []uuid.UUID {
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(ids)
}

// uniqueKeys sorts keys into the one order every transaction locks them in, without repeats.
func uniqueKeys(keys []YearKey) []YearKey {
	slices.SortFunc(keys, func(a, b YearKey) int {
		return cmp.Or(strings.Compare(a.AttorneyID.String(), b.AttorneyID.String()),
			strings.Compare(a.FirmID.String(), b.FirmID.String()), cmp.Compare(a.FiscalYear, b.FiscalYear))
	})
	return slices.Compact(keys)
}

func derefID(id *uuid.UUID) uuid.UUID {
	if id == nil {
		return uuid.Nil
	}
	return *id
}
