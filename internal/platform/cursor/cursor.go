// Package cursor is how every keyset-paginated list hands its position to the client: the order the
// page was read in and the last row's sort key, wrapped so the client passes it back unchanged.
// Cursors are not signed: a forged one can only name another position in a list the caller may
// read anyway, and one that does not fit the list is refused with ErrInvalid.
package cursor

import (
	"encoding/base64"
	"encoding/json"

	"github.com/probono-match/probono/internal/platform/problem"
)

// ErrInvalid is the answer to a cursor that no page of this list, in this order, returned.
var ErrInvalid = problem.Validation(problem.Field("cursor", "is not a cursor this list returned"))

type wrapped struct {
	Sort string   `json:"s"`
	Key  []string `json:"k"`
}

// Encode wraps the sort order and the last row's sort key.
func Encode(sort string, key []string) string {
	b, _ := json.Marshal(wrapped{sort, key})
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode unwraps a cursor of a list read in sort whose key has keys values; ErrInvalid when it is
// not one. Whether each value fits its column is the query's to find out.
func Decode(cursor, sort string, keys int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, ErrInvalid
	}
	var c wrapped
	if json.Unmarshal(b, &c) != nil || c.Sort != sort || len(c.Key) != keys {
		return nil, ErrInvalid
	}
	return c.Key, nil
}
