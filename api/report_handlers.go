package api

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/platform/csvout"
	"github.com/probono-match/probono/internal/report"
)

func (h *Handlers) ReportHours(c echo.Context, params ReportHoursParams) error {
	q := reportQuery(c, params.From, params.To, params.FirmId, params.OrgId, params.Format != nil && *params.Format == ReportHoursParamsFormatCsv)
	q.GroupBy = report.GroupBy(deref(params.GroupBy))
	sink := newReportSink(c, q.Export, hoursLayout)
	return sink.end(h.Reports.Hours(c.Request().Context(), principal(c), q, sink))
}

func (h *Handlers) ReportMatters(c echo.Context, params ReportMattersParams) error {
	q := reportQuery(c, params.From, params.To, params.FirmId, params.OrgId, params.Format != nil && *params.Format == ReportMattersParamsFormatCsv)
	sink := newReportSink(c, q.Export, mattersLayout)
	return sink.end(h.Reports.Matters(c.Request().Context(), principal(c), q, sink))
}

func (h *Handlers) ReportTimeToMatch(c echo.Context, params ReportTimeToMatchParams) error {
	q := reportQuery(c, params.From, params.To, params.FirmId, params.OrgId, params.Format != nil && *params.Format == ReportTimeToMatchParamsFormatCsv)
	sink := newReportSink(c, q.Export, timeToMatchLayout)
	return sink.end(h.Reports.TimeToMatch(c.Request().Context(), principal(c), q, sink))
}

func (h *Handlers) ReportUnmetNeed(c echo.Context, params ReportUnmetNeedParams) error {
	q := reportQuery(c, params.From, params.To, params.FirmId, params.OrgId, params.Format != nil && *params.Format == ReportUnmetNeedParamsFormatCsv)
	sink := newReportSink(c, q.Export, unmetNeedLayout)
	return sink.end(h.Reports.UnmetNeed(c.Request().Context(), principal(c), q, sink))
}

// reportQuery is the query every report takes. A report is a CSV file when format=csv says so
// or, without a format, when the Accept header names text/csv.
func reportQuery(c echo.Context, from, to *ReportFrom, firmID, orgID *uuid.UUID, formatCSV bool) report.Query {
	asCSV := formatCSV || (c.QueryParam("format") == "" && acceptsCSV(c.Request().Header.Values(echo.HeaderAccept)))
	return report.Query{From: fromDate(from), To: fromDate(to), FirmID: firmID, OrgID: orgID, Export: asCSV}
}

func acceptsCSV(accept []string) bool {
	for _, header := range accept {
		for _, part := range strings.Split(header, ",") {
			if t, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && t == "text/csv" {
				return true
			}
		}
	}
	return false
}

// reportLayout is how one report's rows are written: as JSON items, and as CSV cells under header.
type reportLayout[R any] struct {
	header []string
	cells  func(R) []string
	item   func(R) any
}

// reportSink writes a report to the response as its rows arrive, as JSON or as CSV.
type reportSink[R any] struct {
	c      echo.Context
	csv    *csvout.Writer
	asCSV  bool
	layout reportLayout[R]
	rows   int
}

func newReportSink[R any](c echo.Context, asCSV bool, layout reportLayout[R]) *reportSink[R] {
	return &reportSink[R]{c: c, asCSV: asCSV, layout: layout}
}

// Start sends the status and what the report covers: the CSV file's name and header, or the JSON
// document up to its items.
func (s *reportSink[R]) Start(sc report.Scope) error {
	res := s.c.Response()
	if s.asCSV {
		res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
		res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.csv"`, reportFileName(sc)))
		res.WriteHeader(http.StatusOK)
		// The byte-order mark tells spreadsheets the file is UTF-8.
		if _, err := res.Write([]byte("\ufeff")); err != nil {
			return err
		}
		s.csv = csvout.NewWriter(res)
		return s.csv.Write(s.layout.header...)
	}
	res.Header().Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	res.WriteHeader(http.StatusOK)
	head, err := json.Marshal(struct {
		From    string         `json:"from"`
		To      string         `json:"to"`
		FirmID  *uuid.UUID     `json:"firm_id"`
		OrgID   *uuid.UUID     `json:"org_id"`
		GroupBy report.GroupBy `json:"group_by,omitempty"`
	}{sc.From.Format(time.DateOnly), sc.To.Format(time.DateOnly), sc.FirmID, sc.OrgID, sc.GroupBy})
	if err != nil {
		return err
	}
	// The head object, opened again to take the items.
	_, err = res.Write(append(head[:len(head)-1], `,"items":[`...))
	return err
}

func (s *reportSink[R]) Row(r R) error {
	s.rows++
	if s.asCSV {
		return s.csv.Write(s.layout.cells(r)...)
	}
	b, err := json.Marshal(s.layout.item(r))
	if err != nil {
		return err
	}
	if s.rows > 1 {
		b = append([]byte{','}, b...)
	}
	_, err = s.c.Response().Write(b)
	return err
}

