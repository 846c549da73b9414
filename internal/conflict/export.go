package conflict

import (
	"context"
	"io"
	"strings"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/csvout"
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
	if err := s.db.Audit(ctx, firmRecord(p, ActionRegistryExported, "conflict_registry", firmID, nil, nil)); err != nil {
		return err
	}
	// The byte-order mark tells spreadsheets the file is UTF-8; Import skips it.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	out := csvout.NewWriter(w)
	if err := out.Write(csvHeader...); err != nil {
		return err
	}
	for len(ids) > 0 {
		entries, err := s.entries(ctx, s.db, firmID, ids)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := out.Write(e.Name, e.Kind, e.Role, strings.Join(e.Aliases, ";"), e.MatterRef); err != nil {
				return err
			}
		}
		if err := out.Flush(); err != nil {
			return err
		}
		if ids, err = s.db.ConflictEntryIDsAfter(ctx, firmID, ids[len(ids)-1], exportPage); err != nil {
			return err
		}
	}
	return out.Flush()
}
