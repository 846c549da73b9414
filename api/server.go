// Package api is the HTTP transport: the generated types and server interface, the handlers that
// translate HTTP to service calls, the middleware, and the static SPA. No SQL and no business rules.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/swaggest/swgui/v5emb"

	probono "github.com/probono-match/probono"
	"github.com/probono-match/probono/internal/conflict"
	"github.com/probono-match/probono/internal/platform/log"
	"github.com/probono-match/probono/internal/platform/metrics"
	"github.com/probono-match/probono/internal/platform/problem"
)

// Readiness reports whether a dependency is usable; nil means ready.
type Readiness func(ctx context.Context) error

// Config is what the HTTP server is built from.
type Config struct {
	Handlers *Handlers
	Logger   *slog.Logger
	Metrics  *metrics.Metrics
	// Secure adds HSTS and Secure cookies (everywhere but development).
	Secure bool
	// Checks are run by /readyz, by name.
	Checks map[string]Readiness
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header is believed.
	TrustedProxies []*net.IPNet
	// Queues is the job queue console, served at QueuesPath to platform admins.
	Queues http.Handler
}

// BodyLimit is the largest request body accepted, except uploads.
const BodyLimit = "1M"

// UploadLimit is the largest CSV upload accepted, in bytes: a registry of 1,000,000 rows with aliases.
var UploadLimit = strconv.Itoa(conflict.MaxImportBytes)

// New builds the Echo server: middleware, the API under /api/v1, health checks, the spec and its
// docs, and the SPA for every other GET.
func New(cfg Config) (*echo.Echo, error) {
	doc, err := loadSpec(probono.OpenAPISpec)
	if err != nil {
		return nil, err
	}
	gate, err := specGate(doc, cfg.Handlers.Auth)
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = handleError(cfg.Logger)
	e.IPExtractor = clientIP(cfg.TrustedProxies)

	e.Use(requestID, clientAddress, observe(cfg.Metrics), accessLog(cfg.Logger))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, DisablePrintStack: true}))
	e.Use(securityHeaders(cfg.Secure))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: BodyLimit, Skipper: isUpload}))
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: UploadLimit, Skipper: func(c echo.Context) bool { return !isUpload(c) }}))
	e.Use(uploadDeadlines)

	e.GET("/healthz", func(c echo.Context) error { return c.JSON(http.StatusOK, map[string]string{"status": "ok"}) })
	e.GET("/readyz", readyz(cfg.Checks, cfg.Logger))
	e.GET("/api/openapi.yaml", func(c echo.Context) error {
		return c.Blob(http.StatusOK, "application/yaml", probono.OpenAPISpec)
	})
	docs := v5emb.New("Probono Match API", "/api/openapi.yaml", "/api/docs/")
	e.GET("/api/docs", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/api/docs/") })
	e.GET("/api/docs/*", echo.WrapHandler(docs), relaxCSPForDocs)

	queues := echo.WrapHandler(cfg.Queues)
	e.Any(QueuesPath, queues, queuesGate(cfg.Handlers.Auth), relaxCSPForQueues)
	e.Any(QueuesPath+"/*", queues, queuesGate(cfg.Handlers.Auth), relaxCSPForQueues)

	v1 := e.Group("/api/v1", gate)
	RegisterHandlers(v1, cfg.Handlers)
	v1.Any("/*", func(c echo.Context) error { return echo.ErrNotFound })

	spa := spaHandler()
	e.GET("/*", spa)
	e.HEAD("/*", spa)
	return e, nil
}

// clientIP finds the client's address: the connection's, unless it comes from one of the trusted
// proxies, whose X-Forwarded-For is read from the right up to the first address that is not a trusted
// proxy. Echo would also trust loopback and private networks by default; only the named proxies are,
// or anyone could choose their address and dodge the sign-in limits.
func clientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// uploadPaths are the operations that take a CSV file, streamed and never read into memory whole.
var uploadPaths = map[string]bool{"/api/v1/conflicts/imports": true}

// isUpload reports whether the request streams a CSV file to an operation that takes one.
func isUpload(c echo.Context) bool {
	return uploadPaths[c.Request().URL.Path] && strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), "text/csv")
}

// UploadTimeout bounds how long one upload may take to stream in and be processed. The server's
// read and write timeouts are sized for ordinary requests; an upload is processed while it is read.
const UploadTimeout = 15 * time.Minute

// uploadDeadlines gives uploads the time they need instead of the server's default timeouts.
func uploadDeadlines(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if isUpload(c) {
			rc := http.NewResponseController(c.Response().Writer)
			deadline := time.Now().Add(UploadTimeout)
			if err := rc.SetReadDeadline(deadline); err != nil && !errors.Is(err, http.ErrNotSupported) {
				return err
			}
			if err := rc.SetWriteDeadline(deadline); err != nil && !errors.Is(err, http.ErrNotSupported) {
				return err
			}
		}
		return next(c)
	}
}

// relaxCSPForDocs lets the Swagger UI page run its inline bootstrap script.
func relaxCSPForDocs(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		return next(c)
	}
}

// ReadinessTimeout bounds each readiness check, so /readyz answers promptly when a dependency hangs.
const ReadinessTimeout = 2 * time.Second

// readyz runs the checks at once and names each dependency that failed. Why it failed (which host,
// port, database or user) goes to the log only: the endpoint is public.
func readyz(checks map[string]Readiness, logger *slog.Logger) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), ReadinessTimeout)
		defer cancel()
		status := map[string]string{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for name, check := range checks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				result := "ok"
				if err := check(ctx); err != nil {
					logger.WarnContext(ctx, "not ready", "dependency", name, "error", err.Error())
					result = "unavailable"
				}
				mu.Lock()
				status[name] = result
				mu.Unlock()
			}()
		}
		wg.Wait()
		var failed []string
		for name, result := range status {
			if result != "ok" {
				failed = append(failed, name)
			}
		}
		if len(failed) == 0 {
			return c.JSON(http.StatusOK, map[string]any{"status": "ready", "checks": status})
		}
		slices.Sort(failed)
		code := http.StatusServiceUnavailable
		h := c.Response().Header()
		h.Set(echo.HeaderContentType, "application/problem+json")
		h.Set("Retry-After", strconv.Itoa(OutageRetryAfter))
		return c.JSON(code, map[string]any{
			"type": problemTypeBase + string(problem.Unavailable), "title": http.StatusText(code), "status": code,
			"detail": "Not ready: " + strings.Join(failed, ", ") + " unavailable.", "checks": status,
			"instance": log.RequestID(c.Request().Context()),
		})
	}
}
