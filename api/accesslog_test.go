package api_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probono-match/probono/internal/apptest"
)

// lockedBuffer is a log sink the server's goroutines may write to while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestAccessLog_AClientThatHangsUpMidRequestIsLogged499(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	logs := &lockedBuffer{}
	app := *env.App
	app.Log = slog.New(slog.NewTextHandler(logs, nil))
	handler, err := app.HTTPHandler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	// Half of the promised body, then the client is gone.
	fmt.Fprintf(conn, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":")
	conn.Close()

	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "path=/api/v1/auth/login") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	line := logs.String()
	if !strings.Contains(line, "path=/api/v1/auth/login status=499") {
		t.Fatalf("want the request logged with status 499: %s", line)
	}
	if strings.Contains(line, "request failed") {
		t.Fatalf("a client hanging up is not a server failure: %s", line)
	}
}
