// Package migrations embeds the versioned SQL migrations that goose applies in order.
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
