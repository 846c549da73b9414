// Package textfile takes in the text files people upload (CSV exported from a spreadsheet or
// another system): it spools an upload to a bounded temporary file before anything touches the
// database, and reads it back line by line, stopping at the first line that is not text.
package textfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/probono-match/probono/internal/platform/problem"
)

// Spool copies the upload to a temporary file, so that no connection or transaction waits on a
// slow client, and returns it positioned at its start. Past limit bytes it returns TooLarge. The
// file is unlinked as soon as it is created: it disappears when closed, or when the process ends,
// whatever happens in between.
func Spool(upload io.Reader, limit int64) (*os.File, error) {
	f, err := os.CreateTemp("", "probono-upload-*")
	if err != nil {
		return nil, fmt.Errorf("creating the upload's temporary file: %w", err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, fmt.Errorf("unlinking the upload's temporary file: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(upload, limit+1))
	if err == nil && n > limit {
		err = problem.New(problem.TooLarge, "The file is larger than the limit of %s.", size(limit))
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("spooling the upload: %w", err)
	}
	return f, nil
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// Fault is a fault of the file as a whole at a line, such as text that is not UTF-8: whoever
// reads the file stops there, and imports nothing.
type Fault struct{ Msg string }

func (e *Fault) Error() string { return e.Msg }

// Reader passes a file on line by line, stopping with a *Fault at the first line that is longer
// than its limit, is not UTF-8 or holds a NUL byte, so a CSV reader behind it sees only text that
// the database will store as is.
type Reader struct {
	r       *bufio.Reader
	max     int
	line    int
	pending []byte
	err     error
}

// NewReader reads r, whose lines are at most maxLine bytes: the most of it ever held in memory.
func NewReader(r io.Reader, maxLine int) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, maxLine), max: maxLine}
}

func (t *Reader) Read(p []byte) (int, error) {
	if len(t.pending) == 0 {
		if t.err != nil {
			return 0, t.err
		}
		line, err := t.r.ReadSlice('\n')
		t.line++
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			err = &Fault{fmt.Sprintf("line %d is longer than %d KiB; nothing was imported", t.line, t.max>>10)}
		case !utf8.Valid(line):
			err = &Fault{fmt.Sprintf("line %d is not UTF-8 text: the file must be UTF-8 (in Excel, save as \"CSV UTF-8\"); nothing was imported", t.line)}
		case bytes.IndexByte(line, 0) >= 0:
			err = &Fault{fmt.Sprintf("line %d holds a NUL byte, which text never does; nothing was imported", t.line)}
		default:
			t.pending = line
		}
		if err != nil {
			t.err = err
		}
		if len(t.pending) == 0 {
			return 0, t.err
		}
	}
	n := copy(p, t.pending)
	t.pending = t.pending[n:]
	return n, nil
}

// Quoted is a rejected value as a report quotes it: cut short, so a huge field makes a small report.
func Quoted(v string) string {
	const limit = 40
	if utf8.RuneCountInString(v) <= limit {
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("%q…", string([]rune(v)[:limit]))
}
