package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/labstack/echo/v4"

	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/platform/text"
)

// loadSpec parses and validates the OpenAPI document and registers the string formats it uses.
func loadSpec(spec []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("loading openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.yaml is invalid: %w", err)
	}
	return doc, nil
}

func init() {
	openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(`^[^@\s]+@[^@\s<>",]+\.[^@\s<>",]+$`))
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`))
	// A date must be one the calendar has: kin-openapi's own check is a pattern that lets 2026-02-30
	// through, which then fails to decode and would be answered as a malformed body.
	openapi3.DefineStringFormatValidator("date", openapi3.NewCallbackValidator(func(s string) error {
		_, err := time.Parse(time.DateOnly, s)
		return err
	}))
	// The one rule for typed text: "name" for names and other one-line values, "text" for free text.
	openapi3.DefineStringFormatValidator("name", textFormat(text.NameFault))
	openapi3.DefineStringFormatValidator("text", textFormat(text.TextFault))
}

// textFault is a text rule's verdict, shown as the field's message.
type textFault string

func (f textFault) Error() string { return string(f) }

func textFormat(rule func(string) string) openapi3.StringFormatValidator {
	return openapi3.NewCallbackValidator(func(s string) error {
		if fault := rule(s); fault != "" {
			return textFault(fault)
		}
		return nil
	})
}

// specGate validates every API request against the OpenAPI document before a handler runs (unknown
// fields, wrong types and formats, missing fields), then authenticates the caller unless the
// operation is public (`security: []`). Requests for paths the document does not describe pass on,
// so that Echo answers them 404 or 405.
func specGate(doc *openapi3.T, authn auth.Service) (echo.MiddlewareFunc, error) {
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	opts := &openapi3filter.Options{
		MultiError:                        true,
		AuthenticationFunc:                openapi3filter.NoopAuthenticationFunc,
		RejectWhenRequestBodyNotSpecified: true,
	}
	uploadOpts := *opts
	uploadOpts.ExcludeRequestBody = true
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			route, pathParams, err := router.FindRoute(req)
			if err != nil {
				if errors.Is(err, routers.ErrMethodNotAllowed) {
					return problem.New(problem.NotAllowed, "This address does not accept that method.")
				}
				return next(c)
			}
			// Authentication runs below, after validation, with our own error answers; kin-openapi's
			// security check would read the whole body into memory first (for authentication functions
			// that look at it), so it validates a copy of the route without security requirements.
			if err := checkParams(req, route, pathParams); err != nil {
				return err
			}
			if err := checkJSONBody(req); err != nil {
				return err
			}
			input := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: withoutSecurity(route), Options: opts}
			if isUpload(c) {
				input.Options = &uploadOpts // the handler streams and checks the file row by row
			}
			if err := openapi3filter.ValidateRequest(req.Context(), input); err != nil {
				return requestProblem(err)
			}
			if route.Operation.Security == nil || len(*route.Operation.Security) > 0 {
				p, account, err := authenticate(c, authn)
				if err != nil {
					return err
				}
				c.Set(principalKey, p)
				c.Set(accountKey, account)
			}
			return next(c)
		}
	}, nil
}

// checkJSONBody runs checkJSON over a JSON request body and leaves the body readable again for the
// schema validator and the handler. The body limit has already bounded its size.
func checkJSONBody(req *http.Request) error {
	if req.Body == nil || req.Body == http.NoBody || !isJSON(req.Header.Get(echo.HeaderContentType)) {
		return nil
	}
	data, err := io.ReadAll(req.Body)
	if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errClientGone // the body stopped short of its length: nobody is left to answer
	}
	if err != nil {
		return problem.Wrap(problem.MalformedBody, err, "The request body could not be read.")
	}
	req.Body = io.NopCloser(bytes.NewReader(data))
	if len(data) == 0 {
		return nil // the schema validator says whether the operation needs a body
	}
	return checkJSON(data)
}

// checkParams refuses path, query and the operation's header parameters that are not one line of
// text: invalid UTF-8 or any control character, which no parameter has a use for and Postgres
// refuses with an error (an Idempotency-Key is stored as given).
func checkParams(req *http.Request, route *routers.Route, pathParams map[string]string) error {
	var fields []problem.FieldError
	check := func(name, value string) {
		if msg := paramFault(value); msg != "" && len(fields) < maxFieldFaults {
			fields = append(fields, problem.Field(name, msg))
		}
	}
	for name, value := range pathParams {
		check(name, value)
	}
	for name, values := range req.URL.Query() {
		for _, v := range values {
			check(name, v)
		}
	}
	for _, p := range slices.Concat(route.PathItem.Parameters, route.Operation.Parameters) {
		if p.Value != nil && p.Value.In == openapi3.ParameterInHeader {
			for _, v := range req.Header.Values(p.Value.Name) {
				check(p.Value.Name, v)
			}
		}
	}
	if len(fields) > 0 {
		slices.SortFunc(fields, func(a, b problem.FieldError) int { return strings.Compare(a.Field, b.Field) })
		return problem.Validation(fields...)
	}
	return nil
}

// paramFault applies the one-line text rule to a parameter, except blankness: a search for a space
// is pointless but harmless.
func paramFault(value string) string {
	if fault := text.NameFault(value); fault != text.Blank {
		return fault
	}
	return ""
}

// isJSON reports whether a Content-Type names JSON (application/json or a +json type).
func isJSON(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mediaType == echo.MIMEApplicationJSON || strings.HasSuffix(mediaType, "+json"))
}

var noSecurity = openapi3.SecurityRequirements{}

func withoutSecurity(route *routers.Route) *routers.Route {
	op := *route.Operation
	op.Security = &noSecurity
	r := *route
	r.Operation = &op
	return &r
}

func authenticate(c echo.Context, authn auth.Service) (auth.Principal, auth.Account, error) {
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return auth.Principal{}, auth.Account{}, problem.New(problem.Unauthenticated, "Sign in first: this request needs an access token.")
	}
	return authn.Authenticate(c.Request().Context(), token)
}

// requestProblem turns kin-openapi's validation errors into one problem with a field error each.
func requestProblem(err error) error {
	if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
		return problem.New(problem.TooLarge, "The request body is larger than the limit of 1 MiB.")
	}
	var fields []problem.FieldError
	for _, e := range flatten(err) {
		var reqErr *openapi3filter.RequestError
		if !errors.As(e, &reqErr) {
			fields = append(fields, problem.Field("", "is invalid"))
			continue
		}
		var parseErr *openapi3filter.ParseError
		switch {
		case errors.Is(reqErr.Err, echo.ErrStatusRequestEntityTooLarge):
			return problem.New(problem.TooLarge, "The request body is larger than the limit of 1 MiB.")
		case reqErr.RequestBody != nil && errors.As(reqErr.Err, &parseErr):
			return problem.New(problem.MalformedBody, "The request body is not valid JSON.")
		case reqErr.RequestBody != nil && strings.Contains(reqErr.Error(), "Content-Type"):
			return problem.New(problem.UnsupportedType, "The request body has a Content-Type this operation does not accept (see the API documentation).")
		case errors.Is(reqErr.Err, openapi3filter.ErrInvalidRequired) && reqErr.RequestBody != nil:
			fields = append(fields, problem.Field("body", "is required"))
		default:
			fields = append(fields, schemaFields(reqErr)...)
		}
	}
	return problem.Validation(fields...)
}

// flatten unpacks kin-openapi's nested MultiErrors, but not the errors they wrap.
func flatten(err error) []error {
	multi, ok := err.(openapi3.MultiError)
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range multi {
		out = append(out, flatten(e)...)
	}
	return out
}

var (
	missingProperty = regexp.MustCompile(`^property "([^"]+)" is missing`)
	unknownProperty = regexp.MustCompile(`^property "([^"]+)" is unsupported`)
)

