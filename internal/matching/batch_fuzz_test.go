package matching

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// FuzzSolve feeds arbitrary input to the CLI's decoder: it either rejects it with an
// InvalidBatchError or yields a batch whose solution is feasible (and optimal when small enough
// to check by brute force).
func FuzzSolve(f *testing.F) {
	f.Add([]byte(`{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":2}],"edges":[{"referral":"r1","attorney":"a1","score":0.8}]}`))
	f.Add([]byte(`{"referrals":[{"id":"r1"},{"id":"r2"}],"attorneys":[{"id":"a1","capacity":1},{"id":"a2","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":0.9},{"referral":"r1","attorney":"a2","score":0.1},{"referral":"r2","attorney":"a1","score":0.2}]}`))
	f.Add([]byte(`{"referrals":[],"attorneys":[],"edges":[]}`))
	f.Add([]byte(`{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":-1}],"edges":[]}`))
	f.Add([]byte(`{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":1e-10}]} {}`))
	f.Add([]byte(`{"edges":[{"referral":"r1","attorney":"a1","score":1.0000000001}],"x":1}`))
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		var buf bytes.Buffer
		b := randomBatch(rng, 5, 4, 3)
		fmt.Fprintf(&buf, `{"referrals":[`)
		for i, r := range b.Referrals {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"id":%q}`, r.ID)
		}
		fmt.Fprintf(&buf, `],"attorneys":[`)
		for i, a := range b.Attorneys {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"id":%q,"capacity":%d}`, a.ID, a.Capacity)
		}
		fmt.Fprintf(&buf, `],"edges":[`)
		for i, e := range b.Edges {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"referral":%q,"attorney":%q,"score":%v}`, e.Referral, e.Attorney, e.Score)
		}
		buf.WriteString(`]}`)
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBatch(bytes.NewReader(data))
		if err != nil {
			var ie *InvalidBatchError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an InvalidBatchError", err)
			}
			return
		}
		res, err := Solve(b)
		if err != nil {
			t.Fatalf("decoded batch rejected by Solve: %v", err)
		}
		total := checkFeasible(t, b, res)
		if len(b.Referrals) <= 8 && len(b.Edges) <= 24 {
			if m, u := bruteForce(b); m != res.Matched || u != total {
				t.Fatalf("solver matched %d with %d units, brute force %d with %d", res.Matched, total, m, u)
			}
		}
	})
}
