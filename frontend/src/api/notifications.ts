import { api } from './client';
import { expectOk, unwrap } from './problem';
import type { Notification, NotificationPreference, NotificationPreferenceChange } from './types';

export interface NotificationPage {
  items: Notification[];
  next_cursor?: string;
}

export const listNotifications = (unread: boolean, cursor?: string, limit = 25): Promise<NotificationPage> =>
  unwrap(api.GET('/notifications', { params: { query: { unread: unread || undefined, cursor, limit } } }));

export const countUnreadNotifications = async (): Promise<number> =>
  (await unwrap(api.GET('/notifications/unread-count'))).count;

export const markNotificationRead = (notificationId: string): Promise<void> =>
  expectOk(api.POST('/notifications/{notificationId}/read', { params: { path: { notificationId } } }));

export const markAllNotificationsRead = (): Promise<void> => expectOk(api.POST('/notifications/read-all'));

export const getNotificationPreferences = async (): Promise<NotificationPreference[]> =>
  (await unwrap(api.GET('/me/notification-preferences'))).items;

export const setNotificationPreferences = async (items: NotificationPreferenceChange[]): Promise<NotificationPreference[]> =>
  (await unwrap(api.PUT('/me/notification-preferences', { body: { items } }))).items;
