// Package ratelimit counts failures per key in fixed windows kept in Redis, so every API process
// shares the same counts.
package ratelimit

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter allows Max events per key within Window, counted from the first event of the window.
type Limiter struct {
	rdb    redis.UniversalClient
	prefix string
	Max    int64
	Window time.Duration
}

// New returns a limiter whose keys start with prefix.
func New(rdb redis.UniversalClient, prefix string, max int64, window time.Duration) *Limiter {
	return &Limiter{rdb: rdb, prefix: prefix, Max: max, Window: window}
}

// Blocked reports whether any of keys has reached the limit and, if so, how long until it resets.
func (l *Limiter) Blocked(ctx context.Context, keys ...string) (time.Duration, error) {
	var longest time.Duration
	for _, k := range keys {
		n, err := l.rdb.Get(ctx, l.prefix+k).Int64()
		if err == redis.Nil {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n < l.Max {
			continue
		}
		ttl, err := l.rdb.PTTL(ctx, l.prefix+k).Result()
		if err != nil {
			return 0, err
		}
		if ttl > longest {
			longest = ttl
		}
	}
	return longest, nil
}

// Hit counts one event against each of keys.
func (l *Limiter) Hit(ctx context.Context, keys ...string) error {
	_, err := l.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range keys {
			p.Incr(ctx, l.prefix+k)
			p.ExpireNX(ctx, l.prefix+k, l.Window)
		}
		return nil
	})
	return err
}

// Reset forgets the count of each of keys.
func (l *Limiter) Reset(ctx context.Context, keys ...string) error {
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = l.prefix + k
	}
	return l.rdb.Del(ctx, full...).Err()
}
