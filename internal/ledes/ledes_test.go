package ledes

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func fee(number string, units Units, cost Cents) Line {
	return Line{
		InvoiceDate: day("2026-12-01"), InvoiceNumber: "PB261130abc", ClientID: "client1", LawFirmMatterID: "matter1",
		BillingStart: day("2026-11-01"), BillingEnd: day("2026-11-30"), InvoiceDescription: "Pro bono time",
		ItemNumber: number, Type: Fee, Units: units, Total: LineTotal(units, cost), Date: day("2026-11-03"),
		ActivityCode: "A102", TimekeeperID: "tk1", Description: "Research on habitability", LawFirmID: "firm1",
		UnitCost: cost, TimekeeperName: "Okafor, Priya", Classification: OtherTimekeeper, ClientMatterID: "matter1",
	}
}

func TestWriteThenReadAll_GivesTheLinesBack(t *testing.T) {
	lines := []Line{fee("1", 25000, 45000), fee("2", 1000, 12345), fee("3", -5000, 45000), fee("4", 3000, 0)}
	var total Cents
	for _, l := range lines {
		total += l.Total
	}
	for i := range lines {
		lines[i].InvoiceTotal = total
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, l := range lines {
		if err := w.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	rows := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	if rows[0] != "LEDES1998B[]" || !strings.HasPrefix(rows[1], "INVOICE_DATE|INVOICE_NUMBER|") || !strings.HasSuffix(rows[1], "|CLIENT_MATTER_ID[]") {
		t.Fatalf("header lines: %q", rows[:2])
	}
	// 2.5 h at $450.00 is $1,125.00; 0.1 h at $123.45 is $12.345, rounded to $12.35; −0.5 h corrects the first: $912.35 in all.
	want := "20261201|PB261130abc|client1|matter1|912.35|20261101|20261130|Pro bono time|2|F|0.10|0.00|12.35|20261103|||A102|tk1|" +
		"Research on habitability|firm1|123.45|Okafor, Priya|OT|matter1[]"
	if rows[3] != want {
		t.Fatalf("line 4:\n got %s\nwant %s", rows[3], want)
	}
	back, err := ReadAll(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lines, back) {
		t.Fatalf("read back:\n%+v\nwrote:\n%+v", back, lines)
	}
}

func TestWrite_RefusesWhatTheFormatForbids(t *testing.T) {
	cases := map[string]func(*Line){
		"a pipe in a description":     func(l *Line) { l.Description = "a | b" },
		"brackets in a description":   func(l *Line) { l.Description = "see []" },
		"a line break":                func(l *Line) { l.Description = "two\nlines" },
		"a 21-character id":           func(l *Line) { l.ClientID = strings.Repeat("x", 21) },
		"no invoice number":           func(l *Line) { l.InvoiceNumber = "" },
		"an unknown type":             func(l *Line) { l.Type = "X" },
		"a fee without its date":      func(l *Line) { l.Date = time.Time{} },
		"a fee without a timekeeper":  func(l *Line) { l.TimekeeperID = "" },
		"a total that does not add":   func(l *Line) { l.Total += 2 },
		"a period that ends too soon": func(l *Line) { l.BillingEnd = day("2026-10-31") },
		"a 31-character name":         func(l *Line) { l.TimekeeperName = strings.Repeat("n", 31) },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			l := fee("1", 10000, 100)
			edit(&l)
			var buf bytes.Buffer
			w := NewWriter(&buf)
			var e *Error
			if err := w.Write(l); !errors.As(err, &e) {
				t.Fatalf("wrote it: %v", err)
			}
			if buf.Len() != 0 {
				t.Fatalf("wrote %q", buf.String())
			}
		})
	}
}

func TestReadAll_FindsBrokenFiles(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	l := fee("1", 10000, 10000)
	l.InvoiceTotal = l.Total
	if err := w.Write(l); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	cases := map[string]struct{ file, says string }{
		"no header":          {strings.SplitN(good, "\r\n", 2)[1], "line 1: the first line is not LEDES1998B[]"},
		"a line without []":  {strings.Replace(good, "matter1[]\r\n", "matter1\r\n", 1), `line 3: does not end in "[]"`},
		"a date as MM/DD":    {strings.Replace(good, "|20261103|", "|11/03/2026|", 1), "LINE_ITEM_DATE"},
		"three decimals":     {strings.Replace(good, "|100.00|20261103", "|100.001|20261103", 1), "LINE_ITEM_TOTAL"},
		"a missing field":    {strings.Replace(good, "|OT|", "|", 1), "has 23 fields"},
		"a total off a cent": {strings.Replace(good, "|100.00|20261101", "|100.01|20261101", 1), "not the sum"},
		"a repeated line":    {good + strings.SplitN(good, "\r\n", 3)[2], `LINE_ITEM_NUMBER "1" is used twice`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ReadAll(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("err = %v, want it to say %q", err, c.says)
			}
		})
	}
	if _, err := ReadAll(strings.NewReader(good)); err != nil {
		t.Fatal(err)
	}
}

func TestText_MakesAnyNarrativeAValidDescription(t *testing.T) {
	cases := map[string]string{
		"Called client | left message [urgent]\r\nFollow-up": "Called client left message urgent Follow-up",
		"Drafted answer\tand\x00motion":                      "Drafted answer and motion",
		strings.Repeat("word ", 300):                         strings.TrimSpace(strings.Repeat("word ", 204)),
	}
	for in, want := range cases {
		got := Text(in, DescriptionMax)
		if got != want {
			t.Errorf("Text(%.40q) = %.60q, want %.60q", in, got, want)
		}
		if msg := itemDesc.fault(got); msg != "" {
			t.Errorf("Text(%.40q) is still invalid: %s", in, msg)
		}
	}
}
