package apptest

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// QueryCounter counts the statements the application sends to Postgres; pass it to New with
// WithQueryTracer.
type QueryCounter struct{ n atomic.Int64 }

// TraceQueryStart counts one statement.
func (c *QueryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

// TraceQueryEnd does nothing: a statement is counted when it starts.
func (c *QueryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// Count returns the number of statements sent so far.
func (c *QueryCounter) Count() int64 { return c.n.Load() }
