// Package text holds the one rule for text people type into the service: a name is one line, free
// text may also hold line breaks and tabs, and neither may be made only of invisible characters.
// Text is kept as typed, not normalised: canonically equivalent spellings are compared as equal
// where it matters (conflict names are normalised when compared), and a legal name is shown back
// exactly as its owner wrote it.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fault messages, phrased to follow the field's name.
const (
	NotUTF8   = "is not valid UTF-8 text"
	Control   = "contains a control character"
	LineBreak = "must be a single line"
	Blank     = "must not be blank"
)

// NameFault returns what is wrong with a name or other one-line value, or "" if nothing is. The
// empty string passes: whether a field may be empty is its schema's minimum length.
func NameFault(s string) string {
	if strings.ContainsAny(s, "\t\n\r") {
		return LineBreak
	}
	return TextFault(s)
}

// TextFault returns what is wrong with free text (which may hold line breaks and tabs), or "".
func TextFault(s string) string {
	switch {
	case !utf8.ValidString(s):
		return NotUTF8
	case strings.ContainsFunc(s, IsControl):
		return Control
	case s != "" && IsBlank(s):
		return Blank
	}
	return ""
}

// IsControl reports whether r is a C0 or C1 control character or DEL, other than the tab, line
// feed and carriage return that multi-line text carries.
func IsControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	}
	return false
}

// IsBlank reports whether s shows nothing: it holds only spaces, format characters (zero-width
// spaces and joiners, bidi controls, soft hyphens: Unicode category Cf), and the other characters
// Unicode says display as nothing (fillers, variation selectors).
func IsBlank(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsSpace(r) && !unicode.In(r, unicode.Cf, unicode.Zs, invisible)
	})
}

// invisible holds the default-ignorable and blank-looking characters outside Cf and the spaces.
var invisible = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x034f, Hi: 0x034f, Stride: 1}, // combining grapheme joiner
		{Lo: 0x115f, Hi: 0x1160, Stride: 1}, // Hangul fillers
		{Lo: 0x17b4, Hi: 0x17b5, Stride: 1}, // Khmer inherent vowels
		{Lo: 0x180b, Hi: 0x180f, Stride: 1}, // Mongolian variation selectors
		{Lo: 0x2800, Hi: 0x2800, Stride: 1}, // braille blank
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xfe00, Hi: 0xfe0f, Stride: 1}, // variation selectors
		{Lo: 0xffa0, Hi: 0xffa0, Stride: 1}, // halfwidth Hangul filler
	},
	R32: []unicode.Range32{
		{Lo: 0xe0100, Hi: 0xe01ef, Stride: 1}, // variation selectors supplement
	},
}
