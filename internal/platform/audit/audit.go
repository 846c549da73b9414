// Package audit defines the record a transaction writes to the audit trail when someone does
// something security- or credit-relevant, and how a row's hash is computed, so that the store
// that chains the rows and the check that verifies the chain agree on it.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/netip"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Record is one audited action. Before and After are the object's relevant fields (a struct or a
// map, written as JSON, or JSON already written as []byte or json.RawMessage; nil when there is no
// such state): ids, roles, statuses, counts. They never hold client details, names of parties,
// narratives, passwords or tokens.
type Record struct {
	ActorID    *uuid.UUID
	OrgID      *uuid.UUID
	Action     string // "domain.verb", e.g. "auth.signed_in", "hours.approved"
	ObjectType string
	ObjectID   string
	Before     any
	After      any
}

// Row is a stored record as the trail holds it, with where it came from and its place in the
// chain. Before and After are JSON as Postgres renders jsonb (keys sorted), nil for none.
type Row struct {
	ID         int64
	At         time.Time
	ActorID    *uuid.UUID
	OrgID      *uuid.UUID
	Action     string
	ObjectType string
	ObjectID   string
	Before     json.RawMessage
	After      json.RawMessage
	RequestID  string
	IP         *netip.Addr
	PrevHash   []byte
	Hash       []byte
}

// GenesisHash is the previous hash of the first row.
var GenesisHash = make([]byte, sha256.Size)

type originKey struct{}

// WithIP returns ctx carrying the client's address, for every record written in the request. The
// address is kept as Postgres's inet holds it: without an IPv6 zone, an IPv4 address as itself
// rather than mapped into IPv6.
func WithIP(ctx context.Context, ip netip.Addr) context.Context {
	return context.WithValue(ctx, originKey{}, ip.Unmap().WithZone(""))
}

// IP returns the client's address ctx carries, if any.
func IP(ctx context.Context) (netip.Addr, bool) {
	ip, ok := ctx.Value(originKey{}).(netip.Addr)
	return ip, ok
}

// Hash is the row's link: SHA-256 over the previous hash and the row's fields, each written out
// with its length so that no two rows share a text. The row's own PrevHash and Hash are not read.
func Hash(prev []byte, r Row) []byte {
	b := make([]byte, 0, 512)
	field := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	optionalID := func(id *uuid.UUID) {
		if id == nil {
			field("")
			return
		}
		field(id.String())
	}
	field(strconv.FormatInt(r.ID, 10))
	field(r.At.UTC().Format("2006-01-02T15:04:05.000000Z"))
	optionalID(r.ActorID)
	optionalID(r.OrgID)
	field(r.Action)
	field(r.ObjectType)
	field(r.ObjectID)
	field(string(r.Before))
	field(string(r.After))
	field(r.RequestID)
	if r.IP != nil {
		field(r.IP.String())
	} else {
		field("")
	}
	h := sha256.New()
	h.Write(prev)
	h.Write(b)
	return h.Sum(nil)
}