// schemaFields names the field of each schema violation: the JSON path of the value, plus the
// property for a missing or unknown one; a parameter error names the parameter.
func schemaFields(reqErr *openapi3filter.RequestError) []problem.FieldError {
	var out []problem.FieldError
	for _, e := range flatten(reqErr.Err) {
		var se *openapi3.SchemaError
		if !errors.As(e, &se) {
			name := "body"
			if reqErr.Parameter != nil {
				name = reqErr.Parameter.Name
			}
			out = append(out, problem.Field(name, "is invalid"))
			continue
		}
		path := se.JSONPointer()
		message := se.Reason
		if m := missingProperty.FindStringSubmatch(se.Reason); m != nil {
			message = "is required"
			if len(path) == 0 || path[len(path)-1] != m[1] {
				path = append(path, m[1])
			}
		} else if m := unknownProperty.FindStringSubmatch(se.Reason); m != nil {
			message = "is not a known field"
			path = append(path, m[1])
		} else if fault := textFault(""); errors.As(se.Origin, &fault) {
			message = string(fault)
		} else if se.SchemaField == "format" && se.Schema != nil {
			message = "must be a valid " + se.Schema.Format
		}
		field := fieldPath(path)
		if reqErr.Parameter != nil {
			field = reqErr.Parameter.Name
		}
		if field == "" {
			field = "body"
		}
		out = append(out, problem.Field(field, message))
	}
	return out
}

// fieldPath spells a JSON path as the services do: parties[1].name, not parties.1.name.
func fieldPath(segments []string) string {
	var b strings.Builder
	for _, s := range segments {
		if _, err := strconv.Atoi(s); err == nil && b.Len() > 0 {
			b.WriteString("[" + s + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}
