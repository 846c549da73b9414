// Package ledes writes and reads LEDES 1998B, the legal billing exchange format that billing and
// e-billing systems load invoices from: a line "LEDES1998B[]", a line naming the 24 fields, then
// one line per invoice line item, each field separated by "|" and each line ending in "[]".
//
// The rules kept here are the format's (LEDES 1998B Field Specification, rev. 7/2014): dates are
// YYYYMMDD, amounts are written with two decimals, text fields have the format's lengths and
// never hold "|", "[", "]" or a line break, and an invoice's INVOICE_TOTAL on each of its lines is
// the sum of its LINE_ITEM_TOTALs. The package knows nothing of where the lines come from.
package ledes

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Header is the file's first line, without its line break.
const Header = "LEDES1998B[]"

// Fields are the field names of the second line, in the order every line item gives them.
var Fields = [...]string{
	"INVOICE_DATE", "INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "INVOICE_TOTAL",
	"BILLING_START_DATE", "BILLING_END_DATE", "INVOICE_DESCRIPTION", "LINE_ITEM_NUMBER",
	"EXP/FEE/INV_ADJ_TYPE", "LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_ADJUSTMENT_AMOUNT", "LINE_ITEM_TOTAL",
	"LINE_ITEM_DATE", "LINE_ITEM_TASK_CODE", "LINE_ITEM_EXPENSE_CODE", "LINE_ITEM_ACTIVITY_CODE",
	"TIMEKEEPER_ID", "LINE_ITEM_DESCRIPTION", "LAW_FIRM_ID", "LINE_ITEM_UNIT_COST", "TIMEKEEPER_NAME",
	"TIMEKEEPER_CLASSIFICATION", "CLIENT_MATTER_ID",
}

// The line item types (EXP/FEE/INV_ADJ_TYPE).
const (
	Fee                  = "F"
	Expense              = "E"
	InvoiceFeeAdjustment = "IF"
	InvoiceExpAdjustment = "IE"
)

// The timekeeper classifications of the 2014 revision.
const (
	Partner         = "PT"
	Associate       = "AS"
	OfCounsel       = "OC"
	LegalAssistant  = "LA"
	OtherTimekeeper = "OT"
)

// Cents is an amount of money in hundredths of the currency unit.
type Cents int64

// Units is a number of units (hours, for fees) in ten-thousandths: the format's Number 10.4.
type Units int64

// OneUnit is one unit (one hour, for fees) in Units.
const OneUnit Units = 10000

// Line is one line item with its invoice's fields, as every line of the file repeats them.
type Line struct {
	InvoiceDate        time.Time
	InvoiceNumber      string
	ClientID           string
	LawFirmMatterID    string
	InvoiceTotal       Cents
	BillingStart       time.Time
	BillingEnd         time.Time
	InvoiceDescription string
	ItemNumber         string
	Type               string // Fee, Expense, InvoiceFeeAdjustment or InvoiceExpAdjustment
	Units              Units
	Adjustment         Cents
	Total              Cents
	Date               time.Time
	TaskCode           string
	ExpenseCode        string
	ActivityCode       string
	TimekeeperID       string
	Description        string
	LawFirmID          string
	UnitCost           Cents
	TimekeeperName     string
	Classification     string
	ClientMatterID     string
}

// text is a character field: its name, its greatest length, and whether it may be empty.
type text struct {
	name     string
	max      int
	optional bool
}

// Lengths of the character fields, by the specification.
var (
	invoiceNumber = text{"INVOICE_NUMBER", 20, false}
	clientID      = text{"CLIENT_ID", 20, false}
	firmMatterID  = text{"LAW_FIRM_MATTER_ID", 20, false}
	invoiceDesc   = text{"INVOICE_DESCRIPTION", DescriptionMax, true}
	itemNumber    = text{"LINE_ITEM_NUMBER", 20, false}
	taskCode      = text{"LINE_ITEM_TASK_CODE", 20, true}
	expenseCode   = text{"LINE_ITEM_EXPENSE_CODE", 20, true}
	activityCode  = text{"LINE_ITEM_ACTIVITY_CODE", 20, true}
	timekeeperID  = text{"TIMEKEEPER_ID", 20, true}
	itemDesc      = text{"LINE_ITEM_DESCRIPTION", DescriptionMax, true}
	lawFirmID     = text{"LAW_FIRM_ID", 20, false}
	tkName        = text{"TIMEKEEPER_NAME", NameMax, true}
	tkClass       = text{"TIMEKEEPER_CLASSIFICATION", 10, true}
	clientMatter  = text{"CLIENT_MATTER_ID", 20, true}
)

// DescriptionMax and NameMax are the longest descriptions and timekeeper names, in characters.
const (
	DescriptionMax = 1024
	NameMax        = 30
)

// fault says why a field's value may not be written, or "".
func (f text) fault(v string) string {
	switch {
	case v == "" && !f.optional:
		return f.name + " is required"
	case !utf8.ValidString(v):
		return f.name + " is not UTF-8 text"
	case utf8.RuneCountInString(v) > f.max:
		return fmt.Sprintf("%s is longer than %d characters", f.name, f.max)
	case strings.ContainsAny(v, "|[]"):
		return f.name + " holds |, [ or ], which the format reserves"
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return f.name + " holds a line break or another control character"
	}
	return ""
}

