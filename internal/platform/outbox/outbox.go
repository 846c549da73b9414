// Package outbox defines the event that a transaction records when something happens, for a job to
// act on later: exactly once, even when the job queue loses its data.
package outbox

import (
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
)

// Channel is the Postgres notification channel on which committed events wake the relays.
const Channel = "outbox_events"

// Event is one thing that happened. Its Type ("domain:action") is also the type of the job that
// handles it; Payload holds ids only, never client facts, names, emails or tokens, because it is
// copied to the job queue.
type Event struct {
	ID        uuid.UUID
	Type      string
	Aggregate string
	Payload   json.RawMessage
}

// New builds an event about aggregate (e.g. "referral/<id>") with payload encoded as JSON.
func New(eventType, aggregate string, payload any) (Event, error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return Event{}, fmt.Errorf("encoding %s event: %w", eventType, err)
	}
	return Event{ID: uuid.New(), Type: eventType, Aggregate: aggregate, Payload: body}, nil
}
