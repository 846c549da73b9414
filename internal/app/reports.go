package app

import (
	"context"
	"time"

	"github.com/probono-match/probono/internal/report"
	"github.com/probono-match/probono/internal/store"
)

// reportStore is the store as the report domain declares it; the rows are the same structs on
// both sides, converted as they pass.
type reportStore struct{ s *store.Store }

func toStoreScope(sc report.Scope) store.ReportScope {
	return store.ReportScope{GroupBy: string(sc.GroupBy), From: sc.From, To: sc.To, FirmID: sc.FirmID, OrgID: sc.OrgID}
}

func (r reportStore) HoursReport(ctx context.Context, timeout time.Duration, sc report.Scope, fn func(report.HoursRow) error) error {
	return r.s.HoursReport(ctx, timeout, toStoreScope(sc), func(row store.HoursReportRow) error { return fn(report.HoursRow(row)) })
}

func (r reportStore) MattersReport(ctx context.Context, timeout time.Duration, sc report.Scope, fn func(report.MattersRow) error) error {
	return r.s.MattersReport(ctx, timeout, toStoreScope(sc), func(row store.MattersReportRow) error { return fn(report.MattersRow(row)) })
}

func (r reportStore) TimeToMatchReport(ctx context.Context, timeout time.Duration, sc report.Scope, fn func(report.TimeToMatchRow) error) error {
	return r.s.TimeToMatchReport(ctx, timeout, toStoreScope(sc), func(row store.TimeToMatchReportRow) error { return fn(report.TimeToMatchRow(row)) })
}

func (r reportStore) UnmetNeedReport(ctx context.Context, timeout time.Duration, sc report.Scope, fn func(report.UnmetNeedRow) error) error {
	return r.s.UnmetNeedReport(ctx, timeout, toStoreScope(sc), func(row store.UnmetNeedReportRow) error { return fn(report.UnmetNeedRow(row)) })
}

func (r reportStore) Tx(ctx context.Context, fn func(tx report.Tx) error) error {
	return r.s.Tx(ctx, func(tx *store.Store) error { return fn(tx) })
}
