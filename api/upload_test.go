package api_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/app"
	"github.com/probono-match/probono/internal/apptest"
	"github.com/probono-match/probono/internal/auth"
	"github.com/probono-match/probono/internal/org"
	"github.com/probono-match/probono/internal/platform/config"
)

const csvHeader = "name,type,role,aliases,matter_ref\n"

// startUpload opens an import as the holder of token that sends the CSV header and one row of a
// file it announces as 1 MB, then stalls; reading its answer waits for the server to give up.
func startUpload(t *testing.T, server *httptest.Server, token string) *stalledUpload {
	t.Helper()
	conn, err := net.Dial("tcp", server.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "POST /api/v1/conflicts/imports HTTP/1.1\r\nHost: probono.test\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: text/csv\r\nContent-Length: 1000000\r\n\r\n%sAcme Widgets Inc,organization,client,,M-1\n", token, csvHeader)
	return &stalledUpload{conn: conn}
}

type stalledUpload struct{ conn net.Conn }

// answer reads the server's response, failing the test if none comes within wait.
func (u *stalledUpload) answer(t *testing.T, wait time.Duration) *apptest.Response {
	t.Helper()
	u.conn.SetReadDeadline(time.Now().Add(wait))
	res, err := http.ReadResponse(bufio.NewReader(u.conn), nil)
	if err != nil {
		t.Fatalf("no answer to the stalled upload: %v", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return &apptest.Response{Status: res.StatusCode, Header: res.Header, Body: body}
}

// newFirms creates n law firms with a coordinator each and signs the coordinators in.
func newFirms(t *testing.T, env *apptest.Env, n int) []apptest.Session {
	t.Helper()
	ctx := context.Background()
	sessions := make([]apptest.Session, n)
	for i := range sessions {
		firm, err := env.App.Orgs.ProvisionOrganization(ctx, fmt.Sprintf("Upload Test Firm %d LLP", i), auth.KindLawFirm)
		if err != nil {
			t.Fatal(err)
		}
		email := fmt.Sprintf("coordinator%d@upload-firm.example", i)
		if _, err := env.App.Orgs.Provision(ctx, org.NewUser{OrgID: firm.ID, Email: email, Name: "Cory Ordinator", Password: password, Role: auth.RoleCoordinator}); err != nil {
			t.Fatal(err)
		}
		sessions[i] = env.Login(t, email, password)
	}
	return sessions
}

// count runs a counting query on the application's database.
func count(t *testing.T, env *apptest.Env, query string) int {
	t.Helper()
	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// runningImports counts the firms whose import is under way.
func runningImports(t *testing.T, env *apptest.Env) int {
	return count(t, env, "SELECT count(*) FROM conflict_import_runs")
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// busySessions counts the database sessions of the application's database doing anything at all:
// running a statement, or holding a transaction open.
func busySessions(t *testing.T, env *apptest.Env) int {
	return count(t, env, `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`)
}

func TestImport_StalledUploadsHoldNoConnectionAndOthersStayFast(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	staff := env.Login(t, nonprofitStaff, password)
	// As many stalled uploads as the pool has connections: each holding one would starve everyone.
	firms := newFirms(t, env, 20)
	uploads := make([]*stalledUpload, len(firms))
	for i, s := range firms {
		uploads[i] = startUpload(t, env.Server, s.Token)
	}
	waitFor(t, "every upload has started", func() bool { return runningImports(t, env) == len(firms) })

	db, err := env.App.Store.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	if inUse := db.Stats().InUse; inUse != 0 {
		t.Fatalf("%d pooled connections in use while the uploads stall", inUse)
	}
	if n := busySessions(t, env); n != 0 {
		t.Fatalf("%d database sessions busy while the uploads stall", n)
	}
	if spooled, _ := filepath.Glob(filepath.Join(os.TempDir(), "probono-import-*")); len(spooled) != 0 {
		t.Fatalf("upload files left visible in the temporary directory: %v", spooled)
	}

	// Everyone else is served promptly meanwhile.
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := []string{"/api/v1/me", "/api/v1/referrals", "/readyz"}[i%3]
			start := time.Now()
			r := env.Do(t, apptest.Request{Method: "GET", Path: path, Token: staff.Token})
			if took := time.Since(start); r.Status != http.StatusOK || took > 3*time.Second {
				t.Errorf("GET %s during stalled uploads: %d after %v", path, r.Status, took)
			}
		}()
	}
	wg.Wait()

	// The clients hang up; each import ends and frees its firm for the next one.
	for _, u := range uploads {
		u.conn.Close()
	}
	waitFor(t, "the abandoned uploads have ended", func() bool { return runningImports(t, env) == 0 })
	r := importCSV(t, env, firms[0], "partial", csvHeader+"Acme Widgets Inc,organization,client,,M-1\n")
	if r.Status != http.StatusOK {
		t.Fatalf("import after the stalled one ended: %d %s", r.Status, r.Body)
	}
}

func TestImport_SecondImportOfAFirmWhileOneRunsIs409InEveryProcess(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	// A second API process on the same database.
	other, err := app.New(context.Background(), env.App.Config, slog.New(slog.NewTextHandler(io.Discard, nil)), app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(other.Close)
	handler, err := other.HTTPHandler()
	if err != nil {
		t.Fatal(err)
	}
	otherServer := httptest.NewServer(handler)
	t.Cleanup(otherServer.Close)

	first := startUpload(t, env.Server, coord.Token)
	waitFor(t, "the first upload has started", func() bool { return runningImports(t, env) == 1 })
	body := csvHeader + "Jane Roe,person,adverse,,M-2\n"
	for name, server := range map[string]*httptest.Server{"same process": env.Server, "other process": otherServer} {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			for i := 0; i < 5; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					p := postCSV(t, server, coord.Token, body).Problem(t, http.StatusConflict)
					if !strings.HasSuffix(p.Type, "/conflict") || !strings.Contains(p.Detail, "already running") {
						t.Errorf("problem: %+v", p)
					}
				}()
			}
			wg.Wait()
		})
	}
	// Another firm is not held up.
	if r := postCSV(t, otherServer, env.Login(t, "coordinator@castellan.example", password).Token, body); r.Status != http.StatusOK {
		t.Fatalf("another firm's import: %d %s", r.Status, r.Body)
	}
	first.conn.Close()
	waitFor(t, "the first upload has ended", func() bool { return runningImports(t, env) == 0 })
	if r := postCSV(t, otherServer, coord.Token, body); r.Status != http.StatusOK {
		t.Fatalf("import after the first ended: %d %s", r.Status, r.Body)
	}
	if n := registrySize(t, env, coord); n != 1 {
		t.Fatalf("registry holds %d entries, want the 1 of the last import", n)
	}
}