// Text makes v fit a description or name field of max characters: reserved characters and line
// breaks become spaces, runs of spaces one space, and what is too long is cut at a word where it can be.
func Text(v string, max int) string {
	v = strings.Map(func(r rune) rune {
		if r == '|' || r == '[' || r == ']' || unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, v)
	v = strings.Join(strings.Fields(v), " ")
	if utf8.RuneCountInString(v) <= max {
		return v
	}
	cut := string([]rune(v)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut)
}

// Error is a fault of one line of a file or of one line item to write.
type Error struct {
	Line   int // the line of the file, 1 for the header; 0 when writing
	Reason string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return "ledes: " + e.Reason
	}
	return fmt.Sprintf("ledes: line %d: %s", e.Line, e.Reason)
}

const dateLayout = "20060102"

// Validate reports the first rule of the format that l breaks, or nil.
func (l Line) Validate() error {
	for _, f := range []struct {
		t text
		v string
	}{
		{invoiceNumber, l.InvoiceNumber}, {clientID, l.ClientID}, {firmMatterID, l.LawFirmMatterID},
		{invoiceDesc, l.InvoiceDescription}, {itemNumber, l.ItemNumber}, {taskCode, l.TaskCode},
		{expenseCode, l.ExpenseCode}, {activityCode, l.ActivityCode}, {timekeeperID, l.TimekeeperID},
		{itemDesc, l.Description}, {lawFirmID, l.LawFirmID}, {tkName, l.TimekeeperName},
		{tkClass, l.Classification}, {clientMatter, l.ClientMatterID},
	} {
		if msg := f.t.fault(f.v); msg != "" {
			return &Error{Reason: msg}
		}
	}
	switch {
	case l.InvoiceDate.IsZero() || l.BillingStart.IsZero() || l.BillingEnd.IsZero():
		return &Error{Reason: "INVOICE_DATE, BILLING_START_DATE and BILLING_END_DATE are required"}
	case l.BillingEnd.Before(l.BillingStart):
		return &Error{Reason: "BILLING_END_DATE is before BILLING_START_DATE"}
	case l.Type != Fee && l.Type != Expense && l.Type != InvoiceFeeAdjustment && l.Type != InvoiceExpAdjustment:
		return &Error{Reason: fmt.Sprintf("EXP/FEE/INV_ADJ_TYPE %q is not F, E, IF or IE", l.Type)}
	case (l.Type == Fee || l.Type == Expense) && l.Date.IsZero():
		return &Error{Reason: "LINE_ITEM_DATE is required for fees and expenses"}
	case l.Type == Fee && (l.TimekeeperID == "" || l.TimekeeperName == "" || l.Classification == ""):
		return &Error{Reason: "a fee needs TIMEKEEPER_ID, TIMEKEEPER_NAME and TIMEKEEPER_CLASSIFICATION"}
	case (l.Type == Fee || l.Type == Expense) && !totalMatches(l):
		return &Error{Reason: fmt.Sprintf("LINE_ITEM_TOTAL %s is not LINE_ITEM_NUMBER_OF_UNITS × LINE_ITEM_UNIT_COST + LINE_ITEM_ADJUSTMENT_AMOUNT",
			formatCents(l.Total))}
	}
	return nil
}

// totalMatches reports whether the line's total is its units at its unit cost plus its
// adjustment, to the cent: the product may have more decimals than the total can show.
func totalMatches(l Line) bool {
	exact := int64(l.Units)*int64(l.UnitCost) + int64(l.Adjustment)*int64(OneUnit) // in 1/10000 of a cent
	diff := int64(l.Total)*int64(OneUnit) - exact
	return diff*2 <= int64(OneUnit) && -diff*2 <= int64(OneUnit)
}

// LineTotal is what units at a unit cost come to, rounded to the cent (half away from zero).
func LineTotal(u Units, cost Cents) Cents {
	p := int64(u) * int64(cost)
	half := int64(OneUnit) / 2
	if p < 0 {
		return Cents((p - half) / int64(OneUnit))
	}
	return Cents((p + half) / int64(OneUnit))
}

func formatCents(c Cents) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// formatUnits writes two decimals, or up to four where the units need them.
func formatUnits(u Units) string {
	sign := ""
	if u < 0 {
		sign, u = "-", -u
	}
	whole, frac := u/OneUnit, u%OneUnit
	if frac%100 == 0 {
		return fmt.Sprintf("%s%d.%02d", sign, whole, frac/100)
	}
	return strings.TrimRight(fmt.Sprintf("%s%d.%04d", sign, whole, frac), "0")
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// record is the line's 24 fields as written.
func (l Line) record() []string {
	return []string{
		formatDate(l.InvoiceDate), l.InvoiceNumber, l.ClientID, l.LawFirmMatterID, formatCents(l.InvoiceTotal),
		formatDate(l.BillingStart), formatDate(l.BillingEnd), l.InvoiceDescription, l.ItemNumber,
		l.Type, formatUnits(l.Units), formatCents(l.Adjustment), formatCents(l.Total),
		formatDate(l.Date), l.TaskCode, l.ExpenseCode, l.ActivityCode,
		l.TimekeeperID, l.Description, l.LawFirmID, formatCents(l.UnitCost), l.TimekeeperName,
		l.Classification, l.ClientMatterID,
	}
}
