package api

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/text"
)

// maxJSONDepth bounds how deeply objects and arrays may nest in a request body. The deepest body the
// API takes nests four levels; the schema validator's cost grows with the square of the depth, so a
// deep body must be refused before it runs.
const maxJSONDepth = 32

// maxFieldFaults caps the field errors one answer lists, so a body of a million bad strings does not
// make a response as large.
const maxFieldFaults = 20

// checkJSON makes one pass over a JSON request body, in time linear in its size, before anything
// else parses it. It refuses as malformed (400) what is not exactly one JSON document: bad syntax,
// data after the document, nesting deeper than maxJSONDepth, an object naming a key twice (decoders
// disagree on which value wins). It refuses as invalid (422, per field) strings that are not text:
// invalid UTF-8 (which encoding/json would silently store as U+FFFD), unpaired surrogate escapes
// (likewise), and control characters other than tab, line feed and carriage return.
func checkJSON(data []byte) error {
	s := jsonScanner{data: data}
	s.space()
	if err := s.value(0); err != nil {
		return err
	}
	s.space()
	if s.pos < len(s.data) {
		return s.malformed("has data after the JSON document")
	}
	if len(s.faults) > 0 {
		return problem.Validation(s.faults...)
	}
	return nil
}

type jsonScanner struct {
	data   []byte
	pos    int
	path   []string // keys and array indexes from the root to the current value
	faults []problem.FieldError
}

// malformed is a syntax fault: the body cannot be read as one JSON document.
func (s *jsonScanner) malformed(what string) error {
	return problem.New(problem.MalformedBody, "The request body is not valid JSON: it %s (at byte %d).", what, s.pos)
}

// fault records a string value at fault and lets the scan go on, so every bad field is named.
func (s *jsonScanner) fault(message string) {
	if len(s.faults) >= maxFieldFaults {
		return
	}
	field := fieldPath(s.path)
	if field == "" {
		field = "body"
	}
	s.faults = append(s.faults, problem.Field(field, message))
}

func (s *jsonScanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *jsonScanner) value(depth int) error {
	if s.pos >= len(s.data) {
		return s.malformed("ends before a value")
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object(depth + 1)
	case c == '[':
		return s.array(depth + 1)
	case c == '"':
		_, err := s.str(false)
		return err
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || isDigit(c):
		return s.number()
	}
	return s.malformed("has an unexpected character")
}

func (s *jsonScanner) object(depth int) error {
	if depth > maxJSONDepth {
		return s.malformed(fmt.Sprintf("nests objects and arrays deeper than %d levels", maxJSONDepth))
	}
	s.pos++ // {
	s.space()
	if s.next('}') {
		return nil
	}
	seen := map[string]bool{}
	for {
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return s.malformed("expects a quoted key")
		}
		key, err := s.str(true)
		if err != nil {
			return err
		}
		if seen[key] {
			return problem.New(problem.MalformedBody, "The request body is not valid JSON for this API: it names the key %s twice in one object.",
				strconv.Quote(fieldPath(append(s.path, key))))
		}
		seen[key] = true
		s.space()
		if !s.next(':') {
			return s.malformed("expects a colon after a key")
		}
		s.space()
		s.path = append(s.path, key)
		if err := s.value(depth); err != nil {
			return err
		}
		s.path = s.path[:len(s.path)-1]
		s.space()
		if s.next('}') {
			return nil
		}
		if !s.next(',') {
			return s.malformed("expects a comma or a closing brace")
		}
	}
}

func (s *jsonScanner) array(depth int) error {
	if depth > maxJSONDepth {
		return s.malformed(fmt.Sprintf("nests objects and arrays deeper than %d levels", maxJSONDepth))
	}
	s.pos++ // [
	s.space()
	if s.next(']') {
		return nil
	}
	for i := 0; ; i++ {
		s.space()
		s.path = append(s.path, strconv.Itoa(i))
		if err := s.value(depth); err != nil {
			return err
		}
		s.path = s.path[:len(s.path)-1]
		s.space()
		if s.next(']') {
			return nil
		}
		if !s.next(',') {
			return s.malformed("expects a comma or a closing bracket")
		}
	}
}

