package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/netip"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/log"
)

// Audit appends r to the audit trail in the transaction s is bound to, chained to the last row:
// it locks the chain's head until the transaction ends, so call it last in the transaction. Called
// outside a transaction, it writes the row in one of its own. The request id and client address
// come from ctx.
func (s *Store) Audit(ctx context.Context, r audit.Record) error {
	if s.txSlots != nil {
		return s.Tx(ctx, func(tx *Store) error { return tx.Audit(ctx, r) })
	}
	return appendAudit(ctx, sqlChain{s.db.Statement.ConnPool}, r)
}

// chainWriter is a transaction the trail is appended in: GORM's (database/sql) or pgx's own.
type chainWriter interface {
	scanRow(ctx context.Context, query string, args []any, dest ...any) error
	exec(ctx context.Context, query string, args ...any) error
}

type sqlChain struct {
	conn interface {
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	}
}

func (c sqlChain) scanRow(ctx context.Context, query string, args []any, dest ...any) error {
	return c.conn.QueryRowContext(ctx, query, args...).Scan(dest...)
}

func (c sqlChain) exec(ctx context.Context, query string, args ...any) error {
	_, err := c.conn.ExecContext(ctx, query, args...)
	return err
}

type pgxChain struct{ tx pgx.Tx }

func (c pgxChain) scanRow(ctx context.Context, query string, args []any, dest ...any) error {
	return c.tx.QueryRow(ctx, query, args...).Scan(dest...)
}

func (c pgxChain) exec(ctx context.Context, query string, args ...any) error {
	_, err := c.tx.Exec(ctx, query, args...)
	return err
}

// appendAudit writes r as the chain's next row in tx. Before and After are read back as Postgres
// renders them as jsonb (sorted keys, its own spacing) before hashing, so that a verifier reading
// the rows gets the same hash. The time is the database's, taken under the head's lock, so that
// rows' times never go backwards along the chain.
func appendAudit(ctx context.Context, tx chainWriter, r audit.Record) error {
	before, err := auditJSON(r.Before)
	if err != nil {
		return err
	}
	after, err := auditJSON(r.After)
	if err != nil {
		return err
	}
	var lastID int64
	var lastHash []byte
	var renderedBefore, renderedAfter *string
	var at time.Time
	err = tx.scanRow(ctx, `
		SELECT last_id, last_hash, $1::text::jsonb::text, $2::text::jsonb::text, clock_timestamp()
		FROM audit_chain_head FOR UPDATE`, []any{before, after},
		&lastID, &lastHash, &renderedBefore, &renderedAfter, &at)
	if err != nil {
		return translate(err, "audit trail")
	}
	row := audit.Row{ID: lastID + 1, At: at.UTC().Truncate(time.Microsecond), ActorID: r.ActorID, OrgID: r.OrgID,
		Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID,
		Before: rawJSON(renderedBefore), After: rawJSON(renderedAfter),
		RequestID: log.RequestID(ctx), PrevHash: lastHash}
	var ip *string
	if addr, ok := audit.IP(ctx); ok {
		row.IP = &addr
		text := addr.String()
		ip = &text
	}
	row.Hash = audit.Hash(row.PrevHash, row)
	return translate(tx.exec(ctx, `
		WITH appended AS (
			INSERT INTO audit_log (id, at, actor_id, org_id, action, object_type, object_id, before, after,
			                       request_id, ip, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11::text::inet, $12, $13))
		UPDATE audit_chain_head SET last_id = $1, last_hash = $13`,
		row.ID, row.At, nullableID(row.ActorID), nullableID(row.OrgID), row.Action, row.ObjectType, row.ObjectID,
		renderedBefore, renderedAfter, row.RequestID, ip, row.PrevHash, row.Hash), "audit trail")
}

// auditJSON writes a record's before or after state as a JSON query argument: NULL when there is
// none (nil, or JSON null). A state given as bytes is JSON written already.
func auditJSON(v any) (*string, error) {
	var b []byte
	switch doc := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		b = doc
	case json.RawMessage:
		b = doc
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return nil, fmt.Errorf("audit record state: %w", err)
		}
	}
	if len(b) == 0 {
		return nil, nil
	}
	if string(b) == "null" {
		return nil, nil
	}
	text := string(b)
	return &text, nil
}

func rawJSON(text *string) json.RawMessage {
	if text == nil {
		return nil
	}
	return json.RawMessage(*text)
}

// nullableID is an optional id as a query argument both drivers take.
func nullableID(id *uuid.UUID) any {
	if id == nil {
		return nil
	}
	return id.String()
}

// AuditFilter selects audit rows, newest first.
type AuditFilter struct {
	// OrgID limits the rows to one organisation's; nil reads every organisation's.
	OrgID      *uuid.UUID
	ActorID    *uuid.UUID
	Action     string
	ObjectType string
	ObjectID   string
	// From (inclusive) and To (exclusive) bound the rows' times.
	From, To *time.Time
	// BeforeID starts the page below this id; 0 starts at the newest row.
	BeforeID int64
	Limit    int
}

