// Package probono holds the API contract, openapi.yaml, so that the server can validate requests
// against it and serve it; the code lives in api/, internal/ and cmd/.
package probono

import _ "embed"

// OpenAPISpec is the text of openapi.yaml, the source of truth for the HTTP API.
//
//go:embed openapi.yaml
var OpenAPISpec []byte
