// Package etag turns row versions into HTTP entity tags and reads If-Match preconditions
// (RFC 9110 §8.8.3, §13.1.1), so that of two people editing one record the second is told that the
// first one's change came in between, instead of silently overwriting it.
package etag

import (
	"strconv"
	"strings"
)

// Of is the strong entity tag of a record at a version; version 0 is a record not yet written.
func Of(version int) string { return `"` + strconv.Itoa(version) + `"` }

// Condition is a parsed If-Match header. The zero value, for a request without one, allows any
// version: clients that do not send If-Match keep last-write-wins.
type Condition struct {
	present  bool
	any      bool
	versions []int
}

// ParseIfMatch reads an If-Match header value ("" when absent). A list member that is not one of
// our tags (a weak tag, or garbage) matches nothing, so a malformed header fails the precondition
// rather than being ignored.
func ParseIfMatch(header string) Condition {
	header = strings.TrimSpace(header)
	if header == "" {
		return Condition{}
	}
	c := Condition{present: true}
	for _, member := range strings.Split(header, ",") {
		member = strings.TrimSpace(member)
		if member == "*" {
			c.any = true
			continue
		}
		inner, ok := strings.CutPrefix(member, `"`)
		if !ok {
			continue
		}
		inner, ok = strings.CutSuffix(inner, `"`)
		if !ok {
			continue
		}
		if v, err := strconv.Atoi(inner); err == nil && v >= 0 && Of(v) == member {
			c.versions = append(c.versions, v)
		}
	}
	return c
}

// Allows reports whether a write may replace the record at version.
func (c Condition) Allows(version int) bool {
	if !c.present || c.any {
		return true
	}
	for _, v := range c.versions {
		if v == version {
			return true
		}
	}
	return false
}
