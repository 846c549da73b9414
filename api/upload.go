package api

import (
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/platform/problem"
)

// UploadRate is the slowest an upload may arrive: after Grace, at least MinBytesPerSecond on
// average since it started. A client that sends a few bytes and stalls is cut off with 408.
type UploadRate struct {
	MinBytesPerSecond int
	Grace             time.Duration
}

// uploadBody reads a request body at no less than rate. Before each read it moves the connection's
// read deadline to the moment the bytes received so far would fall below the rate, so a stalled
// client is cut off by the network poller, with no timer of our own.
type uploadBody struct {
	body     io.Reader
	conn     *http.ResponseController
	rate     UploadRate
	start    time.Time
	deadline time.Time // the whole upload's, UploadTimeout after it started
	received int64
}

func newUploadBody(c echo.Context, rate UploadRate) *uploadBody {
	now := time.Now()
	return &uploadBody{body: c.Request().Body, conn: http.NewResponseController(c.Response().Writer), rate: rate,
		start: now, deadline: now.Add(UploadTimeout)}
}

func (u *uploadBody) Read(p []byte) (int, error) {
	due := u.start.Add(u.rate.Grace + time.Duration(u.received)*time.Second/time.Duration(u.rate.MinBytesPerSecond))
	if due.After(u.deadline) {
		due = u.deadline
	}
	if err := u.conn.SetReadDeadline(due); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return 0, err
	}
	n, err := u.body.Read(p)
	u.received += int64(n)
	var he *echo.HTTPError
	switch {
	case errors.Is(err, io.EOF):
		// The server now reads on in the background to notice a client hanging up, and a deadline
		// passing there would cancel the request mid-import.
		if err := u.conn.SetReadDeadline(u.deadline); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return n, err
		}
		return n, io.EOF
	case err == nil, errors.As(err, &he):
		return n, err
	case errors.Is(err, os.ErrDeadlineExceeded):
		return n, problem.Wrap(problem.Timeout, err,
			"The upload arrived too slowly (under %d bytes a second) and was stopped; nothing was imported.", u.rate.MinBytesPerSecond)
	default:
		// The client went away or broke the stream: its fault, not a dependency's.
		return n, problem.Wrap(problem.MalformedBody, err, "The upload was interrupted; nothing was imported.")
	}
}
