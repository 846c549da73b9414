-- The transactional outbox: an event is written in the transaction that made it happen, so it
-- exists exactly when the change does. A relay hands committed events to the job queue; the
-- handler marks its event done in the transaction of its own writes. Redis may lose its data: an
-- event not done in time is handed over again.

-- +goose Up
CREATE TABLE outbox_events (
    id          uuid PRIMARY KEY,
    type        text NOT NULL CHECK (type <> ''),
    aggregate   text NOT NULL,
    -- Ids only: never client facts, names, emails or tokens.
    payload     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    enqueued_at timestamptz,
    done_at     timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text
);

-- What the relay claims: not done yet, oldest first.
CREATE INDEX outbox_events_pending ON outbox_events (created_at) WHERE done_at IS NULL;
-- What the purge deletes.
CREATE INDEX outbox_events_done ON outbox_events (done_at) WHERE done_at IS NOT NULL;

-- Wakes the relays when events commit (NOTIFY is delivered at commit, never for a rollback). One
-- notification per statement is enough: a relay claims every waiting event when woken.
-- +goose StatementBegin
CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_events', '');
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify();

-- +goose Down
DROP TRIGGER outbox_events_notify ON outbox_events;
DROP FUNCTION outbox_events_notify();
DROP TABLE outbox_events;
