// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, emptyReference } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };
const REFERRAL = '0b7c2c1e-0000-4000-8000-0000000000aa';
const OTHER = '0b7c2c1e-0000-4000-8000-0000000000bb';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

const pendingItem = (n: number, overrides: Record<string, unknown> = {}) => ({
  hit_id: `0b7c2c1e-0000-4000-8000-0000000000c${n}`,
  referral_id: REFERRAL,
  practice_area: 'housing',
  urgency: 'urgent',
  deadline: '2026-12-24',
  found_at: hoursAgo(72),
  entry_id: `0b7c2c1e-0000-4000-8000-0000000000d${n}`,
  entry_name: `Lakeview Properties ${n}`,
  entry_role: 'former_client',
  party_role: 'adverse',
  match: 'similar',
  reason: 'names one letter apart; the referral’s adverse party matches the firm’s former client',
  awaiting_answer: false,
  ...overrides,
});

/** The queue's answers: the whole of items in pages of two, and its count for a page of one. */
function queue(items: () => ReturnType<typeof pendingItem>[]) {
  return (request: Request) => {
    const params = new URL(request.url).searchParams;
    const all = items();
    const start = Number(params.get('cursor') ?? 0);
    const limit = Math.min(Number(params.get('limit') ?? 50), 2);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return json(200, { items: all.slice(start, start + limit), total: all.length, next_cursor: next });
  };
}

describe('the coordinator’s To clear page', () => {
  it('lists the potential conflicts waiting, oldest first, with their count in the navigation', async () => {
    const items = [
      pendingItem(1),
      pendingItem(2, { party_role: 'client', entry_role: 'adverse', reason: 'a similar name; the referral’s client party matches the firm’s adverse party', awaiting_answer: true, found_at: hoursAgo(5) }),
      pendingItem(3, { referral_id: OTHER, urgency: 'routine', deadline: undefined, found_at: hoursAgo(0) }),
    ];
    vi.stubGlobal('fetch', fakeApi({ ...signedIn, ...emptyReference, 'GET /me': () => json(200, coordinatorMe), 'GET /conflicts/pending': queue(() => items) }));
    renderApp('/to-clear');

    expect(await screen.findByRole('heading', { level: 1, name: 'To clear' })).toBeTruthy();
    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    expect((await nav.findByRole('link', { name: 'To clear 3 waiting' })).getAttribute('aria-current')).toBe('page');
    const list = within(await screen.findByRole('region', { name: 'Potential conflicts to clear' }));
    expect(list.getByRole('status').textContent).toBe('3 potential conflicts are waiting.');

    const first = within(list.getByRole('row', { name: /Lakeview Properties 1/ }));
    expect(first.getByRole('rowheader').textContent).toBe('Lakeview Properties 1 · Former client');
    expect(first.getByText('Adverse party · Similar name')).toBeTruthy();
    expect(first.getByText('Urgent')).toBeTruthy();
    expect(first.getByText('Dec 24, 2026')).toBeTruthy();
    expect(first.getByText('3 days')).toBeTruthy();
    expect(first.getByRole('link', { name: 'Review and clear' }).getAttribute('href')).toBe(`/referrals/${REFERRAL}`);

    const onClient = within(list.getByRole('row', { name: /Lakeview Properties 2/ }));
    expect(onClient.getByText('Client · Similar name')).toBeTruthy();
    expect(onClient.getByText(/Waiting for the referring organisation to answer/)).toBeTruthy();
    expect(onClient.getByText('5 hours')).toBeTruthy();

    // The third is on the next page.
    expect(list.queryByRole('row', { name: /Lakeview Properties 3/ })).toBeNull();
    await userEvent.setup().click(list.getByRole('button', { name: 'Load more' }));
    const third = within(await list.findByRole('row', { name: /Lakeview Properties 3/ }));
    expect(third.getByText('No deadline')).toBeTruthy();
    expect(third.getByText('just now')).toBeTruthy();
    expect(third.getByRole('link', { name: 'Review and clear' }).getAttribute('href')).toBe(`/referrals/${OTHER}`);
    expect(list.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('drops a hit cleared on its referral’s page from the list and the count', async () => {
    let cleared = false;
    const items = () => (cleared ? [pendingItem(2, { referral_id: OTHER })] : [pendingItem(1), pendingItem(2, { referral_id: OTHER })]);
    const hit = {
      id: pendingItem(1).hit_id,
      entry_id: pendingItem(1).entry_id,
      entry_name: 'Lakeview Properties 1',
      entry_role: 'former_client',
      party_name: 'Lakeview Property Management LLC',
      party_role: 'adverse',
      party_withheld: false,
      level: 'potential',
      match: 'similar',
      reason: 'similar name',
      cleared,
    };
    const check = () => ({
      referral_id: REFERRAL,
      firm_id: coordinatorMe.organization.id,
      result: cleared ? 'cleared' : 'potential',
      checked_at: '2026-12-01T09:00:00Z',
      hits: [{ ...hit, cleared }],
    });
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/pending': queue(items),
        [`GET /referrals/${REFERRAL}`]: () => problem(404, 'Referral not found.'),
        [`GET /referrals/${REFERRAL}/conflict-check`]: () => json(200, check()),
        [`POST /referrals/${REFERRAL}/conflict-check/hits/${hit.id}/clear`]: () => {
          cleared = true;
          return json(200, check());
        },
      }),
    );
    renderApp('/to-clear');
    const user = userEvent.setup();
    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
    expect(await nav.findByRole('link', { name: 'To clear 2 waiting' })).toBeTruthy();

    const row = await screen.findByRole('row', { name: /Lakeview Properties 1/ });
    await user.click(within(row).getByRole('link', { name: 'Review and clear' }));
    await user.type(await screen.findByLabelText('Reason for clearing Lakeview Properties 1'), 'A different company: checked the state filings.');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText(/Cleared: every potential conflict was cleared/)).toBeTruthy();
    expect(await nav.findByRole('link', { name: 'To clear 1 waiting' })).toBeTruthy();

    await user.click(nav.getByRole('link', { name: /To clear/ }));
    expect(await screen.findByText('1 potential conflict is waiting.')).toBeTruthy();
    expect(screen.queryByRole('row', { name: /Lakeview Properties 1/ })).toBeNull();
    expect(screen.getByRole('row', { name: /Lakeview Properties 2/ })).toBeTruthy();
  });
});

describe('the home page', () => {
  it('tells a coordinator how many potential conflicts wait', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({ ...signedIn, 'GET /me': () => json(200, coordinatorMe), 'GET /conflicts/pending': queue(() => [pendingItem(1), pendingItem(2)]) }),
    );
    renderApp('/');
    const actions = within(await screen.findByRole('region', { name: 'What you can do here' }));
    expect((await actions.findByText(/2 potential conflicts are waiting for you to clear them/)).closest('li')?.querySelector('a')?.getAttribute('href')).toBe('/to-clear');
  });

  it('shows an attorney no queue and never asks for it', async () => {
    const fetch = fakeApi({ ...signedIn, 'GET /me': () => json(200, attorneyMe) });
    const calls: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Priya' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /To clear/ })).toBeNull();
    expect(calls.filter((url) => url.includes('/conflicts/pending'))).toEqual([]);
  });
});