// end finishes the document once the service has handed every row, or ends the response on an error.
func (s *reportSink[R]) end(err error) error {
	res := s.c.Response()
	if err != nil && res.Committed {
		// The status is sent: only a broken connection tells the client that the report is cut
		// short, where a clean end would pass part of it off as the whole.
		panic(http.ErrAbortHandler)
	}
	if err != nil {
		return err
	}
	if s.asCSV {
		return s.csv.Flush()
	}
	_, err = res.Write([]byte("]}"))
	return err
}

// reportFileName is "hours-by-attorney-2026-01-01-2026-12-31".
func reportFileName(sc report.Scope) string {
	name := string(sc.Report)
	if sc.GroupBy != "" {
		name += "-by-" + strings.ReplaceAll(string(sc.GroupBy), "_", "-")
	}
	return name + "-" + sc.From.Format(time.DateOnly) + "-" + sc.To.Format(time.DateOnly)
}

// inHours writes minutes as hours in tenths: time is logged in 6-minute units, so this is exact.
func inHours(minutes int64) json.Number {
	return json.Number(strconv.FormatFloat(float64(minutes)/60, 'f', 1, 64))
}

// waited writes a time to match in hours to a tenth, null when there is none.
func waited(h *float64) *json.Number {
	if h == nil {
		return nil
	}
	n := json.Number(strconv.FormatFloat(*h, 'f', 1, 64))
	return &n
}

func cell(n *json.Number) string {
	if n == nil {
		return ""
	}
	return string(*n)
}

func count(n int64) string { return strconv.FormatInt(n, 10) }

var hoursLayout = reportLayout[report.HoursRow]{
	header: []string{"key", "label", "hours", "entries"},
	cells: func(r report.HoursRow) []string {
		return []string{r.Key, r.Label, string(inHours(r.Minutes)), count(r.Entries)}
	},
	item: func(r report.HoursRow) any {
		return struct {
			Key     *string     `json:"key"`
			Label   string      `json:"label"`
			Hours   json.Number `json:"hours"`
			Entries int64       `json:"entries"`
		}{nonZero(r.Key), r.Label, inHours(r.Minutes), r.Entries}
	},
}

var mattersLayout = reportLayout[report.MattersRow]{
	header: []string{"month", "opened", "closed", "withdrawn"},
	cells: func(r report.MattersRow) []string {
		return []string{r.Month.Format("2006-01"), count(r.Opened), count(r.Closed), count(r.Withdrawn)}
	},
	item: func(r report.MattersRow) any {
		return struct {
			Month     string `json:"month"`
			Opened    int64  `json:"opened"`
			Closed    int64  `json:"closed"`
			Withdrawn int64  `json:"withdrawn"`
		}{r.Month.Format("2006-01"), r.Opened, r.Closed, r.Withdrawn}
	},
}

var timeToMatchLayout = reportLayout[report.TimeToMatchRow]{
	header: []string{"month", "referrals", "offered", "accepted", "first_offer_median_hours", "first_offer_p90_hours",
		"acceptance_median_hours", "acceptance_p90_hours"},
	cells: func(r report.TimeToMatchRow) []string {
		return []string{r.Month.Format("2006-01"), count(r.Referrals), count(r.Offered), count(r.Accepted),
			cell(waited(r.FirstOfferMedian)), cell(waited(r.FirstOfferP90)), cell(waited(r.AcceptanceMedian)), cell(waited(r.AcceptanceP90))}
	},
	item: func(r report.TimeToMatchRow) any {
		return struct {
			Month            string       `json:"month"`
			Referrals        int64        `json:"referrals"`
			Offered          int64        `json:"offered"`
			Accepted         int64        `json:"accepted"`
			FirstOfferMedian *json.Number `json:"first_offer_median_hours"`
			FirstOfferP90    *json.Number `json:"first_offer_p90_hours"`
			AcceptanceMedian *json.Number `json:"acceptance_median_hours"`
			AcceptanceP90    *json.Number `json:"acceptance_p90_hours"`
		}{r.Month.Format("2006-01"), r.Referrals, r.Offered, r.Accepted,
			waited(r.FirstOfferMedian), waited(r.FirstOfferP90), waited(r.AcceptanceMedian), waited(r.AcceptanceP90)}
	},
}

var unmetNeedLayout = reportLayout[report.UnmetNeedRow]{
	header: []string{"practice_area", "practice_area_name", "jurisdiction", "jurisdiction_name", "referrals", "offered"},
	cells: func(r report.UnmetNeedRow) []string {
		return []string{r.PracticeArea, r.PracticeAreaName, r.Jurisdiction, r.JurisdictionName, count(r.Referrals), count(r.Offered)}
	},
	item: func(r report.UnmetNeedRow) any {
		return struct {
			PracticeArea     string `json:"practice_area"`
			PracticeAreaName string `json:"practice_area_name"`
			Jurisdiction     string `json:"jurisdiction"`
			JurisdictionName string `json:"jurisdiction_name"`
			Referrals        int64  `json:"referrals"`
			Offered          int64  `json:"offered"`
		}{r.PracticeArea, r.PracticeAreaName, r.Jurisdiction, r.JurisdictionName, r.Referrals, r.Offered}
	},
}
