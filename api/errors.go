package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/platform/log"
	"github.com/probono-match/probono/internal/platform/problem"
)

// problemTypeBase prefixes each problem kind to form its stable type URI.
const problemTypeBase = "https://probono-match.org/problems/"

var statusOf = map[problem.Kind]int{
	problem.Invalid:            http.StatusUnprocessableEntity,
	problem.MalformedBody:      http.StatusBadRequest,
	problem.Unauthenticated:    http.StatusUnauthorized,
	problem.Forbidden:          http.StatusForbidden,
	problem.NotFound:           http.StatusNotFound,
	problem.NotAllowed:         http.StatusMethodNotAllowed,
	problem.UnsupportedType:    http.StatusUnsupportedMediaType,
	problem.Timeout:            http.StatusRequestTimeout,
	problem.Conflict:           http.StatusConflict,
	problem.PreconditionFailed: http.StatusPreconditionFailed,
	problem.Gone:               http.StatusGone,
	problem.TooLarge:           http.StatusRequestEntityTooLarge,
	problem.RateLimited:        http.StatusTooManyRequests,
	problem.Unavailable:        http.StatusServiceUnavailable,
	problem.Internal:           http.StatusInternalServerError,
}

// Problem is the RFC 9457 body of every error response.
type problemBody struct {
	Type     string               `json:"type"`
	Title    string               `json:"title"`
	Status   int                  `json:"status"`
	Detail   string               `json:"detail,omitempty"`
	Instance string               `json:"instance,omitempty"`
	Errors   []problem.FieldError `json:"errors,omitempty"`
}

// fromEcho maps Echo's own errors (unknown route, wrong method, body too large) to application errors.
func fromEcho(he *echo.HTTPError) *problem.Error {
	switch he.Code {
	case http.StatusNotFound:
		return problem.New(problem.NotFound, "There is nothing at this address.")
	case http.StatusMethodNotAllowed:
		return problem.New(problem.NotAllowed, "This address does not accept that method.")
	case http.StatusRequestEntityTooLarge:
		return problem.New(problem.TooLarge, "The request body is larger than the limit of 1 MiB.")
	case http.StatusUnsupportedMediaType:
		return problem.New(problem.UnsupportedType, "The request body has a Content-Type this operation does not accept (see the API documentation).")
	case http.StatusBadRequest:
		return problem.New(problem.MalformedBody, "The request could not be read.")
	case http.StatusUnauthorized:
		return problem.New(problem.Unauthenticated, "Authentication is required.")
	}
	return &problem.Error{Kind: problem.Internal, Detail: "Internal error.", Cause: he}
}

// handleError renders any error as application/problem+json. Internal errors are logged with the
// request id and shown only as "Internal error".
func handleError(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		// A client that hung up mid-request is not a server failure, and nobody is left to answer.
		if c.Response().Committed || errors.Is(err, context.Canceled) {
			return
		}
		var pe *problem.Error
		var he *echo.HTTPError
		switch {
		case errors.As(err, &pe):
		case errors.As(err, &he):
			pe = fromEcho(he)
		default:
			pe = &problem.Error{Kind: problem.Internal, Cause: err}
		}
		if pe.Kind == problem.Internal && dependencyDown(err) {
			pe = unavailable(err)
		}
		status := statusOf[pe.Kind]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		ctx := c.Request().Context()
		body := problemBody{
			Type:     problemTypeBase + string(pe.Kind),
			Title:    http.StatusText(status),
			Status:   status,
			Detail:   pe.Detail,
			Instance: log.RequestID(ctx),
			Errors:   pe.Fields,
		}
		if pe.Type != "" {
			body.Type = problemTypeBase + pe.Type
		}
		if status >= 500 {
			logger.ErrorContext(ctx, "request failed", "error", err.Error())
			if pe.Kind != problem.Unavailable {
				body.Type = problemTypeBase + string(problem.Internal)
			}
			if pe.Kind == problem.Internal {
				body.Detail = "Internal error."
			}
		}
		h := c.Response().Header()
		switch pe.Kind {
		case problem.Unauthenticated:
			h.Set("WWW-Authenticate", `Bearer realm="probono-match"`)
		case problem.RateLimited, problem.Unavailable:
			h.Set("Retry-After", strconv.Itoa(max(pe.RetryAfterSeconds, 1)))
		}
		h.Set(echo.HeaderContentType, "application/problem+json")
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		c.Response().WriteHeader(status)
		_ = c.Echo().JSONSerializer.Serialize(c, body, "")
	}
}
