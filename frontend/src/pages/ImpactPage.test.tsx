// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import type { Impact } from '../api/types';
import { staffMe } from '../test/fixtures';
import { fakeApi, json, problem, renderApp, signedInAs } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = {
  ...signedInAs(staffMe),
  'GET /practice-areas': () => json(200, { items: [{ code: 'housing.private_landlord_tenant', name: 'Private Landlord/Tenant', parent_code: 'housing' }] }),
  'GET /jurisdictions': () => json(200, { items: [{ code: 'IL', name: 'Illinois' }] }),
};

const impact = (overrides: Partial<Impact> = {}): Impact => ({
  org_id: staffMe.organization.id,
  from: '2026-01-01',
  to: '2026-12-04',
  submitted: 42,
  time_to_first_offer: { count: 40, median_hours: 5.5, p90_hours: 30 },
  time_to_acceptance: { count: 31, median_hours: 77, p90_hours: 240 },
  matches_by_month: [
    { month: '2026-10', matters: 3 },
    { month: '2026-11', matters: 12 },
    { month: '2026-12', matters: 1 },
  ],
  outcomes: {
    closed: 8,
    goal_met: 6,
    reported_hours: 96.5,
    by_category: [
      { outcome: 'counsel_advice', closed: 5, goal_met: 4 },
      { outcome: 'court_contested', closed: 3, goal_met: 2 },
    ],
  },
  satisfaction: { count: 5, average: 4.4, distribution: [0, 0, 1, 1, 3] },
  unmet_need: [{ practice_area: 'housing.private_landlord_tenant', jurisdiction: 'IL', count: 4, expired: 2, withdrawn: 1, open: 1 }],
  open_after_days: 30,
  approved_hours: 120,
  ...overrides,
});

describe('the impact page', () => {
  it('shows placement times, matches per month, outcomes, satisfaction and unmet need in words', async () => {
    vi.stubGlobal('fetch', fakeApi({ ...signedIn, 'GET /impact': () => json(200, impact()) }));
    renderApp('/impact');

    const placement = within(await screen.findByRole('region', { name: 'Placement' }));
    expect(placement.getByText('42')).toBeTruthy();
    expect(placement.getByText('5.5 hours')).toBeTruthy();
    expect(placement.getByText('Median of 40 referrals; 90% within 30 hours.')).toBeTruthy();
    expect(placement.getByText('3.2 days')).toBeTruthy();
    const months = within(placement.getByRole('list', { name: 'Matches per month' })).getAllByRole('listitem');
    expect(months.map((m) => m.textContent)).toEqual(['Oct 20263 matches', 'Nov 202612 matches', 'Dec 20261 match']);

    const outcomes = within(screen.getByRole('region', { name: 'Outcomes' }));
    expect(outcomes.getByText(/8 matters closed; the client’s goal was met in 6 \(75%\)/)).toBeTruthy();
    expect(within(outcomes.getByRole('row', { name: /Counsel and advice/ })).getByText('4 (80%)')).toBeTruthy();

    const satisfaction = within(screen.getByRole('region', { name: 'Client satisfaction' }));
    expect(satisfaction.getByText('4.4 of 5')).toBeTruthy();
    expect(within(satisfaction.getByRole('list', { name: 'Answers by score' })).getAllByRole('listitem')[0].textContent).toBe('5: Very satisfied3 answers');

    const unmet = within(screen.getByRole('region', { name: 'Unmet need' }));
    const row = within(await unmet.findByRole('row', { name: /Private Landlord\/Tenant/ }));
    expect(row.getByText('Illinois')).toBeTruthy();
    expect(row.getByText('4')).toBeTruthy();
  });

  it('asks for the period chosen, and checks it first', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /impact': (request) => {
          asked.push(new URL(request.url).search);
          return json(200, impact({ from: '2026-07-01', to: '2026-09-30', outcomes: { closed: 0, goal_met: 0, reported_hours: 0, by_category: [] }, satisfaction: { count: 0, distribution: [0, 0, 0, 0, 0] }, unmet_need: [] }));
        },
      }),
    );
    renderApp('/impact');
    const user = userEvent.setup();
    await screen.findByRole('region', { name: 'Placement' });
    const form = within(screen.getByRole('form', { name: 'Choose the period' }));
    await user.clear(form.getByLabelText('From'));
    await user.type(form.getByLabelText('From'), '2026-07-01');
    await user.clear(form.getByLabelText('To'));
    await user.type(form.getByLabelText('To'), '2026-06-30');
    await user.click(form.getByRole('button', { name: 'Show' }));
    expect(form.getByText('The last day must be on or after the first.')).toBeTruthy();
    expect(asked).toHaveLength(1);

    await user.clear(form.getByLabelText('To'));
    await user.type(form.getByLabelText('To'), '2026-09-30');
    await user.click(form.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('No matter closed in this period.')).toBeTruthy();
    expect(screen.getByText('No client feedback in this period.')).toBeTruthy();
    expect(screen.getByText('Every referral of the period found a volunteer.')).toBeTruthy();
    expect(asked[1]).toBe('?from=2026-07-01&to=2026-09-30');
  });

  it('says why when the server refuses the period', async () => {
    vi.stubGlobal('fetch', fakeApi({ ...signedIn, 'GET /impact': () => problem(422, 'The period may cover at most five years.') }));
    renderApp('/impact');
    expect(await screen.findByText('The period may cover at most five years.')).toBeTruthy();
  });
});
