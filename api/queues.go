package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/auth"
)

// QueuesPath is where the job queue console (asynqmon) is served, to platform admins only.
const QueuesPath = "/admin/queues"

// queuesCookie carries the console pass. The console is a page of its own, which cannot send the
// SPA's access token (it lives in the SPA's memory), so the SPA trades the token for this cookie
// first. SameSite=Strict keeps other sites from using it, which matters because the console can
// retry and delete tasks; its path keeps it away from every other request.
const queuesCookie = "pm_queues"

func (h *Handlers) OpenQueueConsole(c echo.Context) error {
	pass, err := h.Auth.OpenQueueConsole(c.Request().Context(), principal(c))
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: queuesCookie, Value: pass, Path: QueuesPath, MaxAge: int(auth.ConsolePassTTL.Seconds()),
		HttpOnly: true, Secure: h.SecureCookie, SameSite: http.SameSiteStrictMode,
	})
	c.Response().Header().Set("Cache-Control", "no-store")
	return noContent(c)
}

// queuesGate lets through to the console only the holder of a valid console pass who is still an
// active platform admin; everyone else is refused 403 before the console sees the request.
func queuesGate(authn auth.Service) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p, err := authn.QueueConsoleAdmin(c.Request().Context(), cookieValue(c, queuesCookie))
			if err != nil {
				return err
			}
			c.Set(principalKey, p) // for the access log
			return next(c)
		}
	}
}

// relaxCSPForQueues lets asynqmon's page run: its index holds two inline scripts, and it loads its
// fonts and icons from Google Fonts.
func relaxCSPForQueues(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "+
			"style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; font-src 'self' https://fonts.gstatic.com; "+
			"img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}
