package config

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"
)

func TestParseKeys(t *testing.T) {
	k32 := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("k", 32)))
	k16 := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("k", 16)))
	cases := []struct {
		value   string
		wantErr string
		wantIDs []string
	}{
		{"", "JWT_SIGNING_KEYS is required", nil},
		{"new=" + k32 + ",old=" + k32, "", []string{"new", "old"}},
		{"new=" + k16, "at least 32 bytes", nil},
		{"new=not base64!", "not valid base64", nil},
		{strings.TrimRight(k32, "="), "must be kid=base64secret", nil},
		{"a=" + k32 + ",a=" + k32, "twice", nil},
	}
	for _, c := range cases {
		t.Setenv("JWT_SIGNING_KEYS", c.value)
		keys, err := parseKeys("JWT_SIGNING_KEYS", 32, 0)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: error %v, want %q", c.value, err, c.wantErr)
			}
			continue
		}
		if err != nil || len(keys) != len(c.wantIDs) || keys[0].ID != c.wantIDs[0] {
			t.Errorf("%q: keys %v, err %v", c.value, keys, err)
		}
	}
}

func TestLoad_ProductionNamesTheMissingVariable(t *testing.T) {
	t.Setenv("APP_ENV", Production)
	t.Setenv("JWT_SIGNING_KEYS", "")
	_, err := Load()
	if err == nil || !strings.Contains(err.Error(), "JWT_SIGNING_KEYS") {
		t.Fatalf("err = %v, want it to name JWT_SIGNING_KEYS", err)
	}
}

func TestLoad_RejectsABadURLByName(t *testing.T) {
	setProduction(t)
	t.Setenv("REDIS_URL", "http://wrong")
	_, err := Load()
	if err == nil || !strings.Contains(err.Error(), "REDIS_URL") {
		t.Fatalf("err = %v, want it to name REDIS_URL", err)
	}
}

func TestLoad_BaseURLDefaultsToTheListeningPort(t *testing.T) {
	setProduction(t)
	t.Setenv("HTTP_ADDR", ":8090")
	for set, want := range map[string]string{"": "http://localhost:8090", "https://probono.example.org/": "https://probono.example.org"} {
		t.Setenv("BASE_URL", set)
		c, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL != want {
			t.Errorf("BASE_URL %q: BaseURL = %q, want %q", set, c.BaseURL, want)
		}
	}
}

func TestLoad_MetricsAddrDefaultsToLoopbackAndEmptyTurnsItOff(t *testing.T) {
	setProduction(t)
	t.Setenv("METRICS_ADDR", "")
	os.Unsetenv("METRICS_ADDR") // t.Setenv restores the caller's value afterwards
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.MetricsAddr != DefaultMetricsAddr {
		t.Errorf("unset: MetricsAddr = %q, want %q", c.MetricsAddr, DefaultMetricsAddr)
	}
	for set, want := range map[string]string{"": "", ":9100": ":9100"} {
		t.Setenv("METRICS_ADDR", set)
		if c, err = Load(); err != nil {
			t.Fatal(err)
		}
		if c.MetricsAddr != want {
			t.Errorf("METRICS_ADDR %q: MetricsAddr = %q, want %q", set, c.MetricsAddr, want)
		}
	}
	t.Setenv("METRICS_ADDR", "9100")
	if _, err := Load(); err == nil || !strings.Contains(err.Error(), "METRICS_ADDR") {
		t.Errorf("METRICS_ADDR 9100: err = %v, want it to name METRICS_ADDR", err)
	}
}

func TestLoad_StaleReferralDays(t *testing.T) {
	setProduction(t)
	t.Setenv("STALE_REFERRAL_DAYS", "")
	os.Unsetenv("STALE_REFERRAL_DAYS")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.StaleReferralDays != DefaultStaleReferralDays {
		t.Errorf("unset: StaleReferralDays = %d, want %d", c.StaleReferralDays, DefaultStaleReferralDays)
	}
	t.Setenv("STALE_REFERRAL_DAYS", "10")
	if c, err = Load(); err != nil || c.StaleReferralDays != 10 {
		t.Errorf("STALE_REFERRAL_DAYS 10: %v, %v", c, err)
	}
	for _, bad := range []string{"0", "-3", "a week", "1.5"} {
		t.Setenv("STALE_REFERRAL_DAYS", bad)
		if _, err := Load(); err == nil || !strings.Contains(err.Error(), "STALE_REFERRAL_DAYS") {
			t.Errorf("STALE_REFERRAL_DAYS %q: err = %v, want it to name STALE_REFERRAL_DAYS", bad, err)
		}
	}
}

func TestLoad_TrustedProxies(t *testing.T) {
	cases := []struct {
		value    string
		wantErr  string
		wantNets []string
	}{
		{"", "", nil},
		{"10.0.0.0/8, 192.168.1.7,2001:db8::/32", "", []string{"10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32"}},
		{"::1", "", []string{"::1/128"}},
		{"10.0.0.0/33", "TRUSTED_PROXIES entry 1", nil},
		{"10.0.0.0/8,proxy.internal", "TRUSTED_PROXIES entry 2", nil},
	}
	for _, c := range cases {
		setProduction(t)
		t.Setenv("TRUSTED_PROXIES", c.value)
		cfg, err := Load()
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: error %v, want %q", c.value, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", c.value, err)
		}
		var got []string
		for _, n := range cfg.TrustedProxies {
			got = append(got, n.String())
		}
		if strings.Join(got, " ") != strings.Join(c.wantNets, " ") {
			t.Errorf("%q: networks %v, want %v", c.value, got, c.wantNets)
		}
	}
}

// setProduction sets the environment of a production start with valid keys.
func setProduction(t *testing.T) {
	t.Helper()
	k := "k1=" + base64.StdEncoding.EncodeToString([]byte(strings.Repeat("k", 32)))
	t.Setenv("APP_ENV", Production)
	t.Setenv("JWT_SIGNING_KEYS", k)
	t.Setenv("DATA_ENCRYPTION_KEY", k)
}
