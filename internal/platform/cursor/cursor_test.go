package cursor

import (
	"encoding/base64"
	"slices"
	"testing"
)

func TestDecode_RoundTripsAndRefusesWhatNoPageReturned(t *testing.T) {
	c := Encode("created", []string{"2026-12-02T10:00:00Z", "0b7c2c1e-0000-4000-8000-0000000000aa"})
	key, err := Decode(c, "created", 2)
	if err != nil || !slices.Equal(key, []string{"2026-12-02T10:00:00Z", "0b7c2c1e-0000-4000-8000-0000000000aa"}) {
		t.Fatalf("round trip: %q, %v", key, err)
	}
	b64 := base64.RawURLEncoding.EncodeToString
	for name, bad := range map[string]string{
		"other sort":      c,
		"not base64":      "%%%",
		"not JSON":        b64([]byte("created")),
		"wrong key count": Encode("deadline", []string{"x"}),
		"key not strings": b64([]byte(`{"s":"deadline","k":[1,2,3]}`)),
		"empty":           "",
	} {
		if _, err := Decode(bad, "deadline", 3); err != ErrInvalid {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}
