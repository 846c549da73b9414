package timeexchange

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/text"
	"github.com/probono-match/probono/internal/platform/textfile"
)

// The columns of an import file, in any order: the required ones, one of hours or minutes, and
// the optional rate (dollars an hour).
var (
	requiredColumns = []string{"external_id", "attorney_email", "matter_id", "date", "activity", "narrative"}
	optionalColumns = []string{"hours", "minutes", "rate"}
)

// activityNames are the spellings an import takes for each activity: ours, and the UTBMS code we
// export it under.
var activityNames = func() map[string]string {
	out := map[string]string{}
	for activity, code := range ActivityCodes {
		out[activity], out[strings.ToLower(code)] = activity, activity
	}
	return out
}()

var headerHelp = "the first line must name the columns " + strings.Join(requiredColumns, ",") +
	", hours or minutes, and optionally rate"

func (s *service) Import(ctx context.Context, p auth.Principal, upload io.Reader) (ImportReport, error) {
	firmID, err := managedFirm(p)
	if err != nil {
		return ImportReport{}, err
	}
	// The whole upload is on disk before the database is asked anything.
	file, err := textfile.Spool(upload, MaxImportBytes)
	if err != nil {
		return ImportReport{}, err
	}
	defer file.Close()
	parsed, columns, faults, err := readRows(file)
	if err != nil {
		return ImportReport{}, err
	}
	report := ImportReport{Errors: []LineError{}}
	rows, unknown, err := s.resolveAttorneys(ctx, firmID, parsed)
	if err != nil {
		return ImportReport{}, err
	}
	// The hours rules are asked only of a file whose rows read well and name the firm's attorneys.
	if faults = append(faults, unknown...); len(faults) == 0 {
		var recorded []LineError
		report.Created, report.Skipped, recorded, err = s.hours.RecordImported(ctx, p, rows)
		if err != nil {
			return ImportReport{}, err
		}
		for _, f := range recorded {
			f.Field = columnOf(f.Field, columns)
			faults = append(faults, f)
		}
	}
	if len(faults) > 0 {
		report.Created, report.Skipped = 0, 0
		sort.SliceStable(faults, func(i, j int) bool { return faults[i].Line < faults[j].Line })
		for _, f := range faults {
			if len(report.Errors) == MaxErrors {
				report.ErrorsTruncated = true
				break
			}
			report.Errors = append(report.Errors, f)
		}
		return report, nil
	}
	report.Committed = true
	return report, nil
}

// parsedRow is a row as read, before its attorney's email is looked up.
type parsedRow struct {
	Row
	email string
}

// readRows reads the file's rows, checking each on its own. A fault of the file as a whole is an
// Invalid error; a fault of a row is one of the faults returned.
func readRows(file io.Reader) ([]parsedRow, map[string]int, []LineError, error) {
	r := csv.NewReader(textfile.NewReader(file, MaxLineBytes))
	r.FieldsPerRecord = -1 // rows with the wrong number of fields are reported, not fatal
	columns, err := readHeader(r)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows []parsedRow
	var faults []LineError
	seen := map[string]int{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, nil, fileFault(err)
		}
		line, _ := r.FieldPos(0)
		if len(rows) == MaxImportRows {
			return nil, nil, nil, problem.Validation(problem.Field("body", fmt.Sprintf("holds more than %d rows of time; split it into smaller files", MaxImportRows)))
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		row, fs := parseRow(line, columns, rec)
		if first, ok := seen[row.ExternalID]; ok && row.ExternalID != "" {
			fs = append(fs, LineError{line, "external_id", fmt.Sprintf("is the external id of line %d too", first)})
		} else {
			seen[row.ExternalID] = line
		}
		faults = append(faults, fs...)
		rows = append(rows, row)
	}
	if len(rows) == 0 && len(faults) == 0 {
		return nil, nil, nil, problem.Validation(problem.Field("body", "holds no rows of time below its header"))
	}
	return rows, columns, faults, nil
}

// columnOf names the file's column for a field of an entry as the hours domain names it.
func columnOf(field string, columns map[string]int) string {
	switch field {
	case "work_date":
		return "date"
	case "rate_cents":
		return "rate"
	case "minutes":
		if _, ok := columns["hours"]; ok {
			return "hours"
		}
	}
	return field
}

// fileFault turns what ended the CSV reader into the Invalid error it is.
func fileFault(err error) error {
	var fault *textfile.Fault
	if errors.As(err, &fault) {
		return problem.Validation(problem.Field("body", fault.Msg))
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return problem.Validation(problem.Field("body", fmt.Sprintf("line %d is not valid CSV (%v); nothing was imported", pe.StartLine, pe.Err)))
	}
	return err
}

// readHeader reads the column names and returns each one's index.
func readHeader(r *csv.Reader) (map[string]int, error) {
	rec, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, problem.Validation(problem.Field("body", "is empty; "+headerHelp))
	}
	if err != nil {
		return nil, fileFault(err)
	}
	columns := map[string]int{}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		known := slices.Contains(requiredColumns, name) || slices.Contains(optionalColumns, name)
		if _, twice := columns[name]; !known || twice {
			return nil, problem.Validation(problem.Field("body", fmt.Sprintf("column %s is unknown or named twice; %s", textfile.Quoted(name), headerHelp)))
		}
		columns[name] = i
	}
	for _, name := range requiredColumns {
		if _, ok := columns[name]; !ok {
			return nil, problem.Validation(problem.Field("body", "has no column "+name+"; "+headerHelp))
		}
	}
	_, h := columns["hours"]
	_, m := columns["minutes"]
	if h == m {
		return nil, problem.Validation(problem.Field("body", "must have a column hours or a column minutes, not both; "+headerHelp))
	}
	return columns, nil
}

