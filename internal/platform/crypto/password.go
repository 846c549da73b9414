// Package crypto holds the primitives for secrets: password hashing, random tokens and their digests.
package crypto

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"

	"github.com/alexedwards/argon2id"
)

// passwordParams follows the OWASP Password Storage Cheat Sheet for argon2id:
// 19 MiB of memory, 2 iterations, 1 degree of parallelism.
var passwordParams = &argon2id.Params{
	Memory:      19 * 1024,
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// MinPasswordLength is the shortest password accepted (NIST SP 800-63B recommends at least 8; we ask 12).
const MinPasswordLength = 12

// HashPassword returns the argon2id hash of password in PHC string form.
func HashPassword(password string) (string, error) {
	return argon2id.CreateHash(password, passwordParams)
}

// CheckPassword reports whether password matches hash. A malformed hash never matches.
func CheckPassword(password, hash string) bool {
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	return err == nil && ok
}

var (
	dummyHashOnce sync.Once
	dummyHash     string
)

// BurnPasswordCheck spends the time of one password check, so that a login for an unknown account
// takes as long as one with a wrong password and does not reveal which accounts exist.
func BurnPasswordCheck(password string) {
	dummyHashOnce.Do(func() {
		dummyHash, _ = HashPassword("unused-password-for-timing")
	})
	CheckPassword(password, dummyHash)
}

//go:embed common-passwords.txt
var commonPasswordList []byte

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{})
	sc := bufio.NewScanner(bytes.NewReader(commonPasswordList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			set[strings.ToLower(w)] = struct{}{}
		}
	}
	return set
})

// PasswordProblem explains why a new password is unacceptable, or returns "" if it is fine.
func PasswordProblem(password string) string {
	if len([]rune(password)) < MinPasswordLength {
		return "must be at least 12 characters"
	}
	if _, common := commonPasswords()[strings.ToLower(password)]; common {
		return "is too common; choose a password that is not on lists of leaked passwords"
	}
	return ""
}
