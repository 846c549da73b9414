package config

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// loadLocalEnv sets the KEY=VALUE lines of path as environment variables, unless they are already set.
// A missing file is fine.
func loadLocalEnv(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		if _, set := os.LookupEnv(name); !set {
			os.Setenv(name, value)
		}
	}
	return sc.Err()
}

// ensureDevSecrets generates the secret keys that are not set and appends them to path, so that a
// development machine keeps the same keys (and its sessions and encrypted data) across restarts.
func ensureDevSecrets(path string) error {
	var lines []string
	for _, name := range []string{"JWT_SIGNING_KEYS", "DATA_ENCRYPTION_KEY"} {
		if os.Getenv(name) != "" {
			continue
		}
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		value := "dev1=" + base64.StdEncoding.EncodeToString(b)
		os.Setenv(name, value)
		lines = append(lines, name+"="+value)
	}
	if len(lines) == 0 {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("writing development secrets to %s: %w", path, err)
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "# Development secrets generated on first run; never commit this file.\n%s\n", strings.Join(lines, "\n"))
	return err
}
