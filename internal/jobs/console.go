package jobs

import (
	"github.com/hibiken/asynq"
	"github.com/hibiken/asynqmon"
)

// Console is asynqmon, the web console of the queues: their tasks, retries, archived tasks and
// schedules. It serves under rootPath and holds its own Redis connections until closed.
func Console(redis asynq.RedisConnOpt, rootPath string) *asynqmon.HTTPHandler {
	return asynqmon.New(asynqmon.Options{RootPath: rootPath, RedisConnOpt: redis})
}
