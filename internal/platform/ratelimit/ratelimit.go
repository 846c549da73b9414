// Package ratelimit keeps the counters that rate limits are made of in Redis, so every API process
// shares them, and in this process's memory while Redis cannot be reached, so that limits keep
// working (per process) and the requests they guard keep being answered.
package ratelimit

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// retryRedisAfter is how long the counters stay in memory after Redis failed before Redis is tried
// again, so an outage costs one failed round trip now and then rather than one per request.
const retryRedisAfter = 5 * time.Second

// Counters are named counts that expire. Keys must not hold personal data (hash emails first).
type Counters struct {
	rdb    redis.UniversalClient
	prefix string
	log    *slog.Logger
	mem    *memory
	// memUntil is when Redis is next tried (unix nanoseconds); 0 while Redis works.
	memUntil atomic.Int64
	switchMu sync.Mutex
}

// New returns counters kept in rdb under keys starting with prefix.
func New(rdb redis.UniversalClient, prefix string, log *slog.Logger) *Counters {
	return &Counters{rdb: rdb, prefix: prefix, log: log, mem: newMemory()}
}

// Count adds one to key and returns the new count. A key counted for the first time lives for ttl.
func (c *Counters) Count(ctx context.Context, key string, ttl time.Duration) int64 {
	if c.useRedis() {
		var incr *redis.IntCmd
		_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			incr = p.Incr(ctx, c.prefix+key)
			p.ExpireNX(ctx, c.prefix+key, ttl)
			return nil
		})
		if c.redisOK(ctx, err) {
			return incr.Val()
		}
	}
	return c.mem.count(key, ttl)
}

// Get returns the count of key; 0 if it was never counted or has expired.
func (c *Counters) Get(ctx context.Context, key string) int64 {
	if c.useRedis() {
		n, err := c.rdb.Get(ctx, c.prefix+key).Int64()
		if err == redis.Nil {
			return 0
		}
		if c.redisOK(ctx, err) {
			return n
		}
	}
	return c.mem.get(key)
}

// Hold makes key exist for d from now, whatever it held before.
func (c *Counters) Hold(ctx context.Context, key string, d time.Duration) {
	if c.useRedis() && c.redisOK(ctx, c.rdb.Set(ctx, c.prefix+key, 1, d).Err()) {
		return
	}
	c.mem.hold(key, d)
}

// TTL returns how long key still exists; 0 if it does not.
func (c *Counters) TTL(ctx context.Context, key string) time.Duration {
	if c.useRedis() {
		ttl, err := c.rdb.PTTL(ctx, c.prefix+key).Result()
		if c.redisOK(ctx, err) {
			return max(ttl, 0) // PTTL answers -2 for a missing key, -1 for one without expiry
		}
	}
	return c.mem.ttl(key)
}

// Forget deletes keys.
func (c *Counters) Forget(ctx context.Context, keys ...string) {
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = c.prefix + k
	}
	if c.useRedis() && c.redisOK(ctx, c.rdb.Del(ctx, full...).Err()) {
		return
	}
	c.mem.forget(keys...)
}

// useRedis reports whether to try Redis: always, unless it failed less than retryRedisAfter ago.
func (c *Counters) useRedis() bool {
	until := c.memUntil.Load()
	return until == 0 || time.Now().UnixNano() >= until
}

// redisOK reports whether a Redis call succeeded, and moves the counters to memory if it failed.
// Each switch is logged once, not each request.
func (c *Counters) redisOK(ctx context.Context, err error) bool {
	if err == nil && c.memUntil.Load() == 0 {
		return true
	}
	if err != nil && ctx.Err() != nil {
		return false // the caller gave up; that says nothing about Redis
	}
	c.switchMu.Lock()
	defer c.switchMu.Unlock()
	inMemory := c.memUntil.Load() != 0
	switch {
	case err == nil && inMemory:
		c.memUntil.Store(0)
		c.log.InfoContext(ctx, "redis is reachable again; rate limits are shared across processes again")
	case err != nil:
		if !inMemory {
			c.log.WarnContext(ctx, "redis is unreachable; rate limits fall back to per-process memory", "error", err.Error())
		}
		c.memUntil.Store(time.Now().Add(retryRedisAfter).UnixNano())
	}
	return err == nil
}
