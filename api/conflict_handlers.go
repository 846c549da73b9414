package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/conflict"
)

func toAPIEntry(e conflict.Entry) ConflictEntry {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return ConflictEntry{Id: e.ID, Name: e.Name, Type: ConflictEntryType(e.Kind), Role: ConflictRole(e.Role),
		Aliases: aliases, MatterRef: e.MatterRef, CreatedAt: e.CreatedAt, CreatedBy: e.CreatedBy, CreatedByName: nonZero(e.CreatedByName)}
}

func toAPICheck(c conflict.Check) ConflictCheck {
	out := ConflictCheck{ReferralId: c.ReferralID, FirmId: c.FirmID, Result: ConflictCheckResult(c.Result), CheckedAt: c.CheckedAt, Hits: []ConflictHit{}}
	for _, h := range c.Hits {
		hit := ConflictHit{
			Id: h.ID, EntryId: h.EntryID, EntryName: h.EntryName, EntryRole: ConflictRole(h.EntryRole),
			PartyName: nonZero(h.PartyName), PartyRole: ConflictHitPartyRole(h.PartyRole), PartyWithheld: h.PartyWithheld,
			Level: ConflictHitLevel(h.Level.String()), Match: ConflictHitMatch(h.Match), Reason: h.Reason,
			Cleared: h.ClearedAt != nil, ClearedAt: h.ClearedAt, ClearedBy: h.ClearedBy, ClearReason: nonZero(h.ClearReason),
		}
		if h.Inquiry != nil {
			q := toAPIInquiry(*h.Inquiry)
			hit.Inquiry = &q
		}
		out.Hits = append(out.Hits, hit)
	}
	return out
}

func toAPIInquiry(q conflict.Inquiry) ConflictInquiry {
	out := ConflictInquiry{Id: q.ID, ReferralId: q.ReferralID, HitId: q.HitID, FirmName: q.FirmName, Question: ConflictQuestion(q.Question),
		AskedBy: q.AskedBy, AskedByName: q.AskedByName, AskedAt: q.AskedAt, Answer: (*ConflictAnswer)(nonZero(string(q.Answer))),
		AnsweredBy: q.AnsweredBy, AnsweredByName: nonZero(q.AnsweredByName), AnsweredAt: q.AnsweredAt}
	out.Entry.Name, out.Entry.Type, out.Entry.Aliases = q.EntryName, ConflictInquiryEntryType(q.EntryKind), q.EntryAliases
	return out
}

func (h *Handlers) CreateConflictInquiry(c echo.Context, referralID, hitID uuid.UUID) error {
	var req CreateConflictInquiryJSONBody
	if err := decode(c, &req); err != nil {
		return err
	}
	q, err := h.Conflicts.Ask(c.Request().Context(), principal(c), referralID, hitID, conflict.Question(req.Question))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIInquiry(q))
}

func (h *Handlers) ListConflictInquiries(c echo.Context, referralID uuid.UUID) error {
	qs, err := h.Conflicts.Inquiries(c.Request().Context(), principal(c), referralID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(qs, toAPIInquiry)})
}

func (h *Handlers) AnswerConflictInquiry(c echo.Context, referralID, inquiryID uuid.UUID) error {
	var req AnswerConflictInquiryJSONBody
	if err := decode(c, &req); err != nil {
		return err
	}
	q, err := h.Conflicts.AnswerInquiry(c.Request().Context(), principal(c), referralID, inquiryID, conflict.Answer(req.Answer))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIInquiry(q))
}

func (h *Handlers) ListConflictEntries(c echo.Context, params ListConflictEntriesParams) error {
	page, err := h.Conflicts.Entries(c.Request().Context(), principal(c), deref(params.Q), deref(params.Cursor), deref(params.Limit))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(page.Entries, toAPIEntry), "total": page.Total, "next_cursor": nonZero(page.NextCursor)})
}

