package etag

import "testing"

func TestParseIfMatch(t *testing.T) {
	tests := []struct {
		header  string
		version int
		allows  bool
	}{
		{"", 7, true},
		{"*", 7, true},
		{`"7"`, 7, true},
		{` "3" , "7" `, 7, true},
		{`"6"`, 7, false},
		{`W/"7"`, 7, false}, // If-Match compares strongly
		{`7`, 7, false},
		{`"07"`, 7, false},
		{`"-7"`, 7, false},
		{`"abc"`, 7, false},
		{`"0"`, 0, true},
		{`"`, 7, false},
		{`"99999999999999999999"`, 7, false},
	}
	for _, tt := range tests {
		if got := ParseIfMatch(tt.header).Allows(tt.version); got != tt.allows {
			t.Errorf("ParseIfMatch(%q).Allows(%d) = %v, want %v", tt.header, tt.version, got, tt.allows)
		}
	}
	if got := Of(12); got != `"12"` {
		t.Errorf("Of(12) = %s", got)
	}
}