// postCSV sends a partial import to server.
func postCSV(t *testing.T, server *httptest.Server, token, csv string) *apptest.Response {
	t.Helper()
	env := &apptest.Env{Server: server}
	return env.Do(t, apptest.Request{Method: "POST", Path: "/api/v1/conflicts/imports", Token: token, Body: csv,
		Header: http.Header{"Content-Type": {"text/csv"}}})
}

func TestImport_UploadSlowerThanTheMinimumRateIsCutOff(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.Configure(func(c *config.Config) {
		c.UploadMinRate, c.UploadGrace = 1000, 300*time.Millisecond
	}))
	coord := env.Login(t, coordinator, password)

	t.Run("stalled", func(t *testing.T) {
		start := time.Now()
		p := startUpload(t, env.Server, coord.Token).answer(t, 5*time.Second).Problem(t, http.StatusRequestTimeout)
		if took := time.Since(start); took > 2*time.Second || !strings.HasSuffix(p.Type, "/request-timeout") || !strings.Contains(p.Detail, "too slowly") {
			t.Fatalf("after %v: %+v", took, p)
		}
	})
	t.Run("trickling", func(t *testing.T) {
		u := startUpload(t, env.Server, coord.Token)
		stop := make(chan struct{})
		defer close(stop)
		go func() { // 50 bytes a second, well under the minimum
			for {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
					u.conn.Write([]byte("Jane Roe,person,adverse,,M-2\n"[:5]))
				}
			}
		}()
		u.answer(t, 5*time.Second).Problem(t, http.StatusRequestTimeout)
	})
	t.Run("fast enough", func(t *testing.T) {
		var csv strings.Builder
		csv.WriteString(csvHeader)
		for i := 0; i < 2000; i++ {
			fmt.Fprintf(&csv, "Client Number %d,person,client,,M-%d\n", i, i)
		}
		if r := importCSV(t, env, coord, "partial", csv.String()); r.Status != http.StatusOK {
			t.Fatalf("a prompt upload: %d %s", r.Status, r.Body)
		}
	})
	if n := registrySize(t, env, coord); n != 2000 {
		t.Fatalf("registry holds %d entries, want only the 2,000 of the prompt upload", n)
	}
}

func TestImport_ReportRejectsTooManyAliasesAndCapsWhatItEchoes(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	coord := env.Login(t, coordinator, password)
	csv := csvHeader + "Acme Widgets Inc,organization,client,,M-1\n" +
		"Jane Roe,person,adverse," + strings.Join(numberedAliases(1000), ";") + ",M-2\n" +
		"John Doe," + strings.Repeat("x", 60_000) + ",adverse,,M-3\n"
	var report importReport
	r := importCSV(t, env, coord, "all_or_nothing", csv)
	r.JSON(t, &report)
	if r.Status != http.StatusOK || report.Committed || report.Rejected != 2 || len(r.Body) > 2000 {
		t.Fatalf("report: %d %.500s", r.Status, r.Body)
	}
	if report.Errors[0].Line != 3 || !strings.Contains(report.Errors[0].Reason, "1000 aliases") ||
		report.Errors[1].Line != 4 || !strings.Contains(report.Errors[1].Reason, "…") {
		t.Fatalf("errors: %+v", report.Errors)
	}
	if n := registrySize(t, env, coord); n != 0 {
		t.Fatalf("all or nothing with rejected rows imported %d entries", n)
	}
}
