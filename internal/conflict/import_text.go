package conflict

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// maxLineBytes is the longest line an import file may have: far above any real row (a name, a
// matter reference and 20 aliases), and the most of it the CSV reader ever holds in memory.
const maxLineBytes = 64 << 10

// fileError is a fault of the file as a whole at a line, such as text that is not UTF-8: the
// import stops and nothing is imported.
type fileError struct{ msg string }

func (e *fileError) Error() string { return e.msg }

// textReader passes the file on line by line, stopping at the first line that is too long, is not
// UTF-8 or holds a NUL byte, so the CSV reader sees only text that the database will store as is.
type textReader struct {
	r       *bufio.Reader
	line    int
	pending []byte
	err     error
}

func newTextReader(r io.Reader) *textReader {
	return &textReader{r: bufio.NewReaderSize(r, maxLineBytes)}
}

func (t *textReader) Read(p []byte) (int, error) {
	if len(t.pending) == 0 {
		if t.err != nil {
			return 0, t.err
		}
		line, err := t.r.ReadSlice('\n')
		t.line++
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			err = &fileError{fmt.Sprintf("line %d is longer than %d KiB; nothing was imported", t.line, maxLineBytes>>10)}
		case !utf8.Valid(line):
			err = &fileError{fmt.Sprintf("line %d is not UTF-8 text: the file must be UTF-8 (in Excel, save as \"CSV UTF-8\"); nothing was imported", t.line)}
		case bytes.IndexByte(line, 0) >= 0:
			err = &fileError{fmt.Sprintf("line %d holds a NUL byte, which text never does; nothing was imported", t.line)}
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

// echoed is a rejected value as a report quotes it: cut short, so a huge field makes a small report.
func echoed(v string) string {
	const limit = 40
	if utf8.RuneCountInString(v) <= limit {
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("%q…", string([]rune(v)[:limit]))
}
