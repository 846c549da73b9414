// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, emptyReference } from '../test/fixtures';
import { MATTER, matter, timeEntry } from '../test/hoursFixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const OMAR = '0b7c2c1e-0000-4000-8000-000000000005';
const signedIn = {
  'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, coordinatorMe),
  'GET /notifications/unread-count': () => json(200, { count: 0 }),
  'GET /pending-conflicts': () => json(200, { items: [], total: 0 }),
  ...emptyReference,
  'GET /attorneys': () =>
    json(200, {
      items: [
        { user_id: attorneyMe.id, name: attorneyMe.name, email: attorneyMe.email, version: 1 },
        { user_id: OMAR, name: 'Omar Haddad', email: 'omar@hartwell.example', version: 1 },
      ],
    }),
  'GET /matters': () => json(200, { items: [matter(MATTER)] }),
};

const priya1 = timeEntry({ work_date: '2026-12-01', minutes: 150, status: 'submitted' });
const priya2 = timeEntry({ work_date: '2026-12-02', minutes: 60, status: 'submitted', activity: 'drafting' });
const omar = timeEntry({ attorney_id: OMAR, attorney_name: 'Omar Haddad', work_date: '2026-12-02', minutes: 30, status: 'submitted' });

describe('the coordinator’s approval queue', () => {
  it('filters the entries, approves the chosen ones in one request, and rejects one with a reason', async () => {
    const queries: string[] = [];
    const approved: string[][] = [];
    let rejected: unknown = null;
    let decided = new Set<string>();
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /time-entries': (request) => {
          const query = new URL(request.url).searchParams;
          queries.push(query.toString());
          const all = [priya1, priya2, omar].filter((e) => !decided.has(e.id));
          return json(200, { items: all.filter((e) => !query.get('attorney_id') || e.attorney_id === query.get('attorney_id')) });
        },
        'POST /time-entries/approve': async (request) => {
          const { ids } = (await request.json()) as { ids: string[] };
          approved.push(ids);
          decided = new Set([...decided, ...ids]);
          return json(200, { items: [priya1, priya2, omar].filter((e) => ids.includes(e.id)).map((e) => ({ ...e, status: 'approved' })) });
        },
        'POST /time-entries/reject': async (request) => {
          rejected = await request.json();
          decided = new Set([...decided, omar.id]);
          return json(200, { items: [{ ...omar, status: 'rejected', reject_reason: 'Which hearing?' }] });
        },
      }),
    );
    renderApp('/approvals');
    const user = userEvent.setup();

    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
    expect(nav.getByRole('link', { name: 'Time approvals' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('3 entries shown, 4.0 h.')).toBeTruthy();
    expect(queries[0]).toContain('status=submitted');

    // Only Priya's: the choice is cleared and the list asked again.
    await user.selectOptions(await screen.findByLabelText('Attorney'), attorneyMe.id);
    expect(await screen.findByText('2 entries shown, 3.5 h.')).toBeTruthy();
    expect(queries.at(-1)).toContain(`attorney_id=${attorneyMe.id}`);
    await user.type(screen.getByLabelText('From'), '2026-12-01');
    expect(queries.at(-1)).toContain('from=2026-12-01');

    await user.click(screen.getByRole('checkbox', { name: 'Select all 2 waiting' }));
    expect(screen.getByText('2 entries selected, 3.5 h')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select Priya Raman’s 1.0 h on Dec 2, 2026' }));
    expect(screen.getByText('1 entry selected, 2.5 h')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select Priya Raman’s 1.0 h on Dec 2, 2026' }));
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));
    expect(await screen.findByText('Approved 2 entries (3.5 h).')).toBeTruthy();
    expect(approved).toEqual([[priya1.id, priya2.id]]);

    // Omar's entry, rejected from its row; a reason is required.
    await user.selectOptions(screen.getByLabelText('Attorney'), '');
    await user.click(await screen.findByRole('button', { name: 'Reject Omar Haddad’s 0.5 h on Dec 2, 2026' }));
    const form = within(screen.getByRole('form', { name: 'Reject Omar Haddad’s 0.5 h on Dec 2, 2026' }));
    await user.click(form.getByRole('button', { name: 'Reject Omar Haddad’s 0.5 h on Dec 2, 2026' }));
    expect(form.getByText('Say why, so the attorney can correct it.')).toBeTruthy();
    await user.type(form.getByLabelText('Reason for rejecting'), 'Which hearing?');
    await user.click(form.getByRole('button', { name: 'Reject Omar Haddad’s 0.5 h on Dec 2, 2026' }));
    expect(await screen.findByText('Rejected 1 entry (0.5 h); the attorneys see why.')).toBeTruthy();
    expect(rejected).toEqual({ ids: [omar.id], reason: 'Which hearing?' });
    expect(await screen.findByText('No time entries match these filters.')).toBeTruthy();
  }, 30_000);

  it('says why a bulk decision was refused, entry by entry, and that nothing changed', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /time-entries': () => json(200, { items: [priya1, priya2, omar] }),
        'POST /time-entries/reject': () =>
          problem(409, 'Some of these time entries are no longer waiting for approval; nothing was changed.', [
            { field: 'ids[1]', message: 'is approved, not submitted' },
          ]),
      }),
    );
    renderApp('/approvals');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Select all 3 waiting' }));
    await user.click(screen.getByRole('button', { name: 'Reject selected' }));
    const form = within(screen.getByRole('form', { name: 'Reject 3 entries' }));
    await user.type(form.getByLabelText('Reason for rejecting'), 'Narratives are missing the hearing dates.');
    await user.click(form.getByRole('button', { name: 'Reject 3 entries' }));
    const alert = within(await screen.findByRole('alert'));
    expect(alert.getByText('Some of these time entries are no longer waiting for approval; nothing was changed.')).toBeTruthy();
    expect(alert.getByText('Priya Raman, Dec 2, 2026, 1.0 h: This is approved, not submitted.')).toBeTruthy();
    // The choice stays, to be changed and sent again.
    expect(screen.getByText('3 entries selected, 4.0 h')).toBeTruthy();
  });
});
