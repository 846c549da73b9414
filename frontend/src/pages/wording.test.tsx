// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, emptyReference, referral, staffMe } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };
const REFERRAL = '0b7c2c1e-0000-4000-8000-0000000000aa';

describe('a public defender’s and a clinic’s staff', () => {
  it.each([
    ['public_defender', 'Public defender staff'],
    ['clinic', 'Clinic staff'],
  ])('are labelled after their organisation (%s), not as nonprofit staff', async (kind, label) => {
    const me = { ...staffMe, organization: { ...staffMe.organization, name: 'Lakeshore Office', kind } };
    vi.stubGlobal('fetch', fakeApi({ ...signedIn, ...emptyReference, 'GET /me': () => json(200, me) }));
    renderApp('/profile');
    expect(await screen.findByText(`Lakeshore Office · ${label}`)).toBeTruthy();
    const details = within(screen.getByRole('heading', { name: 'Your details' }).closest('section')!);
    expect(details.getByText(label)).toBeTruthy();
    expect(screen.queryByText(/Nonprofit staff/)).toBeNull();
  });
});

describe('a referral without a deadline', () => {
  it('reads “No deadline” in the list and on the detail page alike', async () => {
    const undated = referral(REFERRAL, { deadline: undefined });
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /referrals': () => json(200, { items: [undated] }),
        [`GET /referrals/${REFERRAL}`]: () => json(200, undated),
        [`GET /referrals/${REFERRAL}/conflict-check`]: () => problem(404, 'Conflict check not found.'),
      }),
    );
    renderApp('/referrals');
    const row = (await screen.findByText(/\(00aa\)/)).closest('tr')!;
    expect(within(row).getByText('No deadline')).toBeTruthy();
    cleanup();

    renderApp(`/referrals/${REFERRAL}`);
    expect(await screen.findByText('No deadline')).toBeTruthy();
    expect(screen.queryByText('None')).toBeNull();
  });
});

describe('a new attorney profile', () => {
  const profile = {
    user_id: attorneyMe.id,
    name: attorneyMe.name,
    email: attorneyMe.email,
    bar_admissions: [],
    practice_areas: [],
    languages: [],
    availability: [],
    blackouts: [],
    monthly_hour_budget: 10,
    max_active_matters: 2,
    annual_goal_hours: 50,
    work_mode: 'either',
    accepts_mentored: false,
  };

  it('does not call capacity that is filled in “not filled in”', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, attorneyMe),
        [`GET /attorneys/${attorneyMe.id}`]: () => json(200, profile),
      }),
    );
    renderApp('/profile/attorney');
    expect(await screen.findByText(/Not saved yet\. The hours and matters below are starting values/)).toBeTruthy();
    expect(screen.queryByText(/Not filled in yet/)).toBeNull();
  });

  it('says when it was last saved once it was', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, attorneyMe),
        [`GET /attorneys/${attorneyMe.id}`]: () => json(200, { ...profile, updated_at: '2026-11-30T10:00:00Z' }),
      }),
    );
    renderApp('/profile/attorney');
    expect(await screen.findByText(/Last saved/)).toBeTruthy();
    expect(screen.queryByText(/Not saved yet|Not filled in yet/)).toBeNull();
  });
});
