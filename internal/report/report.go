// Package report owns the reports firms and referring organisations take to their leadership and
// funders: approved hours grouped five ways, matters opened and closed, time to match, and unmet
// need. Reports read roll-ups and indexes (hours come from hours_monthly, never from the entries
// themselves) in a read-only transaction with a statement timeout, and hand their rows to a Sink
// one at a time, so no report is held in memory whatever its size.
//
// Who sees what:
//   - a law firm's coordinators and org admins see their firm's report, and may narrow it to one
//     referring organisation (OrgID);
//   - a referring organisation's staff and org admins see their referrals' report, and may narrow
//     it to one firm (FirmID);
//   - platform admins see everyone's, or one firm's or referrer's;
//   - everyone else (attorneys) is Forbidden.
//
// Naming another firm than one's own (or, for a referrer, another referrer) answers NotFound.
package report

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
)

// Name names a report, in file names and in the audit trail.
type Name string

// The reports.
const (
	Hours       Name = "hours"
	Matters     Name = "matters"
	TimeToMatch Name = "time-to-match"
	UnmetNeed   Name = "unmet-need"
)

// GroupBy is how the hours report groups approved hours.
type GroupBy string

// The groupings of the hours report.
const (
	ByAttorney     GroupBy = "attorney"
	ByMonth        GroupBy = "month"
	ByPracticeArea GroupBy = "practice_area"
	ByReferrer     GroupBy = "referrer"
	ByPartnership  GroupBy = "partnership"
)

// MaxPeriod bounds a report's period: ten years of months is the most any report reads.
const MaxPeriod = 10

// Query is what the caller asks for. From and To are days (nil: the first of January of To's year,
// and today); FirmID and OrgID narrow the report; Export says the report leaves the service as a
// file, which the audit trail records.
type Query struct {
	GroupBy  GroupBy // the hours report only; "" is ByMonth
	From, To *time.Time
	FirmID   *uuid.UUID
	OrgID    *uuid.UUID
	Export   bool
}

// Scope is what a report reads, as the service decided from the caller and the query: the period
// (To included), and the firm and referring organisation it is limited to (nil: any).
type Scope struct {
	Report   Name
	GroupBy  GroupBy
	From, To time.Time
	FirmID   *uuid.UUID
	OrgID    *uuid.UUID
}

// HoursRow is one group's approved time. Key is the attorney's or referrer's id, the practice
// area's code, the partnership's id or the month (2026-03); "" for hours outside any partnership.
type HoursRow struct {
	Key, Label string
	Minutes    int64
	Entries    int64
}

// MattersRow is one month's matters.
type MattersRow struct {
	Month                     time.Time
	Opened, Closed, Withdrawn int64
}

// TimeToMatchRow is the referrals submitted in one month and how long they waited, in hours (nil
// when none got that far).
type TimeToMatchRow struct {
	Month                           time.Time
	Referrals, Offered, Accepted    int64
	FirstOfferMedian, FirstOfferP90 *float64
	AcceptanceMedian, AcceptanceP90 *float64
}

// UnmetNeedRow counts the referrals of one practice area and jurisdiction that nobody took.
type UnmetNeedRow struct {
	PracticeArea, PracticeAreaName string
	Jurisdiction, JurisdictionName string
	Referrals, Offered             int64
}

// Sink receives a report: Start once, with the scope, when the report's query has answered (so
// that a failure before it is still an error the caller can be told), then each row in order.
type Sink[R any] interface {
	Start(s Scope) error
	Row(r R) error
}

// Service is the contract of the report domain. Each method returns Forbidden to attorneys,
// NotFound when FirmID or OrgID names an organisation the caller may not report on, Invalid for a
// period that ends before it starts or spans more than MaxPeriod years, and Unavailable (type
// report-timeout) when the report takes longer than the timeout. An error the Sink returns ends
// the report with that error.
type Service interface {
	Hours(ctx context.Context, p auth.Principal, q Query, sink Sink[HoursRow]) error
	Matters(ctx context.Context, p auth.Principal, q Query, sink Sink[MattersRow]) error
	TimeToMatch(ctx context.Context, p auth.Principal, q Query, sink Sink[TimeToMatchRow]) error
	UnmetNeed(ctx context.Context, p auth.Principal, q Query, sink Sink[UnmetNeedRow]) error
}

// Store is what the service needs from the database. Each read runs in a read-only transaction
// whose statements end after timeout (Unavailable, type report-timeout, then), and calls fn for
// each row as it arrives.
type Store interface {
	HoursReport(ctx context.Context, timeout time.Duration, s Scope, fn func(HoursRow) error) error
	MattersReport(ctx context.Context, timeout time.Duration, s Scope, fn func(MattersRow) error) error
	TimeToMatchReport(ctx context.Context, timeout time.Duration, s Scope, fn func(TimeToMatchRow) error) error
	UnmetNeedReport(ctx context.Context, timeout time.Duration, s Scope, fn func(UnmetNeedRow) error) error
	// Tx runs fn in a transaction, for the audit record of an export.
	Tx(ctx context.Context, fn func(tx Tx) error) error
}

// Tx is what the service writes: the audit record of an export.
type Tx interface {
	Audit(ctx context.Context, r audit.Record) error
}
