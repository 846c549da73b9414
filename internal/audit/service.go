package audit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	chain "github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/csvout"
	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Store is what the service reads; Audit records an export (in a transaction of its own).
type Store interface {
	AuditPage(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error)
	AuditChain(ctx context.Context, afterID int64, limit int) ([]chain.Row, error)
	AuditChainHead(ctx context.Context) (int64, []byte, error)
	Audit(ctx context.Context, r chain.Record) error
}

// NewService returns the audit service.
func NewService(db Store) Service { return &service{db: db} }

type service struct{ db Store }

var errForbidden = problem.New(problem.Forbidden, "Only platform admins, and an organization's admins and coordinators, read the audit trail.")

// scope is the organisation whose entries the caller reads: nil for every organisation's.
func scope(p auth.Principal) (store.AuditFilter, error) {
	switch {
	case p.IsPlatformAdmin():
		return store.AuditFilter{}, nil
	case p.Role == auth.RoleOrgAdmin || p.Role == auth.RoleCoordinator:
		org := p.OrgID
		return store.AuditFilter{OrgID: &org}, nil
	}
	return store.AuditFilter{}, errForbidden
}

// entryOrder is the order List reads in: by id, newest first.
const entryOrder = "id_desc"

// storeFilter checks f and turns it into the store's filter for the caller.
func storeFilter(p auth.Principal, f Filter) (store.AuditFilter, error) {
	sf, err := scope(p)
	if err != nil {
		return sf, err
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	if f.Limit < 1 || f.Limit > MaxLimit {
		return sf, problem.Validation(problem.Field("limit", fmt.Sprintf("must be 1 to %d", MaxLimit)))
	}
	if f.From != nil && f.To != nil && !f.To.After(*f.From) {
		return sf, problem.Validation(problem.Field("to", "must be after from"))
	}
	if f.Cursor != "" {
		key, err := cursor.Decode(f.Cursor, entryOrder, 1)
		if err != nil {
			return sf, err
		}
		if sf.BeforeID, err = strconv.ParseInt(key[0], 10, 64); err != nil || sf.BeforeID < 1 {
			return sf, cursor.ErrInvalid
		}
	}
	sf.ActorID, sf.Action, sf.ObjectType, sf.ObjectID, sf.From, sf.To, sf.Limit =
		f.ActorID, f.Action, f.ObjectType, f.ObjectID, f.From, f.To, f.Limit
	return sf, nil
}

func (s *service) List(ctx context.Context, p auth.Principal, f Filter) (Page, error) {
	sf, err := storeFilter(p, f)
	if err != nil {
		return Page{}, err
	}
	sf.Limit++
	rows, err := s.db.AuditPage(ctx, sf)
	if err != nil {
		return Page{}, err
	}
	page := Page{Entries: make([]Entry, 0, len(rows))}
	if len(rows) == sf.Limit {
		rows = rows[:len(rows)-1]
		page.NextCursor = cursor.Encode(entryOrder, []string{strconv.FormatInt(rows[len(rows)-1].ID, 10)})
	}
	for _, r := range rows {
		page.Entries = append(page.Entries, toEntry(r))
	}
	return page, nil
}

func toEntry(r store.AuditEntry) Entry {
	e := Entry{ID: r.ID, At: r.At, ActorID: r.ActorID, ActorName: r.ActorName, OrgID: r.OrgID, OrgName: r.OrgName,
		Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID, Before: r.Before, After: r.After,
		RequestID: r.RequestID}
	if r.IP != nil {
		e.IP = r.IP.String()
	}
	return e
}

// exportPage is how many entries Export reads per query: what an export holds in memory.
const exportPage = 1000

// exportHeader is the first line of an export.
var exportHeader = []string{"id", "at", "actor_id", "actor_name", "org_id", "org_name", "action", "object_type",
	"object_id", "before", "after", "request_id", "ip"}

// Export reads a page at a time, each page on its own: a transaction over the whole export would
// hold a connection for as long as the client takes to read it.
func (s *service) Export(ctx context.Context, p auth.Principal, f Filter, w io.Writer) error {
	f.Cursor, f.Limit = "", 0
	sf, err := storeFilter(p, f)
	if err != nil {
		return err
	}
	sf.Limit = exportPage
	rows, err := s.db.AuditPage(ctx, sf)
	if err != nil {
		return err
	}
	if err := s.db.Audit(ctx, exportRecord(p, f)); err != nil {
		return err
	}
	out := csvout.NewWriter(w)
	if err := out.Write(exportHeader...); err != nil {
		return err
	}
	for len(rows) > 0 {
		for _, r := range rows {
			if err := out.Write(exportLine(toEntry(r))...); err != nil {
				return err
			}
		}
		if err := out.Flush(); err != nil || len(rows) < sf.Limit {
			return err
		}
		sf.BeforeID = rows[len(rows)-1].ID
		if rows, err = s.db.AuditPage(ctx, sf); err != nil {
			return err
		}
	}
	return out.Flush()
}

// exportRecord is the trail's record of an export: who, and which entries they asked for.
func exportRecord(p auth.Principal, f Filter) chain.Record {
	selection := map[string]any{}
	for name, v := range map[string]string{"action": f.Action, "object_type": f.ObjectType, "object_id": f.ObjectID} {
		if v != "" {
			selection[name] = v
		}
	}
	if f.ActorID != nil {
		selection["actor_id"] = f.ActorID.String()
	}
	if f.From != nil {
		selection["from"] = f.From.UTC().Format(time.RFC3339Nano)
	}
	if f.To != nil {
		selection["to"] = f.To.UTC().Format(time.RFC3339Nano)
	}
	actor, org := p.UserID, p.OrgID
	return chain.Record{ActorID: &actor, OrgID: &org, Action: ActionExported, ObjectType: "audit_log", After: selection}
}

func exportLine(e Entry) []string {
	return []string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano),
		idText(e.ActorID), e.ActorName, idText(e.OrgID), e.OrgName,
		e.Action, e.ObjectType, e.ObjectID, string(e.Before), string(e.After), e.RequestID, e.IP}
}