// AuditEntry is an audit row with the names of its actor and organisation as they are now.
type AuditEntry struct {
	audit.Row
	ActorName string
	OrgName   string
}

// AuditPage reads one page of the trail, newest first, with the actors' and organisations' names
// in the same query.
func (s *Store) AuditPage(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	query := `SELECT ` + auditColumns + `, COALESCE(u.name, ''), COALESCE(o.name, '')
		FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN organizations o ON o.id = a.org_id
		WHERE true`
	args := []any{}
	where := func(cond string, arg any) {
		args = append(args, arg)
		query += fmt.Sprintf(" AND "+cond, len(args))
	}
	if f.OrgID != nil {
		where("a.org_id = $%d", [16]byte(*f.OrgID))
	}
	if f.ActorID != nil {
		where("a.actor_id = $%d", [16]byte(*f.ActorID))
	}
	if f.Action != "" {
		where("a.action = $%d", f.Action)
	}
	if f.ObjectType != "" {
		where("a.object_type = $%d", f.ObjectType)
	}
	if f.ObjectID != "" {
		where("a.object_id = $%d", f.ObjectID)
	}
	if f.From != nil {
		where("a.at >= $%d", *f.From)
	}
	if f.To != nil {
		where("a.at < $%d", *f.To)
	}
	if f.BeforeID > 0 {
		where("a.id < $%d", f.BeforeID)
	}
	args = append(args, f.Limit)
	query += fmt.Sprintf(" ORDER BY a.id DESC LIMIT $%d", len(args))

	out := make([]AuditEntry, 0, f.Limit)
	var actorName, orgName string
	err := s.scanAuditRows(ctx, query, args, []any{&actorName, &orgName}, func(r audit.Row) {
		out = append(out, AuditEntry{Row: r, ActorName: actorName, OrgName: orgName})
	})
	return out, err
}

// AuditChain reads up to limit rows of the trail after afterID, in chain order, as they were
// hashed: for verifying the chain a batch at a time.
func (s *Store) AuditChain(ctx context.Context, afterID int64, limit int) ([]audit.Row, error) {
	out := make([]audit.Row, 0, limit)
	err := s.scanAuditRows(ctx, `SELECT `+auditColumns+` FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
		[]any{afterID, limit}, nil, func(r audit.Row) { out = append(out, r) })
	return out, err
}

// auditColumns are the columns of an audit row as the chain hashes them, for scanAuditRows: the
// states as jsonb renders them, the address as inet's host.
const auditColumns = `a.id, a.at, a.actor_id, a.org_id, a.action, a.object_type, a.object_id, a.before::text, a.after::text,
	a.request_id, host(a.ip), a.prev_hash, a.hash`

// scanAuditRows runs a read whose columns start with auditColumns and calls each with every row;
// the query's further columns are scanned into extra before each call.
func (s *Store) scanAuditRows(ctx context.Context, query string, args, extra []any, each func(audit.Row)) error {
	var r audit.Row
	var actor, org pgtype.UUID
	var before, after, ip *string
	dest := append([]any{&r.ID, &r.At, &actor, &org, &r.Action, &r.ObjectType, &r.ObjectID, &before, &after,
		&r.RequestID, &ip, &r.PrevHash, &r.Hash}, extra...)
	var parseErr error
	err := s.scanRows(ctx, query, args, dest, func() {
		r.ActorID, r.OrgID, r.Before, r.After = optionalID(actor), optionalID(org), rawJSON(before), rawJSON(after)
		var err error
		if r.IP, err = optionalAddr(ip); err != nil {
			parseErr = err
			return
		}
		each(r)
	})
	if err == nil {
		err = parseErr
	}
	return translate(err, "audit trail")
}

// AuditChainHead reads the id and hash of the chain's last row: id 0 and audit.GenesisHash while
// the trail is empty.
func (s *Store) AuditChainHead(ctx context.Context) (int64, []byte, error) {
	var id int64
	var hash []byte
	err := s.scanRows(ctx, `SELECT last_id, last_hash FROM audit_chain_head`, nil, []any{&id, &hash}, func() {})
	return id, hash, translate(err, "audit trail")
}

func optionalID(v pgtype.UUID) *uuid.UUID {
	if !v.Valid {
		return nil
	}
	id := uuid.UUID(v.Bytes)
	return &id
}

// optionalAddr parses an address as host(inet) renders it.
func optionalAddr(text *string) (*netip.Addr, error) {
	if text == nil {
		return nil, nil
	}
	addr, err := netip.ParseAddr(*text)
	if err != nil {
		return nil, fmt.Errorf("reading an audit row's address: %w", err)
	}
	return &addr, nil
}
