// Package config reads the service's settings from environment variables, validates them once at
// start, and in development creates the secrets that are missing.
package config

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Environment names the two ways the service runs.
const (
	Development = "development"
	Production  = "production"
)

// Key is one named secret key; the name (kid) lets several keys be valid while they rotate.
type Key struct {
	ID     string
	Secret []byte
}

// Config holds every setting. Secrets are never printed: String redacts them.
type Config struct {
	Env         string
	DatabaseURL string
	RedisURL    string
	HTTPAddr    string
	// MetricsAddr is where Prometheus metrics are served, apart from the API; empty serves none.
	MetricsAddr string
	// JWTSigningKeys are all accepted for verification; the first one signs new tokens.
	JWTSigningKeys []Key
	// DataEncryptionKeys encrypt client data at rest; the first one encrypts, all decrypt.
	DataEncryptionKeys []Key
	SMTPURL            string
	BaseURL            string
	LogLevel           string
	// UploadMinRate is the slowest, in bytes a second on average, that an upload may arrive once
	// UploadGrace has passed; a client that stalls is cut off rather than holding a request open.
	UploadMinRate int
	UploadGrace   time.Duration
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header names the client; with
	// none, the client is the address of the connection.
	TrustedProxies []*net.IPNet
	// Schedules override when periodic jobs run, by job name: SCHEDULE_TOKEN_PURGE=@daily sets the
	// job "token-purge"; "off" turns it off. The worker refuses names it does not know.
	Schedules map[string]string
	// StaleReferralDays is how many days a submitted referral may go untaken by any firm before its
	// organisation is told (and told again every as many days).
	StaleReferralDays int
	// ReportTimeout bounds how long a report may read before it answers 503.
	ReportTimeout time.Duration
}

// The upload rate defaults, after Apache's mod_reqtimeout: 20 s to get going, then 1 KiB a second,
// which a phone on a poor connection manages easily.
const (
	DefaultUploadMinRate = 1024
	DefaultUploadGrace   = 20 * time.Second
)

// DefaultMetricsAddr keeps the metrics on this machine unless METRICS_ADDR says otherwise.
const DefaultMetricsAddr = "127.0.0.1:9091"

// DefaultStaleReferralDays is a week: long enough for firms to look, short enough to still help.
const DefaultStaleReferralDays = 7

// DefaultReportTimeout is far above what a firm's yearly report needs on the roll-ups, and short
// enough that a runaway report gives its connection back quickly.
const DefaultReportTimeout = 5 * time.Second

// Dev reports whether the service runs in development mode.
func (c *Config) Dev() bool { return c.Env == Development }

// String describes the configuration without its secrets.
func (c *Config) String() string {
	return fmt.Sprintf("env=%s http=%s metrics=%s database=%s redis=%s base_url=%s signing_keys=%d encryption_keys=%d smtp=%t trusted_proxies=%d",
		c.Env, c.HTTPAddr, c.MetricsAddr, redactURL(c.DatabaseURL), redactURL(c.RedisURL), c.BaseURL,
		len(c.JWTSigningKeys), len(c.DataEncryptionKeys), c.SMTPURL != "", len(c.TrustedProxies))
}

// LocalEnvFile is where development secrets are kept between runs; it is git-ignored.
const LocalEnvFile = ".env.local"

