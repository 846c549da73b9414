package main

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/probono-match/probono/internal/matching"
)

// runMatch runs `probono match solve`: a batch on stdin, its optimal assignment on stdout.
func runMatch(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "solve" {
		return errors.New("usage: probono match solve < batch.json")
	}
	batch, err := matching.DecodeBatch(stdin)
	if err != nil {
		return err
	}
	res, err := matching.Solve(batch)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}
