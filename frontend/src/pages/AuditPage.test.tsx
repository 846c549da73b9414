// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import type { AuditEntry } from '../api/types';
import { coordinatorMe } from '../test/fixtures';
import { csvFile, catchDownloads } from '../test/downloads';
import { fakeApi, json, renderApp, signedInAs } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const platformAdminMe = {
  id: '0b7c2c1e-0000-4000-8000-0000000000aa',
  email: 'admin@probono.example',
  name: 'Pat Alvarez',
  role: 'platform_admin',
  organization: { id: '0b7c2c1e-0000-4000-8000-0000000000ab', name: 'Probono Match', kind: 'platform', limited_scope_program: false, active: true, created_at: '2026-01-05T10:00:00Z' },
};

const ATTORNEY = '0b7c2c1e-0000-4000-8000-000000000003';
const entry = (id: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-12-03T15:04:00Z',
  actor_id: coordinatorMe.id,
  actor_name: coordinatorMe.name,
  org_id: coordinatorMe.organization.id,
  org_name: coordinatorMe.organization.name,
  action: 'membership.role_changed',
  object_type: 'membership',
  object_id: ATTORNEY,
  before: { role: 'attorney', active: true },
  after: { role: 'coordinator', active: true },
  request_id: `req-${id}`,
  ip: '203.0.113.7',
  ...overrides,
});

describe('the audit trail', () => {
  it('lists entries with before and after side by side, filters them and loads more by cursor', async () => {
    const asked: URLSearchParams[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'GET /audit': (request) => {
          const query = new URL(request.url).searchParams;
          asked.push(query);
          if (query.get('cursor') === 'c2') return json(200, { items: [entry(7, { action: 'auth.signed_in', before: undefined, after: undefined })] });
          return json(200, { items: [entry(9), entry(8, { action: 'matter.closed', object_type: 'matter', before: { status: 'active' }, after: { status: 'closed', outcome: 'counsel_advice' } })], next_cursor: 'c2' });
        },
      }),
    );
    renderApp('/audit');
    const user = userEvent.setup();

    const list = within(await screen.findByRole('region', { name: 'Audit entries' }));
    const roleChange = within(list.getByRole('row', { name: /Membership role changed/ }));
    const changes = within(roleChange.getByRole('table', { name: 'Changes of entry 9' }));
    const role = within(changes.getByRole('row', { name: /role/ }));
    expect(role.getByText('attorney')).toBeTruthy();
    expect(role.getByText('coordinator')).toBeTruthy();
    expect(roleChange.getByText('from 203.0.113.7')).toBeTruthy();
    expect(list.getByRole('row', { name: /Matter closed/ })).toBeTruthy();
    // Coordinators read their organisation's trail; verifying the whole chain is the platform's.
    expect(screen.queryByRole('button', { name: 'Verify the chain' })).toBeNull();

    await user.click(list.getByRole('button', { name: 'Load more' }));
    expect(await list.findByRole('row', { name: /Signed in/ })).toBeTruthy();
    expect(list.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(asked[1].get('cursor')).toBe('c2');

    const filters = within(screen.getByRole('form', { name: 'Filter the audit trail' }));
    await user.type(filters.getByLabelText(/^Action/), 'matter.closed');
    await user.type(filters.getByLabelText('From'), '2026-12-01');
    await user.type(filters.getByLabelText('To'), '2026-12-03');
    await user.click(filters.getByRole('button', { name: 'Apply filters' }));
    await vi.waitFor(() => expect(asked.at(-1)?.get('action')).toBe('matter.closed'));
    const last = asked.at(-1) as URLSearchParams;
    expect(new Date(last.get('from') ?? '').getDate()).toBe(1);
    // "To" is the whole day: entries before the next day's start.
    expect(new Date(last.get('to') ?? '').getDate()).toBe(4);
    expect(last.get('cursor')).toBeNull();

    // A person's name narrows the list to what they did.
    const rows = within(await screen.findByRole('region', { name: 'Audit entries' }));
    await user.click(rows.getAllByRole('button', { name: 'Only the actions of Dana Whitfield' })[0]);
    await vi.waitFor(() => expect(asked.at(-1)?.get('actor_id')).toBe(coordinatorMe.id));
    expect(asked.at(-1)?.get('action')).toBe('matter.closed');
  }, 30_000);

  it('downloads the filtered trail as CSV with the session’s token', async () => {
    let exported: { authorization: string | null; query: string } | undefined;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'GET /audit': () => json(200, { items: [entry(9)] }),
        'GET /audit/export': (request) => {
          exported = { authorization: request.headers.get('Authorization'), query: new URL(request.url).search };
          return csvFile('id,at,actor_id\n9,2026-12-03T15:04:00Z,x\n', 'audit-2026-12-04.csv');
        },
      }),
    );
    const saved = catchDownloads();
    renderApp('/audit?action=membership.role_changed');
    const user = userEvent.setup();
    await screen.findByRole('region', { name: 'Audit entries' });
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await vi.waitFor(() => expect(saved.names).toEqual(['audit-2026-12-04.csv']));
    expect(exported).toEqual({ authorization: 'Bearer tok-1', query: '?action=membership.role_changed' });
    expect(await saved.firstText()).toContain('9,2026-12-03T15:04:00Z');
  });

  it('lets a platform admin verify the chain and says where it breaks', async () => {
    let broken = false;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(platformAdminMe),
        'GET /audit': () => json(200, { items: [entry(9)] }),
        'GET /audit/verify': () =>
          json(200, broken ? { ok: false, checked: 41, first_broken_id: 42, reason: 'hash_mismatch', detail: 'Row 42 no longer gives its hash.' } : { ok: true, checked: 1250 }),
      }),
    );
    renderApp('/audit');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Verify the chain' }));
    expect(await screen.findByText('The chain is intact: 1,250 entries checked.')).toBeTruthy();
    broken = true;
    await user.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The chain is broken at entry 42: an entry was changed after it was written. 41 entries before it are intact.');
    expect(alert.textContent).toContain('Row 42 no longer gives its hash.');
  });
});
