package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/timeexchange"
)

func (h *Handlers) ExportTimeEntries(c echo.Context, params ExportTimeEntriesParams) error {
	f := timeexchange.ExportFilter{Format: timeexchange.CSV, From: fromDate(params.From), To: fromDate(params.To),
		AttorneyID: params.AttorneyId, MatterID: params.MatterId, WithoutNarratives: params.Narratives != nil && !*params.Narratives}
	contentType, ext := "text/csv; charset=utf-8", "csv"
	if params.Format != nil && *params.Format == ExportTimeEntriesParamsFormatLedes {
		f.Format, contentType, ext = timeexchange.LEDES, "text/plain; charset=utf-8", "txt"
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, contentType)
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="pro-bono-time-%s.%s"`, time.Now().UTC().Format(time.DateOnly), ext))
	err := h.TimeExchange.Export(c.Request().Context(), principal(c), f, res)
	if err != nil && res.Committed {
		// The status is sent: only a broken connection tells the client that the file is cut short,
		// where a clean end would pass part of the firm's time off as the whole.
		panic(http.ErrAbortHandler)
	}
	if err != nil {
		res.Header().Del(echo.HeaderContentDisposition)
	}
	return err
}

func (h *Handlers) ImportTimeEntries(c echo.Context) error {
	report, err := h.TimeExchange.Import(c.Request().Context(), principal(c), newUploadBody(c, h.Uploads))
	if err != nil {
		return err
	}
	out := TimeImportReport{Committed: report.Committed, Created: report.Created, Skipped: report.Skipped,
		ErrorsTruncated: report.ErrorsTruncated}
	out.Errors = make([]struct {
		Detail string `json:"detail"`
		Field  string `json:"field"`
		Line   int    `json:"line"`
	}, len(report.Errors))
	for i, e := range report.Errors {
		out.Errors[i].Line, out.Errors[i].Field, out.Errors[i].Detail = e.Line, e.Field, e.Detail
	}
	return c.JSON(http.StatusOK, out)
}
