package hours

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/problem"
)

// faults collects the field errors of one or more entries.
type faults []problem.FieldError

// add appends fields, each renamed by at (entries[3].minutes for a batch's fourth entry).
func (f *faults) add(at func(string) string, fields []problem.FieldError) {
	for _, fe := range fields {
		*f = append(*f, problem.Field(at(fe.Field), fe.Message))
	}
}

func (f faults) err() error {
	if len(f) == 0 {
		return nil
	}
	return problem.Validation(f...)
}

func entryField(i int, name string) string { return fmt.Sprintf("entries[%d].%s", i, name) }

// entryFaults checks an entry's own fields: a positive multiple of 6 minutes up to 24 hours, a
// known activity, a narrative, a rate in range.
func entryFaults(minutes int, activity, narrative string, rate *int) []problem.FieldError {
	var out []problem.FieldError
	if minutes <= 0 || minutes%Unit != 0 || minutes > DayMinutes {
		out = append(out, problem.Field("minutes", "must be a positive multiple of 6 minutes (0.1 hour), at most 24 hours"))
	}
	return append(out, commonFaults(activity, narrative, rate)...)
}

// adjustmentFaults is entryFaults for an adjusting entry, whose minutes may be negative.
func adjustmentFaults(minutes int, activity, narrative string, rate *int) []problem.FieldError {
	var out []problem.FieldError
	if minutes == 0 || minutes%Unit != 0 || minutes > DayMinutes || minutes < -DayMinutes {
		out = append(out, problem.Field("minutes", "must be a multiple of 6 minutes (0.1 hour) other than zero, at most 24 hours either way"))
	}
	return append(out, commonFaults(activity, narrative, rate)...)
}

func commonFaults(activity, narrative string, rate *int) []problem.FieldError {
	var out []problem.FieldError
	if !slices.Contains(Activities, activity) {
		out = append(out, problem.Field("activity", "must be one of "+strings.Join(Activities, ", ")))
	}
	if strings.TrimSpace(narrative) == "" {
		out = append(out, problem.Field("narrative", "is required: say what the time was spent on"))
	} else if utf8.RuneCountInString(narrative) > MaxNarrative {
		out = append(out, problem.Field("narrative", fmt.Sprintf("must be at most %d characters", MaxNarrative)))
	}
	if rate != nil && (*rate < 0 || *rate > MaxRateCents) {
		out = append(out, problem.Field("rate_cents", fmt.Sprintf("must be between 0 and %d", MaxRateCents)))
	}
	return out
}

// dateFaults checks a work date against the matter and the attorney's today: not in the future,
// not before the day the matter was accepted, not after the day it ended. Days are the attorney's.
func dateFaults(m Matter, day, now time.Time) []problem.FieldError {
	loc := location(m.TimeZone)
	bad := func(msg string, args ...any) []problem.FieldError {
		return []problem.FieldError{problem.Field("work_date", fmt.Sprintf(msg, args...))}
	}
	if today := dateOf(now.In(loc)); day.After(today) {
		return bad("is in the future (today is %s)", today.Format(time.DateOnly))
	}
	if started := dateOf(m.StartedAt.In(loc)); day.Before(started) {
		return bad("is before the matter was accepted on %s", started.Format(time.DateOnly))
	}
	if m.EndedAt != nil {
		if ended := dateOf(m.EndedAt.In(loc)); day.After(ended) {
			return bad("is after the matter was %s on %s", m.Status, ended.Format(time.DateOnly))
		}
	}
	return nil
}

// location is an attorney's time zone; UTC when they have none or it is not one Go knows.
func location(zone string) *time.Location {
	if zone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// checkDays checks that the attorney's time on each day of rows, with what they logged already
// (except the entries named), stays within 24 hours. Call it under the attorney's lock, so that
// parallel writes are counted one after the other. Of a day's rows, those that take it past 24
// hours are named.
func checkDays(ctx context.Context, tx Tx, attorneyID uuid.UUID, rows []Entry, except []uuid.UUID, field func(i int, name string) string) error {
	over, err := overDays(ctx, tx, attorneyID, rows, except)
	if err != nil {
		return err
	}
	var out faults
	for i, r := range rows {
		if total, ok := over[i]; ok {
			out = append(out, problem.Field(field(i, "minutes"), fmt.Sprintf(
				"would bring your time on %s to %s hours; an attorney logs at most 24 hours a day",
				r.WorkDate.Format(time.DateOnly), Hours(total))))
		}
	}
	return out.err()
}

// overDays returns, by their index in rows, the rows that take the attorney's time on their day
// past 24 hours, counting what they logged already (except the entries named) and the rows before,
// each with the day's total it comes to. Call it under the attorney's lock.
func overDays(ctx context.Context, tx Tx, attorneyID uuid.UUID, rows []Entry, except []uuid.UUID) (map[int]int, error) {
	var days []time.Time
	for _, r := range rows {
		if !slices.ContainsFunc(days, r.WorkDate.Equal) {
			days = append(days, r.WorkDate)
		}
	}
	logged, err := tx.DayMinutes(ctx, attorneyID, days, except)
	if err != nil {
		return nil, err
	}
	over := map[int]int{}
	for i, r := range rows {
		total := logged[r.WorkDate] + r.Minutes
		logged[r.WorkDate] = total
		if r.Minutes > 0 && total > DayMinutes {
			over[i] = total
		}
	}
	return over, nil
}

// Hours spells minutes as hours with one decimal ("2.5").
func Hours(minutes int) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("%s%d.%d", sign, minutes/60, minutes%60/Unit)
}
