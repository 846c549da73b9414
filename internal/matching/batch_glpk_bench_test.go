package matching

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var glpkDir = flag.String("glpk.dir", "", "keep the instances of BenchmarkSolveBesideGLPK there, one folder each (instance.json, instance.lp, glpsol.sol, glpsol.log)")

// BenchmarkSolveBesideGLPK times Solve and GLPK's glpsol on the batches of BenchmarkSolve, each given
// to glpsol as a linear program with the same objective, and fails unless both find as many matches
// and the same total score. Run by make bench-match (it needs glpsol, Debian package glpk-utils, and
// takes a minute or more).
func BenchmarkSolveBesideGLPK(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.String(), func(b *testing.B) {
			dir := b.TempDir()
			if *glpkDir != "" {
				dir = filepath.Join(*glpkDir, size.String())
				if err := os.MkdirAll(dir, 0o755); err != nil {
					b.Fatal(err)
				}
			}
			solveBesideGLPK(b, benchBatch(size.referrals, size.attorneys, size.edgesPer), dir)
		})
	}
}

func solveBesideGLPK(b *testing.B, batch Batch, dir string) {
	lp, sol := filepath.Join(dir, "instance.lp"), filepath.Join(dir, "glpsol.sol")
	if err := writeLP(lp, batch); err != nil {
		b.Fatal(err)
	}
	data, err := json.Marshal(batch)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "instance.json"), data, 0o644); err != nil {
		b.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	start := time.Now()
	out, err := exec.CommandContext(ctx, "glpsol", "--lp", lp, "-w", sol).CombinedOutput()
	glpsolTime := time.Since(start)
	if err != nil {
		b.Fatalf("glpsol (apt-get install glpk-utils): %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "glpsol.log"), out, 0o644); err != nil {
		b.Fatal(err)
	}
	glpkMatched, glpkUnits, err := readGLPKSolution(sol, batch)
	if err != nil {
		b.Fatal(err)
	}

	var res BatchResult
	for b.Loop() {
		if res, err = Solve(batch); err != nil {
			b.Fatal(err)
		}
	}
	if u := int64(math.Round(res.TotalScore / ScoreUnit)); res.Matched != glpkMatched || u != glpkUnits {
		b.Fatalf("Solve matched %d with %d units of score, glpsol %d with %d", res.Matched, u, glpkMatched, glpkUnits)
	}
	b.Logf("Solve and glpsol: %d matched, total score %.9f", res.Matched, res.TotalScore)
	solve := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(res.Matched), "matched")
	b.ReportMetric(res.TotalScore, "total-score")
	b.ReportMetric(glpsolTime.Seconds(), "glpsol-s")
	if m := regexp.MustCompile(`Time used:\s+([0-9.]+) secs`).FindSubmatch(out); m != nil {
		simplex, _ := strconv.ParseFloat(string(m[1]), 64)
		b.ReportMetric(simplex, "glpsol-simplex-s")
	}
	if m := regexp.MustCompile(`Memory used:\s+([0-9.]+) Mb`).FindSubmatch(out); m != nil {
		mem, _ := strconv.ParseFloat(string(m[1]), 64)
		b.ReportMetric(mem, "glpsol-MB")
	}
	b.ReportMetric(solve/glpsolTime.Seconds(), "x-glpsol")
}

// writeLP writes the batch as a linear program in CPLEX LP format: a column x<k> for edge k, at most
// one edge per referral, at most its capacity per attorney, maximising the sum of (big + score) over
// the chosen edges with big = referrals + 1. Any assignment's total score lies in [0, referrals], so
// one more match outweighs any difference in score: the objective is Solve's, matches first, then
// score. The constraint matrix is a bipartite graph's incidence matrix, totally unimodular, so an
// optimal basic solution, which simplex finds, is an assignment.
func writeLP(path string, b Batch) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	big := int64(len(b.Referrals)) + 1
	unit := int64(1 / ScoreUnit)
	byReferral, byAttorney := map[string][]int{}, map[string][]int{}
	fmt.Fprintf(w, "\\ %d referrals, %d attorneys, %d edges\nMaximize\n obj:", len(b.Referrals), len(b.Attorneys), len(b.Edges))
	for k, e := range b.Edges {
		u := int64(math.Round(e.Score / ScoreUnit))
		fmt.Fprintf(w, " + %d.%09d x%d", big+u/unit, u%unit, k)
		if k%8 == 7 {
			w.WriteString("\n")
		}
		byReferral[e.Referral] = append(byReferral[e.Referral], k)
		byAttorney[e.Attorney] = append(byAttorney[e.Attorney], k)
	}
	w.WriteString("\nSubject To\n")
	row := func(name string, cols []int, rhs int) {
		fmt.Fprintf(w, " %s:", name)
		for i, k := range cols {
			fmt.Fprintf(w, " + x%d", k)
			if i%16 == 15 {
				w.WriteString("\n")
			}
		}
		fmt.Fprintf(w, " <= %d\n", rhs)
	}
	for i, r := range b.Referrals {
		if cols := byReferral[r.ID]; len(cols) > 0 {
			row(fmt.Sprintf("r%d", i), cols, 1)
		}
	}
	for j, a := range b.Attorneys {
		if cols := byAttorney[a.ID]; len(cols) > 0 {
			row(fmt.Sprintf("a%d", j), cols, a.Capacity)
		}
	}
	w.WriteString("End\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readGLPKSolution reads glpsol's basic solution (-w: a line "j <column> <status> <value> <dual>" per
// column, in the order the columns first appear, which is the edges' order) and returns the number of
// edges chosen and their total score in ScoreUnits.
func readGLPKSolution(path string, b Batch) (matched int, units int64, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	if !strings.Contains(string(data), "c Status:     OPTIMAL") {
		return 0, 0, fmt.Errorf("glpsol found no optimal solution:\n%.500s", data)
	}
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) != 5 || f[0] != "j" {
			continue
		}
		k, err1 := strconv.Atoi(f[1])
		x, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil || k < 1 || k > len(b.Edges) {
			return 0, 0, fmt.Errorf("glpsol solution line %q", line)
		}
		switch {
		case math.Abs(x) < 1e-6:
		case math.Abs(x-1) < 1e-6:
			matched++
			units += int64(math.Round(b.Edges[k-1].Score / ScoreUnit))
		default:
			return 0, 0, fmt.Errorf("glpsol chose a fraction %v of edge %d", x, k-1)
		}
	}
	return matched, units, nil
}