// next consumes c if it is the next byte.
func (s *jsonScanner) next(c byte) bool {
	if s.pos < len(s.data) && s.data[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

func (s *jsonScanner) literal(word string) error {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		return s.malformed("has an unexpected word")
	}
	s.pos += len(word)
	return nil
}

// number follows RFC 8259: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
func (s *jsonScanner) number() error {
	s.next('-')
	switch {
	case s.next('0'):
	case s.pos < len(s.data) && isDigit(s.data[s.pos]):
		s.digits()
	default:
		return s.malformed("has a malformed number")
	}
	if s.next('.') && !s.digits() {
		return s.malformed("has a malformed number")
	}
	if s.next('e') || s.next('E') {
		if !s.next('+') {
			s.next('-')
		}
		if !s.digits() {
			return s.malformed("has a malformed number")
		}
	}
	return nil
}

// digits consumes one or more digits and reports whether there was one.
func (s *jsonScanner) digits() bool {
	start := s.pos
	for s.pos < len(s.data) && isDigit(s.data[s.pos]) {
		s.pos++
	}
	return s.pos > start
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// str scans a string from its opening quote and returns its decoded text if decode is set (for
// object keys). Text faults in a value are recorded once per string and the scan goes on; in a key
// they are a syntax fault, since the key names no field the caller could correct.
func (s *jsonScanner) str(decode bool) (string, error) {
	s.pos++ // "
	var decoded []byte
	fault := ""
	for {
		if s.pos >= len(s.data) {
			return "", s.malformed("has an unterminated string")
		}
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			if fault != "" {
				if decode {
					return "", s.malformed("has a key that " + fault)
				}
				s.fault(fault)
			}
			return string(decoded), nil
		case c < 0x20:
			return "", s.malformed("has a control character inside a string (it must be escaped)")
		case c == '\\':
			r, err := s.escape()
			if err != nil {
				return "", err
			}
			if r == unpairedSurrogate && fault == "" {
				fault = "contains an unpaired surrogate escape (\\ud800 to \\udfff)"
			} else if text.IsControl(r) && fault == "" {
				fault = text.Control
			}
			if decode {
				decoded = utf8.AppendRune(decoded, r)
			}
		case c < utf8.RuneSelf:
			if c == 0x7f && fault == "" {
				fault = text.Control
			}
			if decode {
				decoded = append(decoded, c)
			}
			s.pos++
		default:
			r, size := utf8.DecodeRune(s.data[s.pos:])
			switch {
			case r == utf8.RuneError && size == 1:
				if fault == "" {
					fault = text.NotUTF8
				}
			case text.IsControl(r):
				if fault == "" {
					fault = text.Control
				}
			}
			if decode {
				decoded = append(decoded, s.data[s.pos:s.pos+size]...)
			}
			s.pos += size
		}
	}
}

// unpairedSurrogate is what escape returns for a \ud800-\udfff escape without its partner, which
// encoding/json would decode to U+FFFD.
const unpairedSurrogate rune = -1

// escape decodes one escape sequence from its backslash.
func (s *jsonScanner) escape() (rune, error) {
	if s.pos+1 >= len(s.data) {
		return 0, s.malformed("has an unterminated string")
	}
	c := s.data[s.pos+1]
	s.pos += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, ok := s.hex4()
		if !ok {
			return 0, s.malformed("has a malformed \\u escape")
		}
		switch {
		case r >= 0xdc00 && r <= 0xdfff:
			return unpairedSurrogate, nil
		case r >= 0xd800 && r <= 0xdbff:
			// A high surrogate counts only with a low one right after it.
			if s.pos+1 < len(s.data) && s.data[s.pos] == '\\' && s.data[s.pos+1] == 'u' {
				s.pos += 2
				lo, ok := s.hex4()
				if !ok {
					return 0, s.malformed("has a malformed \\u escape")
				}
				if lo >= 0xdc00 && lo <= 0xdfff {
					return 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00), nil
				}
			}
			return unpairedSurrogate, nil
		}
		return r, nil
	}
	return 0, s.malformed("has an unknown escape sequence")
}

func (s *jsonScanner) hex4() (rune, bool) {
	if len(s.data)-s.pos < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s.data[s.pos : s.pos+4] {
		switch {
		case isDigit(c):
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	s.pos += 4
	return r, true
}