// parseRow reads one record by the header's columns.
func parseRow(line int, columns map[string]int, rec []string) (parsedRow, []LineError) {
	var faults []LineError
	bad := func(field, format string, args ...any) {
		faults = append(faults, LineError{line, field, fmt.Sprintf(format, args...)})
	}
	if len(rec) != len(columns) {
		bad("", "has %d fields, the header %d", len(rec), len(columns))
		return parsedRow{Row: Row{Line: line}}, faults
	}
	cell := func(name string) string {
		i, ok := columns[name]
		if !ok {
			return ""
		}
		return rec[i]
	}
	for _, name := range slices.Sorted(maps.Keys(columns)) {
		if name == "narrative" {
			if fault := text.TextFault(cell(name)); fault != "" {
				bad(name, "%s", fault)
			}
		} else if fault := text.NameFault(cell(name)); fault != "" {
			bad(name, "%s", fault)
		}
	}
	if len(faults) > 0 {
		return parsedRow{Row: Row{Line: line}}, faults
	}
	row := parsedRow{Row: Row{Line: line, ExternalID: strings.TrimSpace(cell("external_id")), Narrative: strings.TrimSpace(cell("narrative"))},
		email: strings.ToLower(strings.TrimSpace(cell("attorney_email")))}
	if n := len([]rune(row.ExternalID)); n == 0 || n > 100 {
		bad("external_id", "must be 1 to 100 characters: the timekeeping system's id of the entry")
	}
	if row.email == "" {
		bad("attorney_email", "is required")
	}
	id, err := uuid.Parse(strings.TrimSpace(cell("matter_id")))
	if err != nil {
		bad("matter_id", "%s is not a matter id", textfile.Quoted(cell("matter_id")))
	}
	row.MatterID = id
	if row.WorkDate, err = parseDate(cell("date")); err != nil {
		bad("date", "%s is not a date as YYYY-MM-DD or MM/DD/YYYY", textfile.Quoted(cell("date")))
	}
	if _, ok := columns["hours"]; ok {
		if row.Minutes, err = parseHours(cell("hours")); err != nil {
			bad("hours", "%s is not a number of hours such as 1.5", textfile.Quoted(cell("hours")))
		}
	} else if row.Minutes, err = strconv.Atoi(strings.TrimSpace(cell("minutes"))); err != nil {
		bad("minutes", "%s is not a whole number of minutes", textfile.Quoted(cell("minutes")))
	}
	activity := strings.ToLower(strings.Join(strings.Fields(cell("activity")), "_"))
	if row.Activity = activityNames[activity]; row.Activity == "" {
		bad("activity", "%s is not one of %s (or their UTBMS codes)", textfile.Quoted(cell("activity")), strings.Join(activityList(), ", "))
	}
	if rate := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(cell("rate")), "$")); rate != "" {
		cents, err := parseMoney(rate)
		if err != nil {
			bad("rate", "%s is not an amount in dollars an hour such as 450.00", textfile.Quoted(cell("rate")))
		}
		row.RateCents = &cents
	}
	return row, faults
}

func activityList() []string {
	out := make([]string, 0, len(ActivityCodes))
	for a := range ActivityCodes {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

func parseDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Parse("1/2/2006", v)
}

// parseHours reads hours with up to two decimals as minutes; the hours rules then ask for 6-minute units.
func parseHours(v string) (int, error) {
	hundredths, err := parseMoney(strings.TrimSpace(v))
	if err != nil || hundredths*60%100 != 0 {
		return 0, errors.New("not hours")
	}
	return hundredths * 60 / 100, nil
}

// parseMoney reads an unsigned decimal with up to two decimals as hundredths.
func parseMoney(v string) (int, error) {
	whole, frac, _ := strings.Cut(strings.ReplaceAll(v, ",", ""), ".")
	if whole == "" || len(whole) > 9 || len(frac) > 2 || strings.TrimLeft(whole+frac, "0123456789") != "" {
		return 0, errors.New("not an amount")
	}
	w, _ := strconv.Atoi(whole)
	f, _ := strconv.Atoi((frac + "00")[:2])
	return w*100 + f, nil
}

// resolveAttorneys finds each row's attorney among the firm's by email.
func (s *service) resolveAttorneys(ctx context.Context, firmID uuid.UUID, parsed []parsedRow) ([]Row, []LineError, error) {
	emails := map[string]bool{}
	for _, r := range parsed {
		emails[r.email] = true
	}
	found, err := s.db.FirmAttorneys(ctx, firmID, slices.Collect(maps.Keys(emails)))
	if err != nil {
		return nil, nil, err
	}
	rows := make([]Row, len(parsed))
	var faults []LineError
	for i, r := range parsed {
		id, ok := found[r.email]
		if !ok && r.email != "" {
			faults = append(faults, LineError{r.Line, "attorney_email", textfile.Quoted(r.email) + " is not an attorney of your firm"})
		}
		rows[i] = r.Row
		rows[i].AttorneyID = id
	}
	return rows, faults, nil
}
