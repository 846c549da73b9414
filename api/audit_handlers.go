package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/audit"
)

func toAPIAuditEntry(e audit.Entry) AuditEntry {
	return AuditEntry{
		Id: e.ID, At: e.At, ActorId: e.ActorID, ActorName: nonZero(e.ActorName), OrgId: e.OrgID, OrgName: nonZero(e.OrgName),
		Action: e.Action, ObjectType: e.ObjectType, ObjectId: e.ObjectID, Before: rawOrNil(e.Before), After: rawOrNil(e.After),
		RequestId: e.RequestID, Ip: nonZero(e.IP),
	}
}

func rawOrNil(doc json.RawMessage) *json.RawMessage {
	if doc == nil {
		return nil
	}
	return &doc
}

func (h *Handlers) ListAuditEntries(c echo.Context, params ListAuditEntriesParams) error {
	page, err := h.Audit.List(c.Request().Context(), principal(c), audit.Filter{
		ActorID: params.ActorId, Action: deref(params.Action), ObjectType: deref(params.ObjectType), ObjectID: deref(params.ObjectId),
		From: params.From, To: params.To, Cursor: deref(params.Cursor), Limit: deref(params.Limit),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(page.Entries, toAPIAuditEntry), "next_cursor": nonZero(page.NextCursor)})
}

func (h *Handlers) ExportAuditEntries(c echo.Context, params ExportAuditEntriesParams) error {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="audit-trail-%s.csv"`, time.Now().UTC().Format(time.DateOnly)))
	err := h.Audit.Export(c.Request().Context(), principal(c), audit.Filter{
		ActorID: params.ActorId, Action: deref(params.Action), ObjectType: deref(params.ObjectType), ObjectID: deref(params.ObjectId),
		From: params.From, To: params.To,
	}, res)
	if err != nil && res.Committed {
		// The status is sent: only a broken connection tells the client that the file is cut short.
		panic(http.ErrAbortHandler)
	}
	if err != nil {
		res.Header().Del(echo.HeaderContentDisposition)
	}
	return err
}

func (h *Handlers) VerifyAuditTrail(c echo.Context) error {
	v, err := h.Audit.Verify(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	out := AuditVerification{Ok: v.OK, Checked: v.Checked, FirstBrokenId: v.FirstBrokenID, Detail: nonZero(v.Detail)}
	if v.Reason != "" {
		reason := AuditVerificationReason(v.Reason)
		out.Reason = &reason
	}
	return c.JSON(http.StatusOK, out)
}
