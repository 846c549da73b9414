// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import { emptyReference, referral, staffMe } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const ID = '0b7c2c1e-0000-4000-8000-0000000000aa';
const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };

const own = (version: number, summary: string) =>
  referral(ID, {
    version,
    summary,
    redacted: false,
    eligibility: { household_size: 3, annual_income: 24000, poverty_percent: 87.8, guideline_year: 2026, guideline_region: 'contiguous' },
    client: { name: 'María González' },
    parties: [{ name: 'María González', role: 'client', kind: 'person' }],
  });

describe('two people editing one referral', () => {
  it('tells the second that someone else changed it, keeps nothing of theirs, and reloads the new version', async () => {
    let current = own(1, 'Tenant facing eviction after a rent increase.');
    const ifMatches: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, staffMe),
        [`GET /referrals/${ID}`]: () => json(200, current),
        [`PUT /referrals/${ID}`]: (request) => {
          ifMatches.push(request.headers.get('If-Match'));
          return problem(412, 'Someone else changed this referral after you opened it.');
        },
      }),
    );
    renderApp(`/referrals/${ID}/edit`);
    const summary = await screen.findByLabelText(/^Summary/);
    expect((summary as HTMLTextAreaElement).value).toBe('Tenant facing eviction after a rent increase.');

    // A colleague saves first.
    current = own(2, 'The colleague rewrote the summary of the eviction.');

    const user = userEvent.setup();
    await user.clear(summary);
    await user.type(summary, 'My own rewrite of the summary, on a stale page.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText(/Someone else changed this referral after you opened it\. Your edits on this page were not saved\./)).toBeTruthy();
    expect(ifMatches).toEqual(['"1"']);
    // The message is at the top of a long form: it takes the focus, so the page scrolls to it.
    expect(document.activeElement?.textContent).toMatch(/Someone else changed this referral/);

    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByDisplayValue('The colleague rewrote the summary of the eviction.')).toBeTruthy();
    expect(screen.queryByText(/Someone else changed this referral/)).toBeNull();
  });

  it('refuses a withdrawal made on a stale page and says so', async () => {
    const ifMatches: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, staffMe),
        [`GET /referrals/${ID}`]: () => json(200, own(3, 'Tenant facing eviction after a rent increase.')),
        [`GET /referrals/${ID}/history`]: () => json(200, { items: [] }),
        [`POST /referrals/${ID}/transitions`]: (request) => {
          ifMatches.push(request.headers.get('If-Match'));
          return problem(412, 'Someone else changed this referral after you opened it.');
        },
      }),
    );
    renderApp(`/referrals/${ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Withdraw' }));
    await user.click(screen.getByRole('button', { name: 'Yes, withdraw' }));
    expect(await screen.findByText(/Someone else changed this referral after you opened it\. Nothing was changed\./)).toBeTruthy();
    expect(ifMatches).toEqual(['"3"']);
  });
});
