// Package problem holds the application's error vocabulary: a handful of kinds that services return
// and that the HTTP layer renders once, as RFC 9457 problem details.
package problem

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller can do about it.
type Kind string

// The kinds every service uses. Anything else is internal and its message is never shown.
const (
	Invalid         Kind = "validation-error"
	MalformedBody   Kind = "malformed-request"
	Unauthenticated Kind = "unauthenticated"
	Forbidden       Kind = "forbidden"
	NotFound        Kind = "not-found"
	NotAllowed      Kind = "method-not-allowed"
	UnsupportedType Kind = "unsupported-media-type"
	Timeout         Kind = "request-timeout"
	Conflict        Kind = "conflict"
	// PreconditionFailed: the caller's If-Match names a version someone else's write replaced.
	PreconditionFailed Kind = "precondition-failed"
	Gone               Kind = "gone"
	TooLarge           Kind = "payload-too-large"
	RateLimited        Kind = "rate-limited"
	Unavailable        Kind = "service-unavailable"
	Internal           Kind = "internal-error"
)

// FieldError names one invalid input field; Field is a JSON path such as "email" or "parties[0].name".
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is an application error with a kind, a message safe to show to the caller, and optional
// field errors. Cause is kept for logs only.
type Error struct {
	Kind Kind
	// Type, when set, names the problem more precisely than its kind ("offer-taken"), for callers
	// that act on it; the kind still decides the status. Stable once published.
	Type   string
	Detail string
	Fields []FieldError
	// RetryAfterSeconds is set for RateLimited errors.
	RetryAfterSeconds int
	Cause             error
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s: %s", e.Kind, e.Detail)
	for _, f := range e.Fields {
		msg += fmt.Sprintf(" [%s %s]", f.Field, f.Message)
	}
	if e.Cause != nil {
		msg += fmt.Sprintf(": %v", e.Cause)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Cause }

// New returns an error of the given kind with a caller-facing message.
func New(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

// Wrap is New with an underlying cause kept for the logs.
func Wrap(kind Kind, cause error, format string, args ...any) *Error {
	e := New(kind, format, args...)
	e.Cause = cause
	return e
}

// Typed is New with a more precise problem type (see Error.Type).
func Typed(kind Kind, typ, format string, args ...any) *Error {
	e := New(kind, format, args...)
	e.Type = typ
	return e
}

// Validation returns an Invalid error listing the fields at fault.
func Validation(fields ...FieldError) *Error {
	return &Error{Kind: Invalid, Detail: "The request has invalid fields.", Fields: fields}
}

// Field is a shorthand for one FieldError.
func Field(field, message string) FieldError { return FieldError{Field: field, Message: message} }

// KindOf returns the kind of err, or Internal for errors that are not application errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is an application error of the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
