package ledes

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// maxLineBytes bounds one line: 24 fields, two of them descriptions of 1024 characters of up to
// four bytes each.
const maxLineBytes = 16 << 10

// Reader reads a LEDES 1998B file line item by line item, checking each against the format.
type Reader struct {
	s    *bufio.Scanner
	line int
}

// NewReader reads from r.
func NewReader(r io.Reader) *Reader {
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 0, 4096), maxLineBytes)
	return &Reader{s: s}
}

// next returns the next line without its "[]" and line break.
func (r *Reader) next() (string, error) {
	if !r.s.Scan() {
		if err := r.s.Err(); err != nil {
			return "", &Error{Line: r.line + 1, Reason: err.Error()}
		}
		return "", io.EOF
	}
	r.line++
	text := strings.TrimSuffix(r.s.Text(), "\r")
	if !strings.HasSuffix(text, "[]") {
		return "", &Error{Line: r.line, Reason: `does not end in "[]"`}
	}
	return strings.TrimSuffix(text, "[]"), nil
}

// Read returns the next line item, io.EOF after the last, or an *Error naming the line at fault.
// The first call reads and checks the two header lines.
func (r *Reader) Read() (Line, error) {
	if r.line == 0 {
		if err := r.header(); err != nil {
			return Line{}, err
		}
	}
	text, err := r.next()
	if err != nil {
		return Line{}, err
	}
	l, err := parse(strings.Split(text, "|"))
	if err == nil {
		err = l.Validate()
	}
	var e *Error
	if errors.As(err, &e) {
		return Line{}, &Error{Line: r.line, Reason: e.Reason}
	}
	return l, err
}

func (r *Reader) header() error {
	first, err := r.next()
	if err != nil || first+"[]" != Header {
		return &Error{Line: 1, Reason: "the first line is not " + Header}
	}
	names, err := r.next()
	if err != nil || names != strings.Join(Fields[:], "|") {
		return &Error{Line: 2, Reason: "the second line does not name the 24 fields of LEDES 1998B in their order"}
	}
	return nil
}

// parse turns the fields of one line into a Line; Validate checks the rest.
func parse(f []string) (Line, error) {
	if len(f) != len(Fields) {
		return Line{}, &Error{Reason: fmt.Sprintf("has %d fields, not %d", len(f), len(Fields))}
	}
	p := fieldParser{f: f}
	l := Line{
		InvoiceDate: p.date(0), InvoiceNumber: f[1], ClientID: f[2], LawFirmMatterID: f[3], InvoiceTotal: p.cents(4),
		BillingStart: p.date(5), BillingEnd: p.date(6), InvoiceDescription: f[7], ItemNumber: f[8], Type: f[9],
		Units: p.units(10), Adjustment: p.cents(11), Total: p.cents(12), Date: p.date(13),
		TaskCode: f[14], ExpenseCode: f[15], ActivityCode: f[16], TimekeeperID: f[17], Description: f[18],
		LawFirmID: f[19], UnitCost: p.cents(20), TimekeeperName: f[21], Classification: f[22], ClientMatterID: f[23],
	}
	return l, p.err
}

// fieldParser keeps the first fault met while the fields of a line are converted.
type fieldParser struct {
	f   []string
	err error
}

func (p *fieldParser) fail(i int, what string) {
	if p.err == nil {
		p.err = &Error{Reason: fmt.Sprintf("%s %q is not %s", Fields[i], p.f[i], what)}
	}
}

func (p *fieldParser) date(i int) time.Time {
	if p.f[i] == "" {
		return time.Time{}
	}
	t, err := time.Parse(dateLayout, p.f[i])
	if err != nil || len(p.f[i]) != len(dateLayout) {
		p.fail(i, "a date as YYYYMMDD")
	}
	return t
}

// decimal reads an optionally signed number with up to four decimals, in ten-thousandths.
func (p *fieldParser) decimal(i int, what string) int64 {
	v := p.f[i]
	if v == "" {
		return 0
	}
	neg := strings.HasPrefix(v, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(v, "-"), ".")
	if whole == "" || len(frac) > 4 || len(whole) > 12 || strings.TrimLeft(whole+frac, "0123456789") != "" {
		p.fail(i, what)
		return 0
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "0000")[:4], 10, 64)
	n := w*int64(OneUnit) + f
	if neg {
		return -n
	}
	return n
}

func (p *fieldParser) units(i int) Units { return Units(p.decimal(i, "a number")) }

// cents reads an amount; the format allows four decimals, but past the cents they must be zeros.
func (p *fieldParser) cents(i int) Cents {
	n := p.decimal(i, "an amount")
	if n%100 != 0 {
		p.fail(i, "an amount in whole cents")
	}
	return Cents(n / 100)
}

// ReadAll reads every line item and checks what spans lines: that each invoice's lines repeat the
// same INVOICE_TOTAL and that it is the sum of their LINE_ITEM_TOTALs, and that line item numbers
// are unique within their invoice.
func ReadAll(r io.Reader) ([]Line, error) {
	rd := NewReader(r)
	var lines []Line
	for {
		l, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	type invoice struct {
		total, sum Cents
		items      map[string]bool
	}
	invoices := map[string]*invoice{}
	for i, l := range lines {
		inv := invoices[l.InvoiceNumber]
		if inv == nil {
			inv = &invoice{total: l.InvoiceTotal, items: map[string]bool{}}
			invoices[l.InvoiceNumber] = inv
		}
		if l.InvoiceTotal != inv.total {
			return nil, &Error{Line: i + 3, Reason: "INVOICE_TOTAL differs from the invoice's earlier lines"}
		}
		if inv.items[l.ItemNumber] {
			return nil, &Error{Line: i + 3, Reason: fmt.Sprintf("LINE_ITEM_NUMBER %q is used twice in invoice %q", l.ItemNumber, l.InvoiceNumber)}
		}
		inv.items[l.ItemNumber] = true
		inv.sum += l.Total
	}
	for number, inv := range invoices {
		if inv.sum != inv.total {
			return nil, &Error{Reason: fmt.Sprintf("invoice %q: INVOICE_TOTAL %s is not the sum of its LINE_ITEM_TOTALs, %s",
				number, formatCents(inv.total), formatCents(inv.sum))}
		}
	}
	return lines, nil
}
