package crypto

import "testing"

func TestPasswordProblem(t *testing.T) {
	cases := map[string]bool{ // password → acceptable
		"short":                    false,
		"elevenchars":              false,
		"password1234":             false, // common
		"PASSWORD1234":             false, // common, whatever the case
		"qwertyuiop123":            false,
		"correct horse battery":    true,
		"a long enough passphrase": true,
		"ünïcödé-pässwörd":         true,
	}
	for pw, ok := range cases {
		if got := PasswordProblem(pw) == ""; got != ok {
			t.Errorf("PasswordProblem(%q) acceptable = %v, want %v", pw, got, ok)
		}
	}
}

func TestHashPassword_VerifiesOnlyTheSamePassword(t *testing.T) {
	h, err := HashPassword("a long enough passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword("a long enough passphrase", h) || CheckPassword("a long enough passphrasE", h) || CheckPassword("x", "not-a-hash") {
		t.Fatal("password check is wrong")
	}
	h2, _ := HashPassword("a long enough passphrase")
	if h == h2 {
		t.Fatal("hashes are not salted")
	}
}
