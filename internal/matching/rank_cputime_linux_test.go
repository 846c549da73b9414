package matching

import (
	"syscall"
	"time"
)

// threadCPUTime is the CPU time the calling OS thread has used. On a machine shared with other work,
// a benchmark's wall time includes waiting for a core; this is the time the ranking itself took.
// The caller locks its goroutine to its thread.
func threadCPUTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
