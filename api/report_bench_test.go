package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/app"
	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/platform/config"
	"github.com/probono-match/probono/internal/seed"
)

// BenchmarkReportHours_FirmYearOver10MEntries times firm-wide reports of a year through HTTP, as
// the platform admin, on the firm with the most entries of a database that `probono gen-hours`
// loaded (make bench-reports makes one; BENCH_REPORTS_DATABASE_URL names it). Each grouping
// reports its p50 and p95 latency over b.N requests.
func BenchmarkReportHours_FirmYearOver10MEntries(b *testing.B) {
	url := os.Getenv("BENCH_REPORTS_DATABASE_URL")
	if url == "" {
		b.Fatal("BENCH_REPORTS_DATABASE_URL must name a database loaded by probono gen-hours (make bench-reports does both)")
	}
	cfg := &config.Config{
		Env: config.Development, DatabaseURL: url, RedisURL: envOr("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
		JWTSigningKeys:     []config.Key{apptest.SigningKey},
		DataEncryptionKeys: []config.Key{{ID: "bench", Secret: []byte("bench-encryption-key-of-32-byte!")}},
		BaseURL:            "http://probono.test", LogLevel: "error", UploadMinRate: config.DefaultUploadMinRate,
		UploadGrace: config.DefaultUploadGrace, StaleReferralDays: config.DefaultStaleReferralDays, ReportTimeout: config.DefaultReportTimeout,
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{RedisKeyPrefix: "bench:" + uuid.NewString() + ":"})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	handler, err := a.HTTPHandler()
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()

	db, err := a.Store.SQLDB()
	if err != nil {
		b.Fatal(err)
	}
	var firmID string
	var entries int64
	var year int
	if err := db.QueryRow(`SELECT firm_id, sum(entries), extract(year FROM min(month))::int FROM hours_monthly
		GROUP BY firm_id ORDER BY 2 DESC LIMIT 1`).Scan(&firmID, &entries, &year); err != nil {
		b.Fatalf("the database holds no load: %v", err)
	}
	var total int64
	if err := db.QueryRow(`SELECT count(*) FROM time_entries`).Scan(&total); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d time entries in all; firm %s has %d of them over the load's years", total, firmID, entries)

	res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"admin@probono.example","password":"`+seed.DemoPassword+`"}`))
	if err != nil {
		b.Fatal(err)
	}
	var login struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&login); err != nil || login.AccessToken == "" {
		b.Fatalf("sign-in: %d %v", res.StatusCode, err)
	}
	res.Body.Close()

	for _, groupBy := range []string{"attorney", "month", "practice_area", "referrer", "partnership"} {
		b.Run(groupBy, func(b *testing.B) {
			url := srv.URL + "/api/v1/reports/hours?group_by=" + groupBy + "&firm_id=" + firmID +
				"&from=" + time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) +
				"&to=" + time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
			took := make([]time.Duration, 0, b.N)
			for b.Loop() {
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("Authorization", "Bearer "+login.AccessToken)
				start := time.Now()
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				took = append(took, time.Since(start))
				if res.StatusCode != http.StatusOK || n < 50 {
					b.Fatalf("report: %d, %d bytes", res.StatusCode, n)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[(len(took)*95+99)/100-1].Microseconds())/1000, "p95-ms")
		})
	}
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
