package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/google/uuid"

	"github.com/probono-match/probono/internal/platform/cursor"
	"github.com/probono-match/probono/internal/platform/problem"
	"github.com/probono-match/probono/internal/store"
)

// Service keeps users' notifications and preferences and sends their emails. It is both the Inbox
// and the Notifier.
type Service struct {
	db      Store
	mailer  Mailer
	baseURL string
	log     *slog.Logger
}

var (
	_ Inbox    = (*Service)(nil)
	_ Notifier = (*Service)(nil)
)

// NewService returns the notification service; emails link to the app at baseURL.
func NewService(db Store, mailer Mailer, baseURL string, log *slog.Logger) *Service {
	return &Service{db: db, mailer: mailer, baseURL: strings.TrimSuffix(baseURL, "/"), log: log}
}

// listSort names the one order of the list in its cursors.
const listSort = "created"

func (s *Service) List(ctx context.Context, u User, f ListFilter) ([]Notification, string, error) {
	if f.Limit <= 0 {
		f.Limit = 25
	}
	filter := store.NotificationFilter{UserID: u.ID, UnreadOnly: f.UnreadOnly, Limit: f.Limit + 1}
	if f.Cursor != "" {
		after, err := cursor.Decode(f.Cursor, listSort, store.NotificationSortKeys)
		if err != nil {
			return nil, "", err
		}
		filter.After = after
	}
	rows, keys, err := s.db.ListNotifications(ctx, filter)
	if errors.Is(err, store.ErrBadPosition) {
		return nil, "", cursor.ErrInvalid
	}
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) > f.Limit {
		rows = rows[:f.Limit]
		next = cursor.Encode(listSort, keys[f.Limit-1])
	}
	out := make([]Notification, len(rows))
	for i, n := range rows {
		out[i] = Notification{ID: n.ID, Type: EventType(n.EventType), Title: n.Title, Link: n.Link, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
	}
	return out, next, nil
}

func (s *Service) UnreadCount(ctx context.Context, u User) (int, error) {
	return s.db.CountUnreadNotifications(ctx, u.ID)
}

func (s *Service) MarkRead(ctx context.Context, u User, id uuid.UUID) error {
	return s.db.MarkNotificationRead(ctx, u.ID, id)
}

func (s *Service) MarkAllRead(ctx context.Context, u User) error {
	return s.db.MarkAllNotificationsRead(ctx, u.ID)
}

func (s *Service) Preferences(ctx context.Context, u User) ([]Preference, error) {
	chosen, err := s.db.NotificationPreferences(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var out []Preference
	for _, e := range registry {
		if e.For == nil || !e.For(u) {
			continue
		}
		d := e.Default
		if c := Delivery(chosen[string(e.Type)]); c.Valid() && !e.Security {
			d = c
		}
		out = append(out, Preference{Type: e.Type, Label: e.Label, Description: e.Description, Delivery: d, Default: e.Default, Security: e.Security})
	}
	return out, nil
}

func (s *Service) SetPreferences(ctx context.Context, u User, changes []PreferenceChange) ([]Preference, error) {
	var faults []problem.FieldError
	set := make(map[string]string, len(changes))
	seen := make(map[EventType]bool, len(changes))
	for i, c := range changes {
		at := fmt.Sprintf("items[%d]", i)
		e, ok := specs[c.Type]
		switch {
		case !ok || e.For == nil || !e.For(u):
			faults = append(faults, problem.Field(at+".event_type", "is not an event you are notified of"))
		case seen[c.Type]:
			faults = append(faults, problem.Field(at+".event_type", "is listed twice"))
		case !c.Delivery.Valid():
			faults = append(faults, problem.Field(at+".delivery", "must be immediate, daily, weekly or off"))
		case e.Security && c.Delivery != Immediate:
			faults = append(faults, problem.Field(at+".delivery", "cannot be changed: a security email is always sent at once"))
		}
		seen[c.Type] = true
		if !e.Security {
			set[string(c.Type)] = string(c.Delivery) // a security email's, always immediate, is not stored
		}
	}
	if len(faults) > 0 {
		return nil, problem.Validation(faults...)
	}
	if len(set) > 0 {
		if err := s.db.SetNotificationPreferences(ctx, u.ID, set); err != nil {
			return nil, err
		}
	}
	return s.Preferences(ctx, u)
}

func (s *Service) Notify(ctx context.Context, tx Tx, e Event) error {
	sp, ok := specs[e.Type]
	if !ok {
		return fmt.Errorf("notify: unknown event type %q", e.Type)
	}
	if !sp.InApp {
		return fmt.Errorf("notify: %s emails are composed by their handler and sent with Deliver", e.Type)
	}
	if len(e.To) == 0 {
		return nil
	}
	title, link, err := sp.render(e.Params)
	if err != nil {
		return err
	}
	return tx.RecordNotification(ctx, store.NewNotification{
		EventID: e.ID, EventType: string(e.Type), Recipients: e.To, Title: title, Link: link, Params: e.Params,
		InApp: true, Delivery: string(sp.Default), Security: sp.Security,
	})
}

func (s *Service) Coordinators(ctx context.Context, tx Tx, firmIDs ...uuid.UUID) ([]uuid.UUID, error) {
	return tx.ActiveMembers(ctx, firmIDs, []string{roleCoordinator, roleOrgAdmin})
}

func (s *Service) Staff(ctx context.Context, tx Tx, orgIDs ...uuid.UUID) ([]uuid.UUID, error) {
	return tx.ActiveMembers(ctx, orgIDs, []string{roleStaff, roleOrgAdmin})
}
