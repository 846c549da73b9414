import type { Page } from '@playwright/test';
import { signIn } from './signIn';

// The worker notifies, and the bell (like the Offers inbox) asks again every 20 s (UNREAD_POLL_MS),
// so what a notification announces can take a poll and the worker's latency to show.
export const BELL_WAIT = 45_000;

/** The top bar's notification bell. */
export function bellOf(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: /^Notifications, \d+ unread$/ });
}

/** The unread count the bell's accessible name gives, e.g. "Notifications, 2 unread". */
export async function unreadCount(page: Page): Promise<number> {
  const name = (await bellOf(page).getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(name)?.[1]);
}

/** Signs the account in and returns the bell's unread count as the app first fetched it. */
export async function signInNotingUnread(page: Page, account: Parameters<typeof signIn>[1]): Promise<number> {
  const firstCount = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/unread-count') && r.ok());
  await signIn(page, account);
  const { count } = (await (await firstCount).json()) as { count: number };
  return count;
}
