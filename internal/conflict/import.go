package conflict

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/csvout"
	"github.com/probono-match/probono/internal/platform/outbox"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/text"
	"github.com/probono-match/probono/internal/platform/textfile"
	"github.com/probono-match/probono/internal/store"
)

// csvHeader is the header an import file must start with.
var csvHeader = []string{"name", "type", "role", "aliases", "matter_ref"}

var (
	kinds = map[string]bool{"person": true, "organization": true}
	roles = map[string]bool{"client": true, "former_client": true, "adverse": true, "related": true}
)

func (s *service) Import(ctx context.Context, p auth.Principal, upload io.Reader, mode ImportMode) (ImportReport, error) {
	firmID, err := registryFirm(p)
	if err != nil {
		return ImportReport{}, err
	}
	release, err := s.claimImport(ctx, firmID)
	if err != nil {
		return ImportReport{}, err
	}
	defer release()
	file, err := textfile.Spool(upload, MaxImportBytes)
	if err != nil {
		return ImportReport{}, err
	}
	defer file.Close()
	r := csv.NewReader(textfile.NewReader(file, maxLineBytes))
	r.FieldsPerRecord = -1 // rows with the wrong number of fields are reported, not fatal
	r.ReuseRecord = true
	if err := readHeader(r); err != nil {
		return ImportReport{}, err
	}
	src := &csvSource{r: r, firmID: firmID, by: p.UserID, report: ImportReport{Mode: mode, Errors: []RowError{}}}
	imp := store.ConflictImport{ID: newID(), FirmID: firmID, ImportedBy: &p.UserID}
	event, err := outbox.New(EventRegistryImported, "conflict_import/"+imp.ID.String(), RegistryImported{ImportID: imp.ID, FirmID: firmID})
	if err != nil {
		return ImportReport{}, err
	}
	_, err = s.db.ImportConflictEntries(ctx, src, func() store.ConflictImportCommit {
		ok := src.report.Accepted > 0 && (mode == Partial || src.report.Rejected == 0)
		src.report.Committed = ok
		imp.Accepted, imp.Rejected = src.report.Accepted, src.report.Rejected
		return store.ConflictImportCommit{Import: imp, Event: event, Keep: ok, Audit: firmRecord(p, ActionRegistryImported, "conflict_import", imp.ID,
			nil, map[string]any{"mode": mode, "accepted": imp.Accepted, "rejected": imp.Rejected})}
	})
	var fileErr *textfile.Fault
	if errors.As(src.err, &fileErr) {
		return ImportReport{}, problem.Validation(problem.Field("body", fileErr.Msg))
	}
	var parseErr *csv.ParseError
	if errors.As(src.err, &parseErr) { // the file, not the database, ended the stream
		return ImportReport{}, problem.Validation(problem.Field("body",
			fmt.Sprintf("line %d is not valid CSV (%v); nothing was imported", parseErr.StartLine, parseErr.Err)))
	}
	if err != nil {
		return ImportReport{}, err
	}
	if src.report.Committed {
		src.report.Recheck = &ImportProgress{ID: imp.ID, Status: "queued"}
	}
	return src.report, nil
}

func readHeader(r *csv.Reader) error {
	rec, err := r.Read()
	if errors.Is(err, io.EOF) {
		return problem.Validation(problem.Field("body", "is empty; the first line must be the header "+strings.Join(csvHeader, ",")))
	}
	var fileErr *textfile.Fault
	if errors.As(err, &fileErr) {
		return problem.Validation(problem.Field("body", fileErr.Msg))
	}
	if err != nil {
		return problem.Validation(problem.Field("body", "the header line is not valid CSV"))
	}
	if len(rec) > 0 {
		rec[0] = strings.TrimPrefix(rec[0], "\ufeff") // a byte-order mark from spreadsheet exports
	}
	if len(rec) != len(csvHeader) {
		return problem.Validation(problem.Field("body", "the first line must be the header "+strings.Join(csvHeader, ",")))
	}
	for i, h := range rec {
		if strings.ToLower(strings.TrimSpace(h)) != csvHeader[i] {
			return problem.Validation(problem.Field("body", "the first line must be the header "+strings.Join(csvHeader, ",")))
		}
	}
	return nil
}

