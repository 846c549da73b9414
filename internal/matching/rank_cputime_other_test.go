//go:build !linux

package matching

import "time"

// threadCPUTime is unknown here: BenchmarkRank then reports wall time only.
func threadCPUTime() time.Duration { return 0 }
