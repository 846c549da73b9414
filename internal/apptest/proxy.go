package apptest

import (
	"io"
	"net"
	"sync"
	"testing"
)

// Proxy forwards TCP connections to a target until the test cuts it, so a test can take a
// dependency away from one application without touching the shared service behind it.
type Proxy struct {
	target   string
	listener net.Listener
	mu       sync.Mutex
	conns    map[net.Conn]bool
	cut      bool
}

// NewProxy starts a proxy to target (host:port) on a free local port; it is cut when the test ends.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{target: target, listener: l, conns: map[net.Conn]bool{}}
	go p.serve(l)
	t.Cleanup(p.Cut)
	return p
}

// Addr is the host:port the proxy listens on.
func (p *Proxy) Addr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.listener.Addr().String()
}

// Cut closes the listener and every open connection: from then on the target is unreachable
// through the proxy, as if its host were down.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	p.listener.Close()
	for c := range p.conns {
		c.Close()
	}
}

// Restore listens again on the same address after Cut, as if the target's host came back.
func (p *Proxy) Restore() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	l, err := net.Listen("tcp", p.listener.Addr().String())
	if err != nil {
		return err
	}
	p.listener, p.cut = l, false
	go p.serve(l)
	return nil
}

func (p *Proxy) serve(l net.Listener) {
	for {
		client, err := l.Accept()
		if err != nil {
			return
		}
		go p.forward(client)
	}
}

func (p *Proxy) forward(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(client, server) {
		return
	}
	// Either side hanging up ends both directions: the databases' protocols have no half-close.
	done := make(chan struct{}, 2)
	pipe := func(dst, src net.Conn) {
		io.Copy(dst, src) //nolint:errcheck // a broken connection is what ends the copy
		dst.Close()
		src.Close()
		done <- struct{}{}
	}
	go pipe(server, client)
	go pipe(client, server)
	<-done
	<-done
	p.mu.Lock()
	delete(p.conns, client)
	delete(p.conns, server)
	p.mu.Unlock()
}

// track records a forwarded pair so Cut can close it, or closes it at once if the proxy is cut.
func (p *Proxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cut {
		for _, c := range conns {
			c.Close()
		}
		return false
	}
	for _, c := range conns {
		p.conns[c] = true
	}
	return true
}
