package ledes

import (
	"bufio"
	"io"
	"strings"
)

// lineEnd ends every line: the format's "[]", then CR LF as the files the LEDES committee
// publishes have it.
const lineEnd = "[]\r\n"

// Writer writes a LEDES 1998B file line item by line item, so a file of any length holds one line
// in memory. The caller gives each line its invoice's total (see LineTotal); Writer checks every
// line against the format before it writes it.
type Writer struct {
	w       *bufio.Writer
	dst     io.Writer
	started bool
}

// NewWriter writes to w; nothing is written before the first Write or Flush.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w), dst: w} }

func (w *Writer) start() error {
	if w.started {
		return nil
	}
	w.started = true
	_, err := w.w.WriteString(Header + "\r\n" + strings.Join(Fields[:], "|") + lineEnd)
	return err
}

// Write writes one line item, or returns an *Error and writes nothing if it breaks the format.
func (w *Writer) Write(l Line) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if err := w.start(); err != nil {
		return err
	}
	_, err := w.w.WriteString(strings.Join(l.record(), "|") + lineEnd)
	return err
}

// Flush writes what is buffered, the two header lines at least, so an empty file is still a
// LEDES file, and flushes the destination when it can flush itself (an HTTP response can).
func (w *Writer) Flush() error {
	if err := w.start(); err != nil {
		return err
	}
	if err := w.w.Flush(); err != nil {
		return err
	}
	if f, ok := w.dst.(interface{ Flush() }); ok {
		f.Flush()
	}
	return nil
}
