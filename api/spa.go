package api

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/frontend"
)

const spaNotBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probono Match</title></head>
<body><h1>Probono Match</h1><p>The web app is not built into this binary. Run <code>make build</code>
(it needs Node.js), or use the API at <a href="/api/docs/">/api/docs</a>.</p></body></html>`

// spaHandler serves the built SPA: files as they are (hashed assets cached for a year), and
// index.html for every other path so the SPA's router can handle it.
func spaHandler() echo.HandlerFunc {
	dist := frontend.Dist()
	index, err := fs.ReadFile(dist, "index.html")
	built := err == nil
	files := http.FileServer(http.FS(dist))
	return func(c echo.Context) error {
		if !built {
			return c.HTML(http.StatusOK, spaNotBuilt)
		}
		name := strings.TrimPrefix(path.Clean(c.Request().URL.Path), "/")
		if name != "" && name != "index.html" {
			if _, err := fs.Stat(dist, name); err == nil {
				if strings.HasPrefix(name, "assets/") {
					c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(c.Response(), c.Request())
				return nil
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if path.Ext(name) != "" {
				return echo.ErrNotFound
			}
		}
		c.Response().Header().Set("Cache-Control", "no-cache")
		return c.HTMLBlob(http.StatusOK, index)
	}
}