// Load reads the configuration from the environment. In development, it first loads LocalEnvFile
// (variables already set win) and generates the secret keys that are missing into that file.
func Load() (*Config, error) {
	env := getenv("APP_ENV", Development)
	if env != Development && env != Production {
		return nil, fmt.Errorf("APP_ENV must be %q or %q, got %q", Development, Production, env)
	}
	if env == Development {
		if err := loadLocalEnv(LocalEnvFile); err != nil {
			return nil, err
		}
		if err := ensureDevSecrets(LocalEnvFile); err != nil {
			return nil, err
		}
	}
	c := &Config{
		Env:         env,
		DatabaseURL: getenv("DATABASE_URL", "postgres://root@127.0.0.1:5432/probono?sslmode=disable"),
		RedisURL:    getenv("REDIS_URL", "redis://127.0.0.1:6379/0"),
		HTTPAddr:    getenv("HTTP_ADDR", ":8080"),
		SMTPURL:     os.Getenv("SMTP_URL"),
		BaseURL:     strings.TrimRight(os.Getenv("BASE_URL"), "/"),
		LogLevel:    getenv("LOG_LEVEL", "info"),
		MetricsAddr: DefaultMetricsAddr,
	}
	if addr, ok := os.LookupEnv("METRICS_ADDR"); ok {
		c.MetricsAddr = addr // set but empty turns the metrics listener off
	}
	if c.BaseURL == "" {
		c.BaseURL = localURL(c.HTTPAddr)
	}
	var err error
	if c.UploadMinRate, err = strconv.Atoi(getenv("UPLOAD_MIN_RATE", strconv.Itoa(DefaultUploadMinRate))); err != nil || c.UploadMinRate < 1 {
		return nil, fmt.Errorf("UPLOAD_MIN_RATE must be a whole number of bytes a second, at least 1")
	}
	if c.UploadGrace, err = time.ParseDuration(getenv("UPLOAD_GRACE", DefaultUploadGrace.String())); err != nil || c.UploadGrace <= 0 {
		return nil, fmt.Errorf("UPLOAD_GRACE must be a positive duration such as 20s")
	}
	if c.StaleReferralDays, err = strconv.Atoi(getenv("STALE_REFERRAL_DAYS", strconv.Itoa(DefaultStaleReferralDays))); err != nil || c.StaleReferralDays < 1 {
		return nil, fmt.Errorf("STALE_REFERRAL_DAYS must be a whole number of days, at least 1")
	}
	if c.ReportTimeout, err = time.ParseDuration(getenv("REPORT_TIMEOUT", DefaultReportTimeout.String())); err != nil || c.ReportTimeout <= 0 {
		return nil, fmt.Errorf("REPORT_TIMEOUT must be a positive duration such as 5s")
	}
	if c.JWTSigningKeys, err = parseKeys("JWT_SIGNING_KEYS", 32, 0); err != nil {
		return nil, err
	}
	if c.DataEncryptionKeys, err = parseKeys("DATA_ENCRYPTION_KEY", 32, 32); err != nil {
		return nil, err
	}
	if c.TrustedProxies, err = parseNetworks("TRUSTED_PROXIES", os.Getenv("TRUSTED_PROXIES")); err != nil {
		return nil, err
	}
	c.Schedules = schedules(os.Environ())
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) validate() error {
	if err := checkURL("DATABASE_URL", c.DatabaseURL, "postgres", "postgresql"); err != nil {
		return err
	}
	if err := checkURL("REDIS_URL", c.RedisURL, "redis", "rediss"); err != nil {
		return err
	}
	if err := checkURL("BASE_URL", c.BaseURL, "http", "https"); err != nil {
		return err
	}
	if c.SMTPURL != "" {
		if err := checkURL("SMTP_URL", c.SMTPURL, "smtp", "smtps"); err != nil {
			return err
		}
	}
	if !strings.Contains(c.HTTPAddr, ":") {
		return fmt.Errorf("HTTP_ADDR must be host:port or :port, got %q", c.HTTPAddr)
	}
	if c.MetricsAddr != "" && !strings.Contains(c.MetricsAddr, ":") {
		return fmt.Errorf("METRICS_ADDR must be host:port, :port or empty, got %q", c.MetricsAddr)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel)
	}
	return nil
}

func checkURL(name, raw string, schemes ...string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%s is not a valid URL", name)
	}
	for _, s := range schemes {
		if u.Scheme == s {
			return nil
		}
	}
	return fmt.Errorf("%s must use the scheme %s, got %q", name, strings.Join(schemes, " or "), u.Scheme)
}

// parseKeys reads "kid=base64secret,kid2=base64secret". Every secret must decode to at least minLen
// bytes and, if maxLen is not 0, at most maxLen.
func parseKeys(name string, minLen, maxLen int) ([]Key, error) {
	raw := strings.TrimSpace(os.Getenv(name))
	if raw == "" {
		return nil, fmt.Errorf("%s is required (format: kid=base64secret[,kid=base64secret...])", name)
	}
	var keys []Key
	seen := map[string]bool{}
	for i, part := range strings.Split(raw, ",") {
		id, secret, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || id == "" {
			return nil, fmt.Errorf("%s entry %d must be kid=base64secret", name, i+1)
		}
		if seen[id] {
			return nil, fmt.Errorf("%s has the key id %q twice", name, id)
		}
		seen[id] = true
		b, err := base64.StdEncoding.DecodeString(secret)
		if err != nil {
			return nil, fmt.Errorf("%s key %q is not valid base64", name, id)
		}
		if len(b) < minLen {
			return nil, fmt.Errorf("%s key %q must be at least %d bytes, got %d", name, id, minLen, len(b))
		}
		if maxLen > 0 && len(b) > maxLen {
			return nil, fmt.Errorf("%s key %q must be at most %d bytes, got %d", name, id, maxLen, len(b))
		}
		keys = append(keys, Key{ID: id, Secret: b})
	}
	return keys, nil
}

// parseNetworks reads comma-separated CIDRs ("10.0.0.0/8,2001:db8::/32"); a bare address stands for
// itself alone.
func parseNetworks(name, raw string) ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for i, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			ip := net.ParseIP(part)
			if ip == nil {
				return nil, fmt.Errorf("%s entry %d (%q) is not an IP address or CIDR", name, i+1, part)
			}
			bits := 8 * len(ip)
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			nets = append(nets, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("%s entry %d (%q) is not a CIDR like 10.0.0.0/8", name, i+1, part)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

func getenv(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid)"
	}
	return u.Redacted()
}

// localURL is the address links point to when BASE_URL is not set: this machine, on the port the
// server listens on.
func localURL(httpAddr string) string {
	if _, port, err := net.SplitHostPort(httpAddr); err == nil && port != "" {
		return "http://localhost:" + port
	}
	return "http://localhost:8080"
}

// schedules collects the SCHEDULE_<NAME>=<spec> variables of environ by job name ("token-purge").
func schedules(environ []string) map[string]string {
	out := map[string]string{}
	for _, kv := range environ {
		name, spec, _ := strings.Cut(kv, "=")
		if job, ok := strings.CutPrefix(name, "SCHEDULE_"); ok && job != "" {
			out[strings.ToLower(strings.ReplaceAll(job, "_", "-"))] = strings.TrimSpace(spec)
		}
	}
	return out
}
