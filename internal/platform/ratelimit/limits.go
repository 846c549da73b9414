package ratelimit

import (
	"context"
	"time"
)

// Window allows Max events per key within Per, counted from the key's first event.
type Window struct {
	Counters *Counters
	// Name keeps the keys of different limits apart.
	Name string
	Max  int64
	Per  time.Duration
}

// Wait returns how long key is still blocked; 0 if it is not.
func (w Window) Wait(ctx context.Context, key string) time.Duration {
	if w.Counters.Get(ctx, w.Name+key) < w.Max {
		return 0
	}
	return w.Counters.TTL(ctx, w.Name+key)
}

// Hit counts one event of key.
func (w Window) Hit(ctx context.Context, key string) {
	w.Counters.Count(ctx, w.Name+key, w.Per)
}

// Backoff lets the first Free failures of a key pass, then blocks the key after each further failure
// for twice as long as after the one before, from First up to Max: slow enough to stop guessing,
// never a lock that lasts. Failures are forgotten Memory after a key's first one, or on Reset.
type Backoff struct {
	Counters *Counters
	Name     string
	Free     int64
	First    time.Duration
	Max      time.Duration
	Memory   time.Duration
}

// Wait returns how long key is still blocked; 0 if it is not.
func (b Backoff) Wait(ctx context.Context, key string) time.Duration {
	return b.Counters.TTL(ctx, b.Name+"wait:"+key)
}

// Fail counts a failure of key and returns how long the key is now blocked.
func (b Backoff) Fail(ctx context.Context, key string) time.Duration {
	n := b.Counters.Count(ctx, b.Name+"fails:"+key, b.Memory)
	if n <= b.Free {
		return 0
	}
	d := b.First
	for i := b.Free + 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	b.Counters.Hold(ctx, b.Name+"wait:"+key, d)
	return d
}

// Reset forgets the failures of key.
func (b Backoff) Reset(ctx context.Context, key string) {
	b.Counters.Forget(ctx, b.Name+"fails:"+key, b.Name+"wait:"+key)
}
