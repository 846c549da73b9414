package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/audit"
	"github.com/probono-match/probono/internal/platform/log"
	"github.com/probono-match/probono/internal/platform/metrics"
)

// safeRequestID limits client-supplied request ids to characters that cannot forge log lines.
var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID gives every request an id, taken from X-Request-ID when it is safe, returned in the
// response header and carried by the context into every log line.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !safeRequestID.MatchString(id) {
			id = uuid.NewString()
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		c.SetRequest(c.Request().WithContext(log.WithRequestID(c.Request().Context(), id)))
		return next(c)
	}
}

// clientAddress puts the client's address in the request's context for the audit trail: the
// connection's, or what the trusted proxies say it is (see clientIP), as rate limits see it.
func clientAddress(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if addr, err := netip.ParseAddr(c.RealIP()); err == nil {
			c.SetRequest(c.Request().WithContext(audit.WithIP(c.Request().Context(), addr)))
		}
		return next(c)
	}
}

// statusClientClosedRequest is logged for a request whose client hung up before it was answered
// (nginx's 499): nothing was sent, and nothing went wrong on our side.
const statusClientClosedRequest = 499

// errClientGone is returned when the client hangs up while sending the request body.
var errClientGone = fmt.Errorf("client hung up while sending the request: %w", context.Canceled)

// accessLog logs one line per request: no query string, body or headers, which may carry tokens or
// client data.
func accessLog(logger *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			status := c.Response().Status
			if !c.Response().Committed && errors.Is(c.Request().Context().Err(), context.Canceled) || errors.Is(err, errClientGone) {
				status = statusClientClosedRequest
			}
			path := c.Request().URL.Path
			if token := c.Param("token"); token != "" {
				path = strings.Replace(path, token, "{token}", 1) // a feedback link's token is a credential
			}
			attrs := []any{
				"method", c.Request().Method,
				"path", path,
				"status", status,
				"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
			}
			if p, ok := c.Get(principalKey).(auth.Principal); ok {
				attrs = append(attrs, "user_id", p.UserID.String())
			}
			logger.InfoContext(c.Request().Context(), "request", attrs...)
			return nil
		}
	}
}

// knownMethods are the methods counted by name; anything else a client invents is counted as OTHER,
// so it cannot grow the metrics without bound.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

// observe counts every request by its route's template (c.Path(), never the URL, which holds ids)
// and status. It runs outside accessLog, which has written any error response by then.
func observe(m *metrics.Metrics) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			method, route := c.Request().Method, c.Path()
			if !knownMethods[method] {
				method = "OTHER"
			}
			if route == "" {
				route = "unmatched"
			}
			m.ObserveHTTP(method, route, c.Response().Status, time.Since(start))
			return err
		}
	}
}

// securityHeaders sets the headers every response carries. The SPA is built without inline scripts,
// so the content security policy can stay strict.
func securityHeaders(secure bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "no-referrer")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
			if secure {
				h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			}
			return next(c)
		}
	}
}

const (
	principalKey = "principal"
	accountKey   = "account"
)

// principal returns the authenticated caller of a route that requires authentication.
func principal(c echo.Context) auth.Principal {
	p, _ := c.Get(principalKey).(auth.Principal)
	return p
}

// account returns the authenticated caller's own account, as read to authenticate this request.
func account(c echo.Context) auth.Account {
	a, _ := c.Get(accountKey).(auth.Account)
	return a
}
