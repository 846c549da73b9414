package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/probono-match/probono/internal/notify"
)

// notifyUser is the caller as the notification service knows them.
func notifyUser(c echo.Context) notify.User {
	p := principal(c)
	return notify.User{ID: p.UserID, OrgKind: string(p.OrgKind), Role: string(p.Role)}
}

func toAPINotification(n notify.Notification) Notification {
	return Notification{Id: n.ID, EventType: NotificationEventType(n.Type), Title: n.Title, Link: n.Link, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
}

func toAPIPreferences(ps []notify.Preference) NotificationPreferences {
	out := NotificationPreferences{Items: make([]NotificationPreference, len(ps))}
	for i, p := range ps {
		out.Items[i] = NotificationPreference{EventType: NotificationEventType(p.Type), Label: p.Label, Description: p.Description,
			Delivery: NotificationDelivery(p.Delivery), DefaultDelivery: NotificationDelivery(p.Default), Security: p.Security}
	}
	return out
}

func (h *Handlers) ListNotifications(c echo.Context, params ListNotificationsParams) error {
	list, next, err := h.Notifications.List(c.Request().Context(), notifyUser(c), notify.ListFilter{
		UnreadOnly: deref(params.Unread), Cursor: deref(params.Cursor), Limit: deref(params.Limit),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": mapSlice(list, toAPINotification), "next_cursor": nonZero(next)})
}

func (h *Handlers) CountUnreadNotifications(c echo.Context) error {
	n, err := h.Notifications.UnreadCount(c.Request().Context(), notifyUser(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"count": n})
}

func (h *Handlers) MarkNotificationRead(c echo.Context, notificationID openapi_types.UUID) error {
	if err := h.Notifications.MarkRead(c.Request().Context(), notifyUser(c), notificationID); err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) MarkAllNotificationsRead(c echo.Context) error {
	if err := h.Notifications.MarkAllRead(c.Request().Context(), notifyUser(c)); err != nil {
		return err
	}
	return noContent(c)
}

func (h *Handlers) GetNotificationPreferences(c echo.Context) error {
	ps, err := h.Notifications.Preferences(c.Request().Context(), notifyUser(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIPreferences(ps))
}

func (h *Handlers) SetNotificationPreferences(c echo.Context) error {
	var req SetNotificationPreferencesJSONRequestBody
	if err := decode(c, &req); err != nil {
		return err
	}
	changes := make([]notify.PreferenceChange, len(req.Items))
	for i, it := range req.Items {
		changes[i] = notify.PreferenceChange{Type: notify.EventType(it.EventType), Delivery: notify.Delivery(it.Delivery)}
	}
	ps, err := h.Notifications.SetPreferences(c.Request().Context(), notifyUser(c), changes)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIPreferences(ps))
}
