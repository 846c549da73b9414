// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe, emptyReference, referral } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };
const REFERRAL = '0b7c2c1e-0000-4000-8000-0000000000aa';
const OTHER = '0b7c2c1e-0000-4000-8000-0000000000bb';

const hit = (cleared: boolean) => ({
  id: '0b7c2c1e-0000-4000-8000-0000000000c1',
  entry_id: '0b7c2c1e-0000-4000-8000-0000000000c2',
  entry_name: 'Lakeview Properties',
  entry_role: 'former_client',
  party_name: 'Lakeview Property Management LLC',
  party_role: 'adverse',
  level: 'potential',
  reason: 'similar name',
  cleared,
});
const check = (cleared: boolean) => ({
  referral_id: REFERRAL,
  firm_id: coordinatorMe.organization.id,
  result: cleared ? 'cleared' : 'potential',
  checked_at: '2026-12-01T09:00:00Z',
  hits: [hit(cleared)],
});

describe('what the firm sees follows its conflict checks without a reload', () => {
  it('shows the referral once its last potential hit is cleared', async () => {
    let cleared = false;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        [`GET /referrals/${REFERRAL}`]: () => (cleared ? json(200, referral(REFERRAL)) : problem(404, 'Referral not found.')),
        [`GET /referrals/${REFERRAL}/conflict-check`]: () => json(200, check(cleared)),
        [`POST /referrals/${REFERRAL}/conflict-check/hits/${hit(false).id}/clear`]: () => {
          cleared = true;
          return json(200, check(true));
        },
      }),
    );
    renderApp(`/referrals/${REFERRAL}`);
    expect(await screen.findByText(/Your firm cannot see this referral’s details/)).toBeTruthy();

    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Reason for clearing Lakeview Properties'), 'Different company, checked the registry file.');
    await user.click(screen.getByRole('button', { name: 'Clear' }));

    expect(await screen.findByText(/Tenant facing eviction/)).toBeTruthy();
    expect(screen.queryByText(/Your firm cannot see this referral’s details/)).toBeNull();
  });

  it('drops a referral from the list after an import conflicts the firm off it', async () => {
    let imported = false;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /referrals': () => json(200, { items: imported ? [referral(OTHER)] : [referral(REFERRAL), referral(OTHER)] }),
        'GET /conflicts/entries': () => json(200, { items: [], total: imported ? 1 : 0 }),
        'POST /conflicts/imports': () => {
          imported = true;
          return json(200, { mode: 'partial', committed: true, accepted: 1, rejected: 0, errors: [], errors_truncated: false });
        },
      }),
    );
    renderApp('/referrals');
    const user = userEvent.setup();
    expect(await screen.findByText(/\(00aa\)/)).toBeTruthy();

    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    await user.click(nav.getByRole('link', { name: 'Conflicts' }));
    const file = new File(['name,type,role,aliases,matter_ref\nLakeview Property Management LLC,organization,client,,\n'], 'registry.csv', { type: 'text/csv' });
    await user.upload(await screen.findByLabelText('CSV file'), file);
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText(/1 entry was added to the registry/)).toBeTruthy();

    await user.click(nav.getByRole('link', { name: 'Referrals' }));
    expect(await screen.findByText(/\(00bb\)/)).toBeTruthy();
    await vi.waitFor(() => expect(screen.queryByText(/\(00aa\)/)).toBeNull());
  });

  it('follows the re-check an import starts until it is done', async () => {
    const IMPORT = '0b7c2c1e-0000-4000-8000-0000000000d1';
    const progress = [
      { id: IMPORT, status: 'checking', checked: 1, to_check: 2 },
      { id: IMPORT, status: 'done', checked: 2, to_check: 2 },
    ];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/entries': () => json(200, { items: [], total: 0 }),
        'POST /conflicts/imports': () =>
          json(200, {
            mode: 'partial',
            committed: true,
            accepted: 1,
            rejected: 0,
            errors: [],
            errors_truncated: false,
            recheck: { id: IMPORT, status: 'queued', checked: 0, to_check: 0 },
          }),
        [`GET /conflicts/imports/${IMPORT}`]: () => json(200, progress.length > 1 ? progress.shift() : progress[0]),
      }),
    );
    renderApp('/conflicts');
    const user = userEvent.setup();
    const file = new File(['name,type,role,aliases,matter_ref\nQuinton Ashby,person,adverse,,\n'], 'registry.csv', { type: 'text/csv' });
    await user.upload(await screen.findByLabelText('CSV file'), file);
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText(/Re-checking open referrals/)).toBeTruthy();
    expect(await screen.findByText(/1 of 2 checked/, undefined, { timeout: 5000 })).toBeTruthy();
    expect(await screen.findByText(/Re-check done: 2 open referrals/, undefined, { timeout: 5000 })).toBeTruthy();
  });
});
