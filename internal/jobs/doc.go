// Package jobs is the only package that speaks asynq: task types, their payloads and handlers, and
// the worker that runs them with the periodic scheduler.
package jobs
