// Package frontend embeds the built SPA (frontend/dist) so the binary serves it. A checkout that was
// never built with Node holds only dist/.gitkeep, and the server then says the SPA is not built.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built SPA's files, rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is embedded above, so this cannot fail
	}
	return sub
}
