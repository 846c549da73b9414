package api

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/probono-match/probono/internal/platform/problem"
)

func nested(depth int) []byte {
	return []byte(strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth))
}

func TestCheckJSON_RefusesWhatIsNotOneDocumentOfText(t *testing.T) {
	cases := []struct {
		name  string
		body  string
		kind  problem.Kind // "" when the body is accepted
		field string
	}{
		{"object", `{"name":"Acme","n":[1,-2.5e3,true,false,null],"o":{}}`, "", ""},
		{"escapes and non-ASCII text", `{"name":"Z\u00fcrich \"A\" \\ \/ \ud83d\ude00 Café\n\t\r"}`, "", ""},
		{"literal replacement character", `{"name":"\ufffd and �"}`, "", ""},
		{"32 levels", string(nested(32)), "", ""},
		{"33 levels", string(nested(33)), problem.MalformedBody, ""},
		{"33 levels of arrays", strings.Repeat("[", 33) + strings.Repeat("]", 33), problem.MalformedBody, ""},
		{"trailing data", `{"name":"Acme"} x`, problem.MalformedBody, ""},
		{"two documents", `{"name":"Acme"}{"name":"Acme"}`, problem.MalformedBody, ""},
		{"duplicate key", `{"name":"Acme","name":"Evil"}`, problem.MalformedBody, ""},
		{"duplicate key spelt with an escape", `{"name":"Acme","n\u0061me":"Evil"}`, problem.MalformedBody, ""},
		{"duplicate key deep down", `{"a":[{"b":{"c":1,"c":2}}]}`, problem.MalformedBody, ""},
		{"same key in sibling objects", `{"a":{"c":1},"b":{"c":2}}`, "", ""},
		{"unterminated", `{"name":"Acme`, problem.MalformedBody, ""},
		{"raw newline in a string", "{\"name\":\"a\nb\"}", problem.MalformedBody, ""},
		{"bad number", `{"n":01}`, problem.MalformedBody, ""},
		{"bad escape", `{"name":"\x"}`, problem.MalformedBody, ""},
		{"invalid UTF-8 outside strings", "{\"a\":1}\xff", problem.MalformedBody, ""},
		{"invalid UTF-8 in a string", "{\"name\":\"Jos\xe9\"}", problem.Invalid, "name"},
		{"escaped NUL", `{"parties":[{"name":"a"},{"name":"a\u0000b"}]}`, problem.Invalid, "parties[1].name"},
		{"C1 control", "{\"name\":\"a\u0085b\"}", problem.Invalid, "name"},
		{"escaped C1 control", `{"name":"a\u009fb"}`, problem.Invalid, "name"},
		{"DEL", "{\"name\":\"a\x7fb\"}", problem.Invalid, "name"},
		{"backspace escape", `{"name":"a\bb"}`, problem.Invalid, "name"},
		{"lone high surrogate", `{"name":"a\ud800b"}`, problem.Invalid, "name"},
		{"lone low surrogate", `{"name":"\udc00"}`, problem.Invalid, "name"},
		{"high surrogate then a letter escape", `{"name":"\ud800\u0041"}`, problem.Invalid, "name"},
		{"bad string at the root", `"\u0000"`, problem.Invalid, "body"},
		{"bad key", `{"a\u0000":1}`, problem.MalformedBody, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := checkJSON([]byte(c.body))
			if c.kind == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !problem.Is(err, c.kind) {
				t.Fatalf("got %v, want %s", err, c.kind)
			}
			if c.field == "" {
				return
			}
			pe := err.(*problem.Error)
			if len(pe.Fields) != 1 || pe.Fields[0].Field != c.field {
				t.Fatalf("fields %+v, want one for %s", pe.Fields, c.field)
			}
		})
	}
}

func TestCheckJSON_NamesEveryBadFieldUpToACap(t *testing.T) {
	body := `{"a":"\u0000","b":"ok","c":["\u0001","\u0002"]}`
	err := checkJSON([]byte(body))
	var got []string
	for _, f := range err.(*problem.Error).Fields {
		got = append(got, f.Field)
	}
	if strings.Join(got, " ") != "a c[0] c[1]" {
		t.Fatalf("fields %v", got)
	}
	many := "[" + strings.TrimSuffix(strings.Repeat(`"\u0000",`, 1000), ",") + "]"
	if n := len(checkJSON([]byte(many)).(*problem.Error).Fields); n != maxFieldFaults {
		t.Fatalf("%d field errors, want %d", n, maxFieldFaults)
	}
}

// FuzzCheckJSON checks the scanner against encoding/json: whatever it accepts, encoding/json parses
// to the same value, and whatever encoding/json accepts, it accepts unless one of its own rules
// (depth, duplicate keys, text) refuses it.
func FuzzCheckJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"x\u00e9"`, `-0.5e+3`, `[]`, `{"a":1,"a":2}`, "\"\xff\"", `"\ud800"`, ` 1 `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := checkJSON(data)
		valid := json.Valid(data)
		if err == nil && !valid {
			t.Fatalf("accepted what encoding/json refuses: %q", data)
		}
		if err != nil && valid && problem.Is(err, problem.MalformedBody) && !ownSyntaxRule(data, err) {
			t.Fatalf("refused as malformed what encoding/json accepts: %q: %v", data, err)
		}
		if err == nil && !utf8.Valid(data) {
			t.Fatalf("accepted invalid UTF-8: %q", data)
		}
	})
}

// ownSyntaxRule reports whether a refusal is one of the rules encoding/json does not have.
func ownSyntaxRule(data []byte, err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "deeper than") || strings.Contains(msg, "twice") || strings.Contains(msg, "has a key that") ||
		bytes.Count(data, []byte("{"))+bytes.Count(data, []byte("[")) > maxJSONDepth
}

// BenchmarkCheckJSON measures the check beside encoding/json.Valid, which makes the same single pass
// without the check's rules, as the baseline to compare with.
func BenchmarkCheckJSON(b *testing.B) {
	bodies := map[string][]byte{
		"depth-10000":    nested(10000),
		"referral-1KiB":  []byte(`{"practice_area":"housing.eviction","jurisdiction":"US-IL","language":"en","summary":"` + strings.Repeat("Tenant faces eviction. ", 30) + `","urgency":"high","client":{"name":"Maria Lopez","email":"maria@example.org"},"parties":[{"name":"Acme Property LLC","role":"adverse","aliases":["Acme Props"]}]}`),
		"strings-1MiB":   []byte(`{"notes":"` + strings.Repeat("a", 1<<20-20) + `"}`),
		"array-100k-int": []byte("[" + strings.TrimSuffix(strings.Repeat("12345,", 100000), ",") + "]"),
	}
	for name, body := range bodies {
		b.Run(name+"/checkJSON", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				_ = checkJSON(body)
			}
		})
		b.Run(name+"/json.Valid", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				_ = json.Valid(body)
			}
		})
	}
}
