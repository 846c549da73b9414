// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { staffMe } from '../test/fixtures';
import { fakeApi, json, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const item = (id: string, read: boolean) => ({
  id,
  event_type: 'referral_status_changed',
  title: `Your referral in Housing, Illinois is now accepted (${id})`,
  link: `/referrals/${id}`,
  created_at: '2026-12-02T09:30:00Z',
  ...(read ? { read_at: '2026-12-02T10:00:00Z' } : {}),
});

describe('NotificationsPage', () => {
  it('lists every notification page by page, or only the unread ones', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
        'GET /me': () => json(200, staffMe),
        'GET /notifications/unread-count': () => json(200, { count: 1 }),
        'GET /notifications': (request) => {
          const query = new URL(request.url).searchParams;
          asked.push(query.toString());
          if (query.get('unread') === 'true') return json(200, { items: [item('n1', false)] });
          if (query.get('cursor') === 'next') return json(200, { items: [item('n3', true)] });
          return json(200, { items: [item('n1', false), item('n2', true)], next_cursor: 'next' });
        },
      }),
    );
    const user = userEvent.setup();
    renderApp('/notifications');
    const list = () => within(screen.getByRole('region', { name: 'Notification list' }));
    await screen.findByRole('region', { name: 'Notification list' });
    expect(list().getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/referrals/n1', '/referrals/n2']);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await list().findByRole('link', { name: /n3/ });
    expect(list().getAllByRole('link')).toHaveLength(3);

    await user.click(screen.getByRole('checkbox', { name: 'Only unread' }));
    await screen.findByRole('region', { name: 'Notification list' });
    await vi.waitFor(() => expect(list().getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/referrals/n1']));
    expect(asked.some((q) => q.includes('unread=true'))).toBe(true);
  });
});
