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
	"strings"
	"time"

	"github.com/google/uuid"
)

// Record is one audited action. Before and After are the object's relevant fields as JSON (nil
// when there is no such state); they never hold client details, passwords or tokens.
type Record struct {
	ActorID    *uuid.UUID
	OrgID      *uuid.UUID
	Action     string // "domain.verb", e.g. "auth.sign_in", "hours.approved"
	ObjectType string
	ObjectID   string
	Before     json.RawMessage
	After      json.RawMessage
}

// Row is a stored record with where it came from and its place in the chain.
type Row struct {
	Record
	ID        int64
	At        time.Time
	RequestID string
	IP        *netip.Addr
	PrevHash  []byte
	Hash      []byte
}

type originKey struct{}

// WithIP returns ctx carrying the client's address, for every record written in the request.
func WithIP(ctx context.Context, ip netip.Addr) context.Context {
	return context.WithValue(ctx, originKey{}, ip)
}

// IP returns the client's address ctx carries, if any.
func IP(ctx context.Context) (netip.Addr, bool) {
	ip, ok := ctx.Value(originKey{}).(netip.Addr)
	return ip, ok
}

// Hash is the row's link: SHA-256 over the previous hash and the row's fields, each written out
// with its length so that no two rows share a text. Before and After are hashed as Postgres
// renders jsonb (keys sorted), which is how they are read back.
func Hash(prev []byte, r Row) []byte {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
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
	h.Write([]byte(b.String()))
	return h.Sum(nil)
}
