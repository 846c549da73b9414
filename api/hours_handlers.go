package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/hours"
	"github.com/probono-match/probono/internal/platform/etag"
	"github.com/probono-match/probono/internal/platform/problem"
)

func toHoursInput(in TimeEntryInput) hours.Input {
	return hours.Input{MatterID: in.MatterId, WorkDate: in.WorkDate.Time, Minutes: in.Minutes, Activity: string(in.Activity),
		Narrative: in.Narrative, RateCents: in.RateCents, Submit: deref(in.Submit)}
}

func toAPITimeEntry(e hours.Entry) TimeEntry {
	out := TimeEntry{
		Id: e.ID, MatterId: e.MatterID, AttorneyId: e.AttorneyID, AttorneyName: e.AttorneyName, FirmId: e.FirmID,
		WorkDate: openapi_types.Date{Time: e.WorkDate}, Minutes: e.Minutes, Hours: math.Round(float64(e.Minutes)/6) / 10,
		Activity: TimeActivity(e.Activity), Narrative: e.Narrative, RateCents: e.RateCents, Status: TimeEntryStatus(e.Status),
		AdjustsId: e.AdjustsID, Source: TimeEntrySource(e.Source), SubmittedAt: e.SubmittedAt, DecidedAt: e.DecidedAt,
		DecidedByName: nonZero(e.DecidedByName), RejectReason: nonZero(e.RejectReason), CreatedAt: e.CreatedAt, Version: e.Version,
	}
	out.Matter.ReferralId, out.Matter.PracticeArea = e.Matter.ReferralID, e.Matter.PracticeArea
	out.Matter.Jurisdiction, out.Matter.ReferrerName = e.Matter.Jurisdiction, e.Matter.ReferrerName
	return out
}

// timeEntryResponse writes an entry with its entity tag, for the next write's If-Match.
func timeEntryResponse(c echo.Context, status int, e hours.Entry) error {
	c.Response().Header().Set("ETag", etag.Of(e.Version))
	return c.JSON(status, toAPITimeEntry(e))
}

func timeEntryList(c echo.Context, status int, list []hours.Entry) error {
	return c.JSON(status, TimeEntryList{Items: mapSlice(list, toAPITimeEntry)})
}

func (h *Handlers) ListTimeEntries(c echo.Context, params ListTimeEntriesParams) error {
	f := hours.ListFilter{AttorneyID: params.AttorneyId, MatterID: params.MatterId, From: fromDate(params.From), To: fromDate(params.To),
		Cursor: deref(params.Cursor), Limit: deref(params.Limit)}
	if params.Status != nil {
		status := hours.Status(*params.Status)
		f.Status = &status
	}
	list, next, err := h.Hours.List(c.Request().Context(), principal(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(list, toAPITimeEntry), "next_cursor": nonZero(next)})
}

func (h *Handlers) CreateTimeEntry(c echo.Context) error {
	var req TimeEntryInput
	if err := decode(c, &req); err != nil {
		return err
	}
	e, err := h.Hours.Create(c.Request().Context(), principal(c), toHoursInput(req))
	if err != nil {
		return err
	}
	return timeEntryResponse(c, http.StatusCreated, e)
}

func (h *Handlers) BatchCreateTimeEntries(c echo.Context) error {
	var req BatchCreateTimeEntriesJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	list, err := h.Hours.Batch(c.Request().Context(), principal(c), mapSlice(req.Entries, toHoursInput))
	if err != nil {
		return err
	}
	return timeEntryList(c, http.StatusCreated, list)
}

