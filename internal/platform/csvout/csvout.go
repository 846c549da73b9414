// Package csvout writes CSV files people open in spreadsheets: RFC 4180 records (quoted where a
// cell needs it, CRLF line ends), streamed row by row, with every cell that a spreadsheet would run
// as a formula escaped so that it shows as the text it is.
//
// The escaping is OWASP's: a cell that starts with =, +, -, @, a tab or a carriage return gets a
// single quote (') in front. This holds for negative numbers too ("-1.5" is written "'-1.5"),
// because a spreadsheet cannot tell "-1.5" from "-1+cmd|..." by its first character either.
// A cell whose quotes already come before such a character gets one more quote, so Unescape, which
// removes exactly one, gives every cell back as it was written (imports of our own exports rely on it).
package csvout

import (
	"encoding/csv"
	"io"
	"strings"
)

// Writer writes escaped records. The records go out through a small buffer, so a file of any
// length holds only a few kilobytes in memory; Flush pushes what is buffered to the client.
type Writer struct {
	out *csv.Writer
	dst io.Writer
	rec []string
}

// NewWriter writes CSV records to w. If w can flush itself (an HTTP response can), Flush flushes it too.
func NewWriter(w io.Writer) *Writer {
	out := csv.NewWriter(w)
	out.UseCRLF = true
	return &Writer{out: out, dst: w}
}

// Write writes one record, each cell escaped.
func (w *Writer) Write(cells ...string) error {
	w.rec = w.rec[:0]
	for _, c := range cells {
		w.rec = append(w.rec, Escape(c))
	}
	return w.out.Write(w.rec)
}

// Flush writes out what is buffered, and flushes the destination when it is an http.Flusher or
// another writer with a Flush method. It returns the first error any Write or Flush met.
func (w *Writer) Flush() error {
	w.out.Flush()
	if err := w.out.Error(); err != nil {
		return err
	}
	if f, ok := w.dst.(interface{ Flush() }); ok {
		f.Flush()
	}
	return nil
}

// FormulaStart reports whether a spreadsheet would take a cell that starts like v for a formula.
func FormulaStart(v string) bool {
	return v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0]))
}

// Escape puts a single quote before a cell that a spreadsheet would run as a formula, and one more
// before a cell whose quotes come before such a character.
func Escape(v string) string {
	if FormulaStart(v) || (strings.HasPrefix(v, "'") && FormulaStart(strings.TrimLeft(v, "'"))) {
		return "'" + v
	}
	return v
}

// Unescape undoes Escape: it removes one quote from a cell whose quotes come before a formula
// character, and leaves every other cell as it is.
func Unescape(v string) string {
	if strings.HasPrefix(v, "'") && FormulaStart(strings.TrimLeft(v, "'")) {
		return v[1:]
	}
	return v
}
