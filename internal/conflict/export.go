package conflict

import (
	"context"
	"encoding/csv"
	"io"
	"strings"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
)

// exportPage is how many entries Export reads per query: the memory an export holds, whatever
// the size of the registry.
const exportPage = 1000

// Export writes the registry a page at a time, each page read on its own: a transaction over the
// whole export would hold a connection for as long as the client takes to read it. An entry edited
// meanwhile is written once, as it is when its page is read, since edits keep the entry's id.
func (s *service) Export(ctx context.Context, p auth.Principal, w io.Writer) error {
	firmID, err := registryFirm(p)
	if err != nil {
		return err
	}
	// The first page is read before anything is written, so that a failure can still be answered
	// as an error rather than as a file cut short.
	ids, err := s.db.ConflictEntryIDsAfter(ctx, firmID, uuid.Nil, exportPage)
	if err != nil {
		return err
	}
	// The byte-order mark tells spreadsheets the file is UTF-8; Import skips it.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	out := csv.NewWriter(w)
	if err := out.Write(csvHeader); err != nil {
		return err
	}
	for len(ids) > 0 {
		entries, err := s.entries(ctx, s.db, firmID, ids)
		if err != nil {
			return err
		}
		for _, e := range entries {
			rec := []string{e.Name, e.Kind, e.Role, strings.Join(e.Aliases, ";"), e.MatterRef}
			for i := range rec {
				rec[i] = escapeCell(rec[i])
			}
			if err := out.Write(rec); err != nil {
				return err
			}
		}
		if out.Flush(); out.Error() != nil {
			return out.Error()
		}
		if ids, err = s.db.ConflictEntryIDsAfter(ctx, firmID, ids[len(ids)-1], exportPage); err != nil {
			return err
		}
	}
	out.Flush()
	return out.Error()
}

// formulaStart reports whether a spreadsheet would take a cell that starts like v for a formula
// (OWASP's list: = + - @, tab and carriage return).
func formulaStart(v string) bool {
	return v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0]))
}

// escapeCell puts an apostrophe before a cell that a spreadsheet would run as a formula, so that it
// shows as text. A cell that already starts with apostrophes before such a character gets one
// more, so that unescapeCell, which removes exactly one, gives every cell back as it was.
func escapeCell(v string) string {
	if formulaStart(v) || (strings.HasPrefix(v, "'") && formulaStart(strings.TrimLeft(v, "'"))) {
		return "'" + v
	}
	return v
}

// unescapeCell undoes escapeCell: it removes one apostrophe from a cell whose apostrophes come
// before a formula character, and leaves every other cell as it is.
func unescapeCell(v string) string {
	if strings.HasPrefix(v, "'") && formulaStart(strings.TrimLeft(v, "'")) {
		return v[1:]
	}
	return v
}