// csvSource feeds COPY one registry name at a time while reading the file, so neither the file nor
// the rows are ever held whole. Bad rows go to the report; unreadable CSV ends the stream with an error.
type csvSource struct {
	r       *csv.Reader
	firmID  uuid.UUID
	by      uuid.UUID // who imports
	report  ImportReport
	pending []store.ConflictEntry
	err     error
}

func (s *csvSource) Next() bool {
	if len(s.pending) > 1 {
		s.pending = s.pending[1:]
		return true
	}
	for {
		rec, err := s.r.Read()
		if errors.Is(err, io.EOF) {
			return false
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				s.reject(pe.StartLine, "has the wrong number of fields")
				continue
			}
			s.err = err
			return false
		}
		line, _ := s.r.FieldPos(0)
		e, reason := parseRow(rec)
		if reason != "" {
			s.reject(line, reason)
			continue
		}
		s.report.Accepted++
		e.ID, e.CreatedBy = newID(), &s.by
		s.pending = rows(s.firmID, e)
		return true
	}
}

func (s *csvSource) Entry() store.ConflictEntry { return s.pending[0] }

func (s *csvSource) Err() error { return s.err }

func (s *csvSource) reject(line int, reason string) {
	s.report.Rejected++
	if len(s.report.Errors) < MaxReportedErrors {
		s.report.Errors = append(s.report.Errors, RowError{Line: line, Reason: reason})
	} else {
		s.report.ErrorsTruncated = true
	}
}

// parseRow validates one record and returns the entry, or why it is rejected.
func parseRow(rec []string) (Entry, string) {
	if len(rec) != len(csvHeader) {
		return Entry{}, fmt.Sprintf("has %d fields, expected %d", len(rec), len(csvHeader))
	}
	// Cells are unescaped as Export escapes them, so an exported registry imports as it was.
	e := Entry{
		Name: csvout.Unescape(strings.TrimSpace(rec[0])), Kind: strings.ToLower(strings.TrimSpace(rec[1])),
		Role: strings.ToLower(strings.TrimSpace(rec[2])), MatterRef: csvout.Unescape(strings.TrimSpace(rec[4])),
	}
	// The API's rule for names holds for the file too: one line of text, not made only of invisible
	// characters.
	for _, f := range [...]struct{ field, value string }{{"name", e.Name}, {"matter_ref", e.MatterRef}} {
		if fault := text.NameFault(f.value); fault != "" {
			return e, f.field + " " + fault
		}
	}
	switch {
	case Normalize(e.Name) == "":
		return e, "name is empty"
	case len(e.Name) > 300:
		return e, "name is longer than 300 characters"
	case !kinds[e.Kind]:
		return e, fmt.Sprintf("type %s is not person or organization", textfile.Quoted(rec[1]))
	case !roles[e.Role]:
		return e, fmt.Sprintf("role %s is not client, former_client, adverse or related", textfile.Quoted(rec[2]))
	case len(e.MatterRef) > 100:
		return e, "matter_ref is longer than 100 characters"
	}
	for _, a := range strings.Split(csvout.Unescape(strings.TrimSpace(rec[3])), ";") {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		if len(a) > 300 {
			return e, "an alias is longer than 300 characters"
		}
		if fault := text.NameFault(a); fault != "" {
			return e, "an alias " + fault
		}
		e.Aliases = append(e.Aliases, a)
	}
	if len(e.Aliases) > MaxAliases {
		return e, fmt.Sprintf("has %d aliases; an entry has at most %d", len(e.Aliases), MaxAliases)
	}
	return e, ""
}

// MaxAliases is the most aliases an imported entry may have, as many as the API takes for one entry.
const MaxAliases = 20