func (h *Handlers) GetTimeEntry(c echo.Context, id TimeEntryId) error {
	e, err := h.Hours.Get(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return timeEntryResponse(c, http.StatusOK, e)
}

func (h *Handlers) UpdateTimeEntry(c echo.Context, id TimeEntryId, params UpdateTimeEntryParams) error {
	in, err := decodeTimeEntryUpdate(c)
	if err != nil {
		return err
	}
	e, err := h.Hours.Update(c.Request().Context(), principal(c), id, in, ifMatch(params.IfMatch))
	if err != nil {
		return err
	}
	return timeEntryResponse(c, http.StatusOK, e)
}

// decodeTimeEntryUpdate reads a partial update, telling a rate_cents of null (remove the rate)
// from one left out (keep it), which the generated type cannot.
func decodeTimeEntryUpdate(c echo.Context) (hours.Update, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return hours.Update{}, problem.Wrap(problem.MalformedBody, err, "The request body could not be read.")
	}
	c.Request().Body = io.NopCloser(bytes.NewReader(body))
	var req TimeEntryUpdate
	if err := decode(c, &req); err != nil {
		return hours.Update{}, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return hours.Update{}, problem.Wrap(problem.MalformedBody, err, "The request body is not valid JSON for this operation.")
	}
	out := hours.Update{WorkDate: fromDate(req.WorkDate), Minutes: req.Minutes, Narrative: req.Narrative, RateCents: req.RateCents,
		ClearRate: string(fields["rate_cents"]) == "null"}
	if req.Activity != nil {
		activity := string(*req.Activity)
		out.Activity = &activity
	}
	return out, nil
}

func (h *Handlers) DeleteTimeEntry(c echo.Context, id TimeEntryId, params DeleteTimeEntryParams) error {
	if err := h.Hours.Delete(c.Request().Context(), principal(c), id, ifMatch(params.IfMatch)); err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) SubmitTimeEntry(c echo.Context, id TimeEntryId) error {
	e, err := h.Hours.Submit(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return timeEntryResponse(c, http.StatusOK, e)
}

func (h *Handlers) ApproveTimeEntry(c echo.Context, id TimeEntryId) error {
	list, err := h.Hours.Approve(c.Request().Context(), principal(c), []uuid.UUID{id})
	if err != nil {
		return single(err)
	}
	return timeEntryResponse(c, http.StatusOK, list[0])
}

func (h *Handlers) RejectTimeEntry(c echo.Context, id TimeEntryId) error {
	var req RejectTimeEntryJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	list, err := h.Hours.Reject(c.Request().Context(), principal(c), []uuid.UUID{id}, req.Reason)
	if err != nil {
		return single(err)
	}
	return timeEntryResponse(c, http.StatusOK, list[0])
}

// single drops the ids[0] a decision on one entry, named in its path, would otherwise report.
func single(err error) error {
	var pe *problem.Error
	if errors.As(err, &pe) && (pe.Kind == problem.NotFound || pe.Kind == problem.Conflict) {
		out := *pe
		out.Fields = nil
		if pe.Kind == problem.Conflict && len(pe.Fields) == 1 {
			out.Detail = "This time entry " + pe.Fields[0].Message + "."
		}
		return &out
	}
	return err
}

func (h *Handlers) ApproveTimeEntries(c echo.Context) error {
	var req ApproveTimeEntriesJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	list, err := h.Hours.Approve(c.Request().Context(), principal(c), req.Ids)
	if err != nil {
		return err
	}
	return timeEntryList(c, http.StatusOK, list)
}

func (h *Handlers) RejectTimeEntries(c echo.Context) error {
	var req RejectTimeEntriesJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	list, err := h.Hours.Reject(c.Request().Context(), principal(c), req.Ids, req.Reason)
	if err != nil {
		return err
	}
	return timeEntryList(c, http.StatusOK, list)
}

func (h *Handlers) AdjustTimeEntry(c echo.Context, id TimeEntryId) error {
	var req AdjustTimeEntryJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	in := hours.Adjustment{Minutes: req.Minutes, WorkDate: fromDate(req.WorkDate), Narrative: req.Narrative}
	if req.Activity != nil {
		activity := string(*req.Activity)
		in.Activity = &activity
	}
	e, err := h.Hours.Adjust(c.Request().Context(), principal(c), id, in)
	if err != nil {
		return err
	}
	return timeEntryResponse(c, http.StatusCreated, e)
}