func idText(id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

// verifyBatch is how many rows Verify reads per query: what it holds in memory, however long the
// chain.
const verifyBatch = 5000

func (s *service) Verify(ctx context.Context, p auth.Principal) (Verification, error) {
	if !p.IsPlatformAdmin() {
		return Verification{}, problem.New(problem.Forbidden, "Only platform admins verify the audit trail.")
	}
	// Rows up to the head as read now were committed with it; rows appended meanwhile are left for
	// the next verification.
	headID, headHash, err := s.db.AuditChainHead(ctx)
	if err != nil {
		return Verification{}, err
	}
	var v Verification
	lastID, lastHash := int64(0), chain.GenesisHash
rows:
	for lastID < headID {
		rows, err := s.db.AuditChain(ctx, lastID, verifyBatch)
		if err != nil {
			return Verification{}, err
		}
		if len(rows) == 0 {
			break
		}
		for _, r := range rows {
			if r.ID > headID {
				break rows
			}
			if b, ok := link(lastID, lastHash, r); !ok {
				b.Checked = v.Checked
				return b, nil
			}
			lastID, lastHash = r.ID, r.Hash
			v.Checked++
		}
	}
	if lastID < headID {
		return broken(v.Checked, lastID+1, BreakGap, missing(lastID+1, headID)+fmt.Sprintf(" The chain's head is at row %d.", headID)), nil
	}
	if !bytes.Equal(lastHash, headHash) {
		return broken(v.Checked, headID, BreakHead, "The chain's head does not hold the hash of its last row."), nil
	}
	v.OK = true
	return v, nil
}

// link checks that r follows the row lastID, whose hash is lastHash.
func link(lastID int64, lastHash []byte, r chain.Row) (Verification, bool) {
	switch {
	case r.ID != lastID+1:
		return broken(0, lastID+1, BreakGap, missing(lastID+1, r.ID-1)), false
	case !bytes.Equal(r.PrevHash, lastHash):
		return broken(0, r.ID, BreakPrevHash, fmt.Sprintf("Row %d does not carry the hash of row %d.", r.ID, lastID)), false
	case !bytes.Equal(chain.Hash(r.PrevHash, r), r.Hash):
		return broken(0, r.ID, BreakHash, fmt.Sprintf("Row %d was changed after it was written: its fields do not give its hash.", r.ID)), false
	}
	return Verification{}, true
}

// missing says which rows are missing.
func missing(from, to int64) string {
	if from == to {
		return fmt.Sprintf("Row %d is missing.", from)
	}
	return fmt.Sprintf("Rows %d to %d are missing.", from, to)
}

func broken(checked, id int64, why Break, detail string) Verification {
	return Verification{Checked: checked, FirstBrokenID: &id, Reason: why, Detail: detail}
}
