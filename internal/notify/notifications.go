package notify

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/store"
)

// User is the signed-in user a request is for: auth.Principal's part that notify needs (notify
// cannot import auth, which sends its emails through notify).
type User struct {
	ID uuid.UUID
	// OrgKind and Role are auth.OrgKind and auth.Role: which event types reach the user.
	OrgKind, Role string
}

// The roles whose members events reach, as auth names them.
const (
	roleAttorney    = "attorney"
	roleCoordinator = "coordinator"
	roleOrgAdmin    = "org_admin"
	roleStaff       = "nonprofit_staff"
)

// Notification is one event as its recipient sees it in the app.
//
// Who may do what: a user sees, and marks read, only their own notifications; anyone else's answer
// NotFound. Each user sets their own preferences, for the event types that reach users like them.
type Notification struct {
	ID        uuid.UUID
	Type      EventType
	Title     string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// ListFilter selects a page of the caller's notifications, newest first.
type ListFilter struct {
	UnreadOnly bool
	Cursor     string
	Limit      int
}

// Preference is a user's delivery of one event type.
type Preference struct {
	Type               EventType
	Label, Description string
	Delivery, Default  Delivery
	// Security: always delivered at once; it cannot be changed.
	Security bool
}

// PreferenceChange is one event type's new delivery.
type PreferenceChange struct {
	Type     EventType
	Delivery Delivery
}

// Inbox is what a signed-in user does with their notifications and preferences.
type Inbox interface {
	// List returns one page of the caller's notifications and the cursor of the next page ("" at
	// the end). Returns Invalid for a cursor this list did not return.
	List(ctx context.Context, u User, f ListFilter) ([]Notification, string, error)
	// UnreadCount counts the caller's unread notifications.
	UnreadCount(ctx context.Context, u User) (int, error)
	// MarkRead marks one of the caller's notifications read. Returns NotFound for anyone else's.
	MarkRead(ctx context.Context, u User, id uuid.UUID) error
	// MarkAllRead marks all the caller's notifications read.
	MarkAllRead(ctx context.Context, u User) error
	// Preferences lists the caller's delivery of every event type that reaches users like them.
	Preferences(ctx context.Context, u User) ([]Preference, error)
	// SetPreferences changes the deliveries given and returns them all. Returns Invalid, naming
	// the item, for an event type that does not reach the caller, one listed twice, or a security
	// email turned off or put in a digest.
	SetPreferences(ctx context.Context, u User, changes []PreferenceChange) ([]Preference, error)
}

// Event is one occurrence of an event type, to tell its recipients about.
type Event struct {
	// ID is the outbox event's id: each recipient gets at most one notification and one email of it
	// however often it is handled.
	ID     uuid.UUID
	Type   EventType
	To     []uuid.UUID
	Params Params
}

// Notifier is what event handlers and periodic jobs call.
type Notifier interface {
	// Notify records e in the handler's transaction tx: a notification for each active recipient
	// (InApp types), and the email each one's preference asks for, due now or in a digest. Doing it
	// again for the same event changes nothing. Returns an error for a type that is not InApp or
	// params its title or link lack.
	Notify(ctx context.Context, tx Tx, e Event) error
	// Coordinators lists the active coordinators and org admins of the firms.
	Coordinators(ctx context.Context, tx Tx, firmIDs ...uuid.UUID) ([]uuid.UUID, error)
	// Staff lists the active staff and org admins of the (referring) organisations.
	Staff(ctx context.Context, tx Tx, orgIDs ...uuid.UUID) ([]uuid.UUID, error)
	// SendDue sends an event's emails that are due now and not sent yet, after Notify's
	// transaction committed. Returns an error when one could not be sent (it is tried again by the
	// next SendDue or SendAllDue) or another run is sending it (ErrBusy).
	SendDue(ctx context.Context, eventID uuid.UUID) error
	// SendAllDue is SendDue for every event, for a periodic sweep.
	SendAllDue(ctx context.Context) error
	// Deliver sends the email compose makes, once per event and recipient: userID, or uuid.Nil for
	// an address without an account (an invitation). compose is not called when the email was
	// sent already. Returns ErrBusy while another run is sending it.
	Deliver(ctx context.Context, eventID, userID uuid.UUID, compose func(context.Context) (Email, error)) error
	// SendDigests sends each user with notifications waiting for the period's digest one email
	// listing them all.
	SendDigests(ctx context.Context, period Delivery) error
}

// Tx is what Notify needs of the caller's transaction; the store's transaction provides it.
type Tx interface {
	RecordNotification(ctx context.Context, n store.NewNotification) error
	ActiveMembers(ctx context.Context, orgIDs []uuid.UUID, roles []string) ([]uuid.UUID, error)
}

// Store is what the service needs from the database; *store.Store provides it.
type Store interface {
	ListNotifications(ctx context.Context, f store.NotificationFilter) ([]store.Notification, [][]string, error)
	CountUnreadNotifications(ctx context.Context, userID uuid.UUID) (int, error)
	MarkNotificationRead(ctx context.Context, userID, id uuid.UUID) error
	MarkAllNotificationsRead(ctx context.Context, userID uuid.UUID) error
	NotificationPreferences(ctx context.Context, userID uuid.UUID) (map[string]string, error)
	SetNotificationPreferences(ctx context.Context, userID uuid.UUID, delivery map[string]string) error
	ClaimDelivery(ctx context.Context, eventID, userID uuid.UUID, lease time.Duration) (store.DeliveryClaim, error)
	FinishDelivery(ctx context.Context, eventID, userID uuid.UUID, sendErr error) error
	DueEmails(ctx context.Context, eventID *uuid.UUID, limit int) ([]store.DueEmail, error)
	RecipientOf(ctx context.Context, userID uuid.UUID) (store.Recipient, error)
	QueueDigest(ctx context.Context, userID uuid.UUID, period string, digestID uuid.UUID) (bool, error)
	DigestUsers(ctx context.Context, period string) ([]uuid.UUID, error)
	UnsentDigests(ctx context.Context, userID uuid.UUID) ([]uuid.UUID, error)
	DigestNotifications(ctx context.Context, digestID uuid.UUID) ([]store.Notification, error)
}
