package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/notify"
)

func toDevEmail(e notify.DevEmail) DevEmail {
	return DevEmail{To: e.To, Subject: e.Subject, SentAt: e.SentAt, Text: e.Text}
}

func (h *Handlers) ListDevMailbox(c echo.Context) error {
	emails, err := h.DevMailbox.Emails(principal(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, items(mapSlice(emails, toDevEmail)))
}
