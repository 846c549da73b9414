-- In-app notifications, each user's choice of how to hear about each kind of event, and the record
-- of every email sent for an event, so that a retried task never sends the same email twice.
-- Event types are not constrained here: the registry in internal/notify lists them, and a new one
-- needs no migration.

-- +goose Up
-- One row per event and recipient. The title and link say what happened and where to look
-- ("a referral in Housing, Illinois"); they never hold a client's or any other person's details,
-- which the app shows only to those allowed to see them. digest is the period whose digest email
-- is to list the notification, and digest_id the digest email that took it.
CREATE TABLE notifications (
    id         uuid PRIMARY KEY,
    event_id   uuid NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id     uuid NOT NULL REFERENCES organizations (id),
    event_type text NOT NULL,
    title      text NOT NULL,
    link       text NOT NULL,
    params     jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    digest     text CHECK (digest IN ('daily', 'weekly')),
    digest_id  uuid,
    UNIQUE (event_id, user_id)
);
-- The bell's list, newest first, and its unread count.
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;
-- What the next digests are to list.
CREATE INDEX notifications_digest_queue_idx ON notifications (digest, user_id) WHERE digest IS NOT NULL AND digest_id IS NULL;

-- A user's choice for one event type; without a row the event type's default applies.
CREATE TABLE notification_preferences (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_type text NOT NULL,
    delivery   text NOT NULL CHECK (delivery IN ('immediate', 'daily', 'weekly', 'off')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, event_type)
);

-- One row per message to send: an event's email to a recipient, or a digest (event_id is then the
-- digest's id). user_id is NULL for an address without an account (an invitation), of which an event
-- has one. A sender claims a row until claimed_until, so two runs of one task never send together.
CREATE TABLE notification_deliveries (
    event_id      uuid NOT NULL,
    user_id       uuid REFERENCES users (id) ON DELETE CASCADE,
    channel       text NOT NULL CHECK (channel IN ('email', 'in_app')),
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text NOT NULL DEFAULT '',
    claimed_until timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz,
    CONSTRAINT notification_deliveries_key UNIQUE NULLS NOT DISTINCT (event_id, user_id, channel)
);
-- Messages still to send, for the sweep that retries them.
CREATE INDEX notification_deliveries_unsent_idx ON notification_deliveries (created_at) WHERE status <> 'sent';

-- +goose Down
DROP TABLE notification_deliveries;
DROP TABLE notification_preferences;
DROP TABLE notifications;
