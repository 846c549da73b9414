package csvout

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestEscape_SpreadsheetFormulasShowAsTextAndUnescapeGivesThemBack(t *testing.T) {
	cases := map[string]string{
		"Acme Inc": "Acme Inc", "": "", "O'Brien": "O'Brien", "'quoted'": "'quoted'",
		"=SUM(A1)": "'=SUM(A1)", "+1 Holdings": "'+1 Holdings", "-42": "'-42", "@Home": "'@Home",
		"\tTab": "'\tTab", "\rCR": "'\rCR", "'=x": "''=x", "''+x": "'''+x", "a=b": "a=b",
	}
	for in, want := range cases {
		got := Escape(in)
		if got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if back := Unescape(got); back != in {
			t.Errorf("Unescape(%q) = %q, want %q", got, back, in)
		}
	}
}

func TestWriter_WritesRFC4180RecordsThatParseBackEscaped(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	rows := [][]string{
		{"attorney", "hours"},
		{`=HYPERLINK("http://evil.example","click")`, "2.5"},
		{"Smith, \"Jo\"", "line\nbreak"},
		{"\r\n-1+1", "@SUM(1)"},
	}
	for _, r := range rows {
		if err := w.Write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "attorney,hours\r\n") || !strings.Contains(out, `"'=HYPERLINK(""http://evil.example"",""click"")",2.5`+"\r\n") ||
		!strings.Contains(out, `"Smith, ""Jo""","line`+"\r\n"+`break"`) {
		t.Fatalf("not RFC 4180 with escaped formulas:\n%q", out)
	}
	got, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, cell := range r {
			// Line breaks in a cell are written CRLF, which encoding/csv reads back as LF.
			want := strings.ReplaceAll(Escape(cell), "\r\n", "\n")
			if got[i][j] != want {
				t.Errorf("row %d cell %d = %q, want %q", i, j, got[i][j], want)
			}
			if FormulaStart(got[i][j]) {
				t.Errorf("row %d cell %d = %q starts a formula", i, j, got[i][j])
			}
		}
	}
}

type flushRecorder struct {
	bytes.Buffer
	flushes int
}

func (f *flushRecorder) Flush() { f.flushes++ }

func TestWriter_StreamsThroughASmallBufferAndFlushesTheDestination(t *testing.T) {
	dst := &flushRecorder{}
	w := NewWriter(dst)
	cell := strings.Repeat("x", 1000)
	for range 100 {
		if err := w.Write(cell, "1"); err != nil {
			t.Fatal(err)
		}
	}
	// 100 kB written before any Flush: most of it must already be at the destination.
	if dst.Len() < 90_000 {
		t.Fatalf("only %d bytes reached the destination before Flush: the writer holds the file", dst.Len())
	}
	if err := w.Flush(); err != nil || dst.flushes != 1 || dst.Len() != 100*(1000+4) {
		t.Fatalf("after Flush: err %v, flushes %d, bytes %d", err, dst.flushes, dst.Len())
	}
}

func FuzzEscape_RoundTrips(f *testing.F) {
	for _, s := range []string{"=x", "'=x", "''", "'", "-", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		e := Escape(v)
		if FormulaStart(e) {
			t.Fatalf("Escape(%q) = %q still starts a formula", v, e)
		}
		if back := Unescape(e); back != v {
			t.Fatalf("Unescape(Escape(%q)) = %q", v, back)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		if err := w.Write(v, "x"); err != nil || w.Flush() != nil {
			t.Fatal(err)
		}
		rec, err := csv.NewReader(&buf).Read()
		if err != nil || len(rec) != 2 || rec[1] != "x" {
			t.Fatalf("record of %q did not parse back: %q, %v", v, rec, err)
		}
		if FormulaStart(rec[0]) {
			t.Fatalf("cell %q parsed back as %q, which starts a formula", e, rec[0])
		}
	})
}
