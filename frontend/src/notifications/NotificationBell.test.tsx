// @vitest-environment jsdom
import { focusManager } from '@tanstack/react-query';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe } from '../test/fixtures';
import { fakeApi, json, renderApp } from '../test/renderApp';
import { UNREAD_POLL_MS } from './useNotifications';

afterEach(() => {
  vi.useRealTimers();
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = {
  'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, coordinatorMe),
};

const notification = (id: string, title: string, read = false) => ({
  id,
  event_type: 'conflict_to_clear',
  title,
  link: `/referrals/${id}`,
  created_at: '2026-12-02T09:30:00Z',
  ...(read ? { read_at: '2026-12-02T10:00:00Z' } : {}),
});

describe('the notification bell', () => {
  it('shows the unread count and follows it without a reload', async () => {
    let unread = 2;
    vi.stubGlobal('fetch', fakeApi({ ...signedIn, 'GET /notifications/unread-count': () => json(200, { count: unread }) }));
    renderApp('/profile');
    await screen.findByRole('button', { name: 'Notifications, 2 unread' });

    // Something happens elsewhere; coming back to the window asks again.
    unread = 5;
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    const bell = await screen.findByRole('button', { name: 'Notifications, 5 unread' });
    expect(bell.textContent).toBe('5');
    focusManager.setFocused(undefined);
  });

  it('asks for the count again every poll interval', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let unread = 1;
    vi.stubGlobal('fetch', fakeApi({ ...signedIn, 'GET /notifications/unread-count': () => json(200, { count: unread }) }));
    renderApp('/profile');
    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    unread = 7;
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS));
    await screen.findByRole('button', { name: 'Notifications, 7 unread' });
  });

  it('lists the latest notifications, marks one read when opened and all read on request', async () => {
    let unread = 2;
    const posted: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /notifications/unread-count': () => json(200, { count: unread }),
        'GET /notifications': () =>
          json(200, {
            items: [
              notification('a1', 'A potential conflict to clear: a referral in Housing, Illinois'),
              notification('b2', 'A new referral in Family, Illinois'),
              notification('c3', 'Your registry import has finished: 4 entries added, 0 rejected', true),
            ],
          }),
        'POST /notifications/a1/read': (request) => {
          posted.push(new URL(request.url).pathname);
          unread = 1;
          return new Response(null, { status: 204 });
        },
        'POST /notifications/read-all': (request) => {
          posted.push(new URL(request.url).pathname);
          unread = 0;
          return new Response(null, { status: 204 });
        },
        'GET /referrals/a1': () => json(404, { type: 'about:blank', title: 'Not found', status: 404, detail: 'Referral not found.' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/profile');
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    const panel = within(await screen.findByRole('region', { name: 'Latest notifications' }));
    const links = await panel.findAllByRole('link', { name: /Housing|Family|import/ });
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/referrals/a1', '/referrals/b2', '/referrals/c3']);
    expect(links[0].textContent).toContain('Unread: ');
    expect(links[2].textContent).not.toContain('Unread');

    await user.click(links[0]);
    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(screen.queryByRole('region', { name: 'Latest notifications' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Notifications, 1 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Mark all read' }));
    await screen.findByRole('button', { name: 'Notifications, 0 unread' });
    expect(posted).toEqual(['/api/v1/notifications/a1/read', '/api/v1/notifications/read-all']);
  });
});
