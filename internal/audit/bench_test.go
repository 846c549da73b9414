package audit_test

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/audit"
)

// chainRows is the trail's length the verification benchmark reads.
const chainRows = 100_000

// appendChain appends n generated sign-ins to the trail with COPY, chained from its head as the
// store would chain them, so a long trail takes seconds to make rather than a transaction each.
// The states are written as Postgres renders jsonb (keys by length, then bytes; ", " and ": "), so
// that the hashes hold when read back.
func appendChain(tb testing.TB, env *apptest.Env, n int) {
	tb.Helper()
	ctx := context.Background()
	lastID, lastHash, err := env.App.Store.AuditChainHead(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, env.App.Config.DatabaseURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	orgs := []uuid.UUID{uuid.New(), uuid.New(), uuid.New()}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, 0, n)
	for i := range n {
		actor, org := uuid.New(), orgs[i%len(orgs)]
		ip := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
		r := audit.Row{ID: lastID + 1, At: start.Add(time.Duration(i) * time.Second), ActorID: &actor, OrgID: &org,
			Action: "auth.signed_in", ObjectType: "user", ObjectID: actor.String(),
			After:     []byte(fmt.Sprintf(`{"role": "attorney", "session_id": "%s"}`, uuid.New())),
			RequestID: fmt.Sprintf("bench-%d", i), IP: &ip, PrevHash: lastHash}
		r.Hash = audit.Hash(r.PrevHash, r)
		rows = append(rows, []any{r.ID, r.At, actor, org, r.Action, r.ObjectType, r.ObjectID, nil, string(r.After),
			r.RequestID, ip, r.PrevHash, r.Hash})
		lastID, lastHash = r.ID, r.Hash
	}
	columns := []string{"id", "at", "actor_id", "org_id", "action", "object_type", "object_id", "before", "after",
		"request_id", "ip", "prev_hash", "hash"}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"audit_log"}, columns, pgx.CopyFromRows(rows)); err != nil {
		tb.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE audit_chain_head SET last_id = $1, last_hash = $2`, lastID, lastHash); err != nil {
		tb.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `VACUUM ANALYZE audit_log`); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkVerify recomputes a chain of 100,000 rows (and the demo data's) through the service,
// as GET /audit/verify does, a batch of rows per query.
func BenchmarkVerify(b *testing.B) {
	env := apptest.New(b)
	appendChain(b, env, chainRows)
	admin := env.Principal(b, "admin@probono.example")
	ctx := context.Background()
	var checked int64
	for b.Loop() {
		v, err := env.App.Audit.Verify(ctx, admin)
		if err != nil {
			b.Fatal(err)
		}
		if !v.OK || v.Checked < chainRows {
			b.Fatalf("verification of the generated chain: %+v", v)
		}
		checked = v.Checked
	}
	b.ReportMetric(float64(checked), "rows")
	b.ReportMetric(float64(checked)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
