package ratelimit

import (
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// memoryKeys bounds the counters one process keeps while Redis is down, so an attacker cycling
// through addresses or emails cannot exhaust its memory; the least recently used go first.
const memoryKeys = 100_000

// memory keeps counters in this process: what Counters use while Redis is unreachable.
type memory struct {
	mu      sync.Mutex // makes read-modify-write of one counter atomic
	entries *lru.Cache[string, entry]
}

type entry struct {
	n       int64
	expires time.Time
}

func newMemory() *memory {
	entries, err := lru.New[string, entry](memoryKeys)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &memory{entries: entries}
}

// live returns the unexpired entry of key.
func (m *memory) live(key string, now time.Time) (entry, bool) {
	e, ok := m.entries.Get(key)
	if !ok || !now.Before(e.expires) {
		return entry{}, false
	}
	return e, true
}

func (m *memory) count(key string, ttl time.Duration) int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	e, ok := m.live(key, now)
	if !ok {
		e = entry{expires: now.Add(ttl)}
	}
	e.n++
	m.entries.Add(key, e)
	return e.n
}

func (m *memory) get(key string) int64 {
	e, _ := m.live(key, time.Now())
	return e.n
}

func (m *memory) hold(key string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries.Add(key, entry{n: 1, expires: time.Now().Add(d)})
}

func (m *memory) ttl(key string) time.Duration {
	now := time.Now()
	e, ok := m.live(key, now)
	if !ok {
		return 0
	}
	return e.expires.Sub(now)
}

func (m *memory) forget(keys ...string) {
	for _, k := range keys {
		m.entries.Remove(k)
	}
}
