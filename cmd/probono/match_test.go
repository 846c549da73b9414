package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
)

const exampleBatch = `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":2}],"edges":[{"referral":"r1","attorney":"a1","score":0.8}]}`

func TestMatchSolveExample(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"match", "solve"}, strings.NewReader(exampleBatch), &out); err != nil {
		t.Fatal(err)
	}
	want := `{"assignments":[{"referral":"r1","attorney":"a1"}],"matched":1,"total_score":0.8}` + "\n"
	if out.String() != want {
		t.Fatalf("got %s want %s", out.String(), want)
	}
}

func TestMatchSolveInvalidInput(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"malformed JSON", `{"referrals":[`, "malformed JSON"},
		{"empty input", ``, "empty input"},
		{"unknown field", `{"referrals":[],"attorneys":[],"edges":[],"extra":1}`, `unknown field "extra"`},
		{"trailing data", exampleBatch + ` {}`, "unexpected data after the JSON object"},
		{"unknown referral", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r2","attorney":"a1","score":0.5}]}`, `edges[0] names unknown referral "r2"`},
		{"unknown attorney", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a2","score":0.5}]}`, `edges[0] names unknown attorney "a2"`},
		{"duplicate referral", `{"referrals":[{"id":"r1"},{"id":"r1"}],"attorneys":[],"edges":[]}`, `duplicate referral id "r1"`},
		{"duplicate attorney", `{"referrals":[],"attorneys":[{"id":"a1","capacity":1},{"id":"a1","capacity":1}],"edges":[]}`, `duplicate attorney id "a1"`},
		{"negative capacity", `{"referrals":[],"attorneys":[{"id":"a1","capacity":-2}],"edges":[]}`, `attorney "a1" has negative capacity -2`},
		{"score zero", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":0}]}`, `edges[0] ("r1", "a1") has score 0`},
		{"score above one", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":1.01}]}`, `has score 1.01`},
		{"score NaN", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":NaN}]}`, "malformed JSON"},
		{"score not a number", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":"high"}]}`, "malformed JSON"},
		{"duplicate edge", `{"referrals":[{"id":"r1"}],"attorneys":[{"id":"a1","capacity":1}],"edges":[{"referral":"r1","attorney":"a1","score":0.5},{"referral":"r1","attorney":"a1","score":0.6}]}`, `edges[1] duplicates the edge from referral "r1" to attorney "a1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), []string{"match", "solve"}, strings.NewReader(tt.input), &out)
			if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v (exit %d), want exit 2 with %q", err, exitCode(err), tt.want)
			}
			if out.Len() != 0 {
				t.Fatalf("wrote %q to stdout on bad input", out.String())
			}
		})
	}
}

// TestMatchSolveEmptyEnvironment runs the real binary with no environment at all: no DATABASE_URL,
// no Redis, nothing else, and checks both the success and the bad-input exit status.
func TestMatchSolveEmptyEnvironment(t *testing.T) {
	bin := t.TempDir() + "/probono"
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "match", "solve")
	cmd.Env = []string{}
	cmd.Stdin = strings.NewReader(exampleBatch)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("match solve with an empty environment: %v", err)
	}
	if !strings.Contains(string(out), `"matched":1`) {
		t.Fatalf("unexpected output %s", out)
	}

	cmd = exec.Command(bin, "match", "solve")
	cmd.Env = []string{}
	cmd.Stdin = strings.NewReader(`{"referrals":[],"attorneys":[{"id":"a1","capacity":-1}],"edges":[]}`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if cmd.ProcessState.ExitCode() != 2 || !strings.Contains(stderr.String(), `attorney "a1" has negative capacity -1`) {
		t.Fatalf("bad input: %v, exit %d, stderr %q", err, cmd.ProcessState.ExitCode(), stderr.String())
	}
}
