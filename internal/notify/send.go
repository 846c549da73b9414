package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/store"
)

// ErrBusy is returned while another run is sending the same email: try again later, when it will
// have been sent or its claim will have lapsed.
var ErrBusy = errors.New("notify: another run is sending this email")

// deliveryLease is how long a run may take to send one email before another may try it: longer
// than any mail server takes to answer, short enough that a worker that died mid-send delays the
// email by minutes only.
const deliveryLease = 2 * time.Minute

// dueBatch bounds how many emails one SendDue or SendAllDue run sends.
const dueBatch = 500

func (s *Service) Deliver(ctx context.Context, eventID, userID uuid.UUID, compose func(context.Context) (Email, error)) error {
	claim, err := s.db.ClaimDelivery(ctx, eventID, userID, deliveryLease)
	switch {
	case err != nil:
		return err
	case claim == store.AlreadySent:
		return nil
	case claim == store.GaveUp:
		s.log.WarnContext(ctx, "email not sent: it failed too often", "event_id", eventID, "user_id", userID)
		return nil
	case claim == store.Busy:
		return ErrBusy
	}
	e, err := compose(ctx)
	if err == nil {
		err = s.mailer.Send(ctx, e)
	}
	// Recorded even when ctx has ended (a worker shutting down): an email the server accepted is
	// marked sent, so the retry does not send it again.
	if ferr := s.db.FinishDelivery(context.WithoutCancel(ctx), eventID, userID, err); ferr != nil {
		return errors.Join(err, ferr)
	}
	return err
}

func (s *Service) SendDue(ctx context.Context, eventID uuid.UUID) error {
	return s.sendDue(ctx, &eventID, true)
}

func (s *Service) SendAllDue(ctx context.Context) error {
	return s.sendDue(ctx, nil, false)
}

// sendDue sends the due emails of an event, or of all; busy tells whether an email another run is
// sending is an error (for a handler, which then retries) or not (for a sweep, which comes again).
func (s *Service) sendDue(ctx context.Context, eventID *uuid.UUID, busy bool) error {
	due, err := s.db.DueEmails(ctx, eventID, dueBatch)
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range due {
		err := s.Deliver(ctx, d.EventID, d.UserID, func(context.Context) (Email, error) { return s.eventEmail(d) })
		if err != nil && (busy || !errors.Is(err, ErrBusy)) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (s *Service) SendDigests(ctx context.Context, period Delivery) error {
	if period != Daily && period != Weekly {
		return fmt.Errorf("notify: no %q digest", period)
	}
	users, err := s.db.DigestUsers(ctx, string(period))
	if err != nil {
		return err
	}
	var errs []error
	for _, u := range users {
		errs = append(errs, s.sendDigest(ctx, u, period))
	}
	return errors.Join(errs...)
}

// sendDigest gives the user's waiting notifications to a new digest, then sends every digest of
// theirs not sent yet: this one, and any an earlier run could not send.
func (s *Service) sendDigest(ctx context.Context, userID uuid.UUID, period Delivery) error {
	if _, err := s.db.QueueDigest(ctx, userID, string(period), uuid.Must(uuid.NewV7())); err != nil {
		return err
	}
	digests, err := s.db.UnsentDigests(ctx, userID)
	if err != nil {
		return err
	}
	var errs []error
	for _, id := range digests {
		err := s.Deliver(ctx, id, userID, func(ctx context.Context) (Email, error) { return s.digestEmail(ctx, userID, id) })
		if !errors.Is(err, ErrBusy) { // another run is sending it
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

var (
	notificationTemplate = mustTemplate("notification")
	digestTemplate       = mustTemplate("digest")
)

// notice is what a notification's email says: the event's title and the app's link to it.
type notice struct {
	Name, Title, Link, Preferences string
}

// digest is what a digest email lists.
type digest struct {
	Name, Preferences string
	Items             []digestItem
}

type digestItem struct{ Title, Link, When string }

// emailID names the email of an event (or digest) to a user, for its Message-ID.
func emailID(eventID, userID uuid.UUID) string { return eventID.String() + "." + userID.String() }

func (s *Service) preferencesURL() string { return s.baseURL + "/notifications/preferences" }

// eventEmail is the email of one notification: what happened and the link to it, nothing more.
func (s *Service) eventEmail(d store.DueEmail) (Email, error) {
	return notificationTemplate.compose(emailID(d.EventID, d.UserID), d.Email,
		notice{Name: d.Name, Title: d.Title, Link: s.baseURL + d.Link, Preferences: s.preferencesURL()})
}

// digestEmail lists a digest's notifications, oldest first, each with its link.
func (s *Service) digestEmail(ctx context.Context, userID, digestID uuid.UUID) (Email, error) {
	to, err := s.db.RecipientOf(ctx, userID)
	if err != nil {
		return Email{}, err
	}
	ns, err := s.db.DigestNotifications(ctx, digestID)
	if err != nil {
		return Email{}, err
	}
	v := digest{Name: to.Name, Preferences: s.preferencesURL(), Items: make([]digestItem, len(ns))}
	for i, n := range ns {
		v.Items[i] = digestItem{Title: n.Title, Link: s.baseURL + n.Link, When: n.CreatedAt.UTC().Format("Mon 2 Jan 2006, 15:04 UTC")}
	}
	return digestTemplate.compose(emailID(digestID, userID), to.Email, v)
}
