package api

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/probono-match/probono/internal/platform/problem"
)

// OutageRetryAfter is how many seconds a client is asked to wait when a dependency is down: long
// enough not to hammer a recovering database, short enough for a person waiting at a form.
const OutageRetryAfter = 5

// unavailable is the answer to a request that failed because Postgres or Redis could not be
// reached. Which one, and where it lives, goes to the log only.
func unavailable(cause error) *problem.Error {
	e := problem.Wrap(problem.Unavailable, cause, "The service is briefly unavailable. Please try again in a few seconds.")
	e.RetryAfterSeconds = OutageRetryAfter
	return e
}

// dependencyDown reports whether err comes from a dependency that cannot be reached or is not
// accepting work, rather than from the request: network failures, connections lost mid-query,
// the server states a database or Redis reports while starting or shutting down, and the
// database's own bounds on waiting (the pools' lock, statement and idle-transaction timeouts),
// which a request meets when others hold what it needs.
func dependencyDown(err error) bool {
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, redis.ErrClosed) || errors.Is(err, redis.ErrPoolTimeout) ||
		redis.IsLoadingError(err) || redis.IsMaxClientsError(err) {
		return true
	}
	var state interface{ SQLState() string }
	if errors.As(err, &state) {
		code := state.SQLState()
		// 08: connection exception; 53300: too many connections; 57P01-57P03: the server is
		// shutting down or starting up; 55P03: lock_timeout; 57014: statement_timeout (a client
		// that hung up cancels its query too, but that request is never answered);
		// 25P03: idle_in_transaction_session_timeout.
		switch code {
		case "53300", "55P03", "57014", "25P03":
			return true
		}
		return strings.HasPrefix(code, "08") || strings.HasPrefix(code, "57P0")
	}
	return false
}
