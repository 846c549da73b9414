package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/log"
)

// Audit appends r to the audit trail in the transaction s is bound to, chained to the last row:
// it locks the chain's head until the transaction ends, so call it last in the transaction. The
// request id and client address come from ctx. Before and After are read back as Postgres
// renders them (sorted keys) before hashing, so that a verifier reading the rows gets the same
// hash.
func (s *Store) Audit(ctx context.Context, r audit.Record) error {
	var head struct {
		LastID   int64
		LastHash []byte
		Before   *string
		After    *string
		At       time.Time
	}
	err := s.with(ctx).Raw(`
		SELECT last_id, last_hash, ?::jsonb::text AS before, ?::jsonb::text AS after, clock_timestamp() AS at
		FROM audit_chain_head FOR UPDATE`, jsonArg(r.Before), jsonArg(r.After)).Scan(&head).Error
	if err != nil {
		return translate(err, "audit trail")
	}
	row := audit.Row{Record: r, ID: head.LastID + 1, At: head.At.UTC().Truncate(time.Microsecond),
		RequestID: log.RequestID(ctx), PrevHash: head.LastHash}
	row.Before, row.After = rawJSON(head.Before), rawJSON(head.After)
	var ip *string
	if addr, ok := audit.IP(ctx); ok {
		row.IP = &addr
		text := addr.String()
		ip = &text
	}
	row.Hash = audit.Hash(row.PrevHash, row)
	return translate(s.with(ctx).Exec(`
		WITH appended AS (
			INSERT INTO audit_log (id, at, actor_id, org_id, action, object_type, object_id, before, after,
			                       request_id, ip, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::inet, ?, ?))
		UPDATE audit_chain_head SET last_id = ?, last_hash = ?`,
		row.ID, row.At, row.ActorID, row.OrgID, row.Action, row.ObjectType, row.ObjectID, head.Before, head.After,
		row.RequestID, ip, row.PrevHash, row.Hash, row.ID, row.Hash).Error, "audit trail")
}

// jsonArg is a JSON document as a query argument: NULL when there is none.
func jsonArg(doc json.RawMessage) *string {
	if len(doc) == 0 {
		return nil
	}
	text := string(doc)
	return &text
}

func rawJSON(text *string) json.RawMessage {
	if text == nil {
		return nil
	}
	return json.RawMessage(*text)
}