func (h *Handlers) CreateConflictEntry(c echo.Context) error {
	var req ConflictEntryInput
	if err := decode(c, &req); err != nil {
		return err
	}
	e, err := h.Conflicts.AddEntry(c.Request().Context(), principal(c), toEntry(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIEntry(e))
}

func (h *Handlers) UpdateConflictEntry(c echo.Context, entryID uuid.UUID) error {
	var req ConflictEntryInput
	if err := decode(c, &req); err != nil {
		return err
	}
	e, err := h.Conflicts.UpdateEntry(c.Request().Context(), principal(c), entryID, toEntry(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIEntry(e))
}

func toEntry(in ConflictEntryInput) conflict.Entry {
	return conflict.Entry{Name: in.Name, Kind: string(in.Type), Role: string(in.Role), Aliases: deref(in.Aliases), MatterRef: deref(in.MatterRef)}
}

func (h *Handlers) ExportConflictEntries(c echo.Context) error {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="conflict-registry-%s.csv"`, time.Now().UTC().Format(time.DateOnly)))
	err := h.Conflicts.Export(c.Request().Context(), principal(c), res)
	if err != nil && res.Committed {
		// The status is sent: only a broken connection tells the client that the file is cut short,
		// where a clean end would pass a partial registry off as the whole.
		panic(http.ErrAbortHandler)
	}
	if err != nil {
		res.Header().Del(echo.HeaderContentDisposition)
	}
	return err
}

func (h *Handlers) DeleteConflictEntry(c echo.Context, entryID uuid.UUID) error {
	if err := h.Conflicts.DeleteEntry(c.Request().Context(), principal(c), entryID); err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) ImportConflictEntries(c echo.Context, params ImportConflictEntriesParams) error {
	mode := conflict.Partial
	if params.Mode != nil {
		mode = conflict.ImportMode(*params.Mode)
	}
	report, err := h.Conflicts.Import(c.Request().Context(), principal(c), newUploadBody(c, h.Uploads), mode)
	if err != nil {
		return err
	}
	out := ImportReport{Mode: ImportReportMode(report.Mode), Committed: report.Committed, Accepted: report.Accepted,
		Rejected: report.Rejected, ErrorsTruncated: report.ErrorsTruncated}
	out.Errors = make([]struct {
		Line   int    `json:"line"`
		Reason string `json:"reason"`
	}, len(report.Errors))
	for i, e := range report.Errors {
		out.Errors[i].Line, out.Errors[i].Reason = e.Line, e.Reason
	}
	if report.Recheck != nil {
		progress := toImportProgress(*report.Recheck)
		out.Recheck = &progress
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handlers) GetConflictImport(c echo.Context, id uuid.UUID) error {
	progress, err := h.Conflicts.ImportProgress(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toImportProgress(progress))
}

func toImportProgress(p conflict.ImportProgress) ImportProgress {
	out := ImportProgress{Id: p.ID, Status: ImportProgressStatus(p.Status), Checked: p.Checked, ToCheck: p.ToCheck, FinishedAt: p.FinishedAt}
	if !p.CreatedAt.IsZero() {
		out.CreatedAt = &p.CreatedAt
	}
	return out
}

func (h *Handlers) GetConflictCheck(c echo.Context, referralID uuid.UUID, params GetConflictCheckParams) error {
	check, err := h.Conflicts.Get(c.Request().Context(), principal(c), referralID, params.Firm)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICheck(check))
}

func (h *Handlers) RunConflictCheck(c echo.Context, referralID uuid.UUID, params RunConflictCheckParams) error {
	check, err := h.Conflicts.Run(c.Request().Context(), principal(c), referralID, params.Firm)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICheck(check))
}

func (h *Handlers) ClearConflictHit(c echo.Context, referralID, hitID uuid.UUID) error {
	var req ClearConflictHitJSONBody
	if err := decode(c, &req); err != nil {
		return err
	}
	check, err := h.Conflicts.ClearHit(c.Request().Context(), principal(c), referralID, hitID, req.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPICheck(check))
}

func (h *Handlers) ListPendingConflicts(c echo.Context, params ListPendingConflictsParams) error {
	page, err := h.Conflicts.Pending(c.Request().Context(), principal(c), deref(params.Cursor), deref(params.Limit))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(page.Hits, toAPIPendingConflict), "total": page.Total, "next_cursor": nonZero(page.NextCursor)})
}

func toAPIPendingConflict(h conflict.PendingHit) PendingConflict {
	return PendingConflict{HitId: h.ID, ReferralId: h.ReferralID, PracticeArea: h.PracticeArea, Urgency: Urgency(h.Urgency),
		Deadline: toDate(h.Deadline), FoundAt: h.FoundAt, EntryId: h.EntryID, EntryName: h.EntryName, EntryRole: ConflictRole(h.EntryRole),
		PartyRole: PendingConflictPartyRole(h.PartyRole), Match: PendingConflictMatch(h.Match), Reason: h.Reason, AwaitingAnswer: h.Asked}
}
