package ratelimit

import (
	"fmt"
	"net"
	"time"

	"github.com/probono-match/probono/internal/platform/problem"
)

// AddressKey is the client address a request is counted against: an IPv6 client by its /64, the
// block one subscriber is given, so an attacker cannot step through their own addresses.
func AddressKey(clientIP string) string {
	ip := net.ParseIP(clientIP)
	if ip == nil || ip.To4() != nil {
		return clientIP
	}
	return ip.Mask(net.CIDRMask(64, 128)).String()
}

// TooMany is the RateLimited error for a client blocked for wait, or nil if wait is 0; what says
// what there were too many of ("Too many failed sign-in attempts.").
func TooMany(wait time.Duration, what string) error {
	if wait <= 0 {
		return nil
	}
	secs := int((wait + time.Second - 1) / time.Second)
	when := fmt.Sprintf("%d seconds", secs)
	switch {
	case secs == 1:
		when = "1 second"
	case secs > 90:
		when = fmt.Sprintf("%d minutes", (secs+59)/60)
	}
	e := problem.New(problem.RateLimited, "%s Try again in %s.", what, when)
	e.RetryAfterSeconds = secs
	return e
}
