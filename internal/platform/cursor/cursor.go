// Package cursor is how every keyset-paginated list hands its position to the client: the order the
// page was read in and the last row's sort key, wrapped so the client passes it back unchanged.
// Cursors are not signed: a forged one can only name another position in a list the caller may
// read anyway, and one that does not fit the list is refused with ErrInvalid.
package cursor

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/google/uuid"

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

// Position is the sort key of most lists: a time, then an id to order rows of the same time.
type Position struct {
	At time.Time
	ID uuid.UUID
}

// EncodePosition wraps a list's sort order and its last row's position.
func EncodePosition(sort string, p Position) string {
	return Encode(sort, []string{p.At.Format(time.RFC3339Nano), p.ID.String()})
}

// DecodePosition unwraps a cursor EncodePosition made for sort; ErrInvalid when it is not one.
func DecodePosition(c, sort string) (Position, error) {
	key, err := Decode(c, sort, 2)
	if err != nil {
		return Position{}, err
	}
	at, err1 := time.Parse(time.RFC3339Nano, key[0])
	id, err2 := uuid.Parse(key[1])
	if err1 != nil || err2 != nil {
		return Position{}, ErrInvalid
	}
	return Position{At: at, ID: id}, nil
}
