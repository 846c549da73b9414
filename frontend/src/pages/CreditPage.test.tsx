// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, emptyReference, firm } from '../test/fixtures';
import { attorneyCredit } from '../test/hoursFixtures';
import { fakeApi, json, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const OMAR = '0b7c2c1e-0000-4000-8000-000000000005';
const signedIn = (me: object) => ({
  'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, me),
  'GET /notifications/unread-count': () => json(200, { count: 0 }),
  'GET /pending-conflicts': () => json(200, { items: [], total: 0 }),
  ...emptyReference,
  'GET /practice-areas': () => json(200, { items: [{ code: 'housing', name: 'Housing' }, { code: 'family', name: 'Family' }] }),
});

const summary = (id: string, name: string, approved: number, goal: number) => ({
  attorney_id: id,
  attorney_name: name,
  approved_hours: approved,
  credited_hours: approved,
  annual_cap_hours: null,
  remaining_cap: null,
  annual_goal_hours: goal,
  goal_progress: goal ? approved / goal : null,
});

const firmCredit = (challenge: Record<string, unknown>) => ({
  firm_id: firm.id,
  firm_name: firm.name,
  fiscal_year: 2026,
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  approved_hours: 57.5,
  credited_hours: 52.5,
  attorneys: [summary(OMAR, 'Omar Haddad', 12.5, 0), summary(attorneyMe.id, 'Priya Raman', 45, 60)],
  by_month: [
    { month: '2026-11', hours: 30, credited_hours: 25 },
    { month: '2026-12', hours: 27.5, credited_hours: 27.5 },
  ],
  by_practice_area: [{ practice_area: 'housing', hours: 57.5 }],
  challenge: {
    measure: 'percentage',
    billable_hours: 1500,
    attorneys: 2,
    pro_bono_hours: 57.5,
    percentage: 3.8,
    hours_per_attorney: 28.75,
    marks: [3, 5],
    met_mark: 3,
    share_with_20_hours: 0.5,
    ...challenge,
  },
});

describe('the credit dashboard', () => {
  it('shows an attorney their year: figures, progress to the goal, charts with their figures beside them, and the ledger’s reasons', async () => {
    const asked: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn(attorneyMe),
        [`GET /credit/attorneys/${attorneyMe.id}`]: (request) => {
          const year = new URL(request.url).searchParams.get('fiscal_year');
          asked.push(year);
          return json(200, year === '2025' ? attorneyCredit({ fiscal_year: 2025, starts_on: '2025-01-01', ends_on: '2025-12-31', approved_hours: 0, by_month: [{ month: '2025-01', hours: 0, credited_hours: 0 }], by_practice_area: [] }) : attorneyCredit());
        },
        'GET /credit/ledger': (request) => {
          const query = new URL(request.url).searchParams;
          expect(query.get('attorney_id')).toBe(attorneyMe.id);
          if (query.get('fiscal_year') === '2025') return json(200, { items: [] });
          return json(200, {
            items: [
              { id: 2, entry_id: 'e2', attorney_id: attorneyMe.id, firm_id: firm.id, fiscal_year: 2026, work_date: '2026-11-20', hours: 10, credited_hours: 5, cap_applied: true, reason: 'The annual cap of 50 hours allowed 5 of 10 hours.', policy_id: null, created_at: '2026-11-21T10:00:00Z' },
            ],
          });
        },
      }),
    );
    renderApp('/credit');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'My credit' })).toBeTruthy();
    const figures = within(await screen.findByRole('region', { name: 'The year so far' }));
    expect(figures.getByText('Approved').nextElementSibling?.textContent).toBe('45.0 h');
    expect(figures.getByText('Credited').nextElementSibling?.textContent).toBe('40.0 h');
    expect(figures.getByText('Left under the cap').nextElementSibling?.textContent).toBe('10.0 h');
    expect(figures.getByText('75% of your goal of 60.0 h: 15.0 h to go.')).toBeTruthy();

    // Each chart's figures are text beside it; the drawing itself is hidden from screen readers.
    const months = within(screen.getByRole('region', { name: 'Hours by month' }));
    expect(months.getByRole('row', { name: 'Nov 2026 25.0 h 20.0 h' })).toBeTruthy();
    expect(months.getByRole('figure').querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    const areas = within(screen.getByRole('region', { name: 'Hours by practice area' }));
    expect(await areas.findByText('Housing')).toBeTruthy();
    expect(areas.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Housing30.0 h', 'Family15.0 h']);

    const ledger = within(await screen.findByRole('region', { name: 'Credit ledger' }));
    expect(await ledger.findByText('The annual cap of 50 hours allowed 5 of 10 hours.')).toBeTruthy();
    expect(ledger.getByText('Cap reached')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Fiscal year'), '2025');
    expect(await screen.findByText('No approved hours in this fiscal year yet.')).toBeTruthy();
    expect(asked).toEqual([null, '2025']);
  });

  it('shows coordinators the firm: its Challenge standing against the marks, the share with 20 hours, each attorney with a link to their year', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn(coordinatorMe),
        [`GET /credit/firms/${firm.id}`]: () => json(200, firmCredit({})),
        [`GET /credit/attorneys/${OMAR}`]: () => json(200, attorneyCredit({ attorney_id: OMAR, attorney_name: 'Omar Haddad', annual_goal_hours: 0, goal_progress: null })),
        'GET /credit/ledger': () => json(200, { items: [] }),
      }),
    );
    renderApp('/credit');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Pro bono credit' })).toBeTruthy();
    const challenge = within(await screen.findByRole('region', { name: 'Pro Bono Challenge' }));
    expect(challenge.getByText('3.8% of billable hours (57.5 pro bono hours of 1,500.0): meets the 3.0% mark.')).toBeTruthy();
    expect(challenge.getByText('Marks at 3.0% and 5.0%.')).toBeTruthy();
    expect(challenge.getByText('50% of the firm’s attorneys gave 20 hours or more this year.')).toBeTruthy();

    const byAttorney = within(screen.getByRole('region', { name: 'By attorney' }));
    const priya = within(byAttorney.getByRole('row', { name: /^Priya Raman/ }));
    expect(priya.getAllByRole('cell').map((c) => c.textContent)).toEqual(['45.0 h', '45.0 h', '60.0 h', '75%']);
    expect(screen.getByRole('link', { name: 'Credit policy and billable hours' }).getAttribute('href')).toBe('/credit/policy');

    await user.click(byAttorney.getByRole('link', { name: 'Omar Haddad' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Attorney’s credit' })).toBeTruthy();
    expect(await screen.findByText(/^Omar Haddad’s approved pro bono hours in fiscal year 2026/)).toBeTruthy();
    expect(screen.getByText('None set')).toBeTruthy();
  });

  it('says the percentage waits for the billable hours, and counts hours per attorney for a firm that chose that measure', async () => {
    let measure = 'percentage';
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn(coordinatorMe),
        [`GET /credit/firms/${firm.id}`]: () =>
          json(
            200,
            measure === 'percentage'
              ? firmCredit({ billable_hours: null, percentage: null, met_mark: null })
              : firmCredit({ measure: 'per_attorney', marks: [60, 100], hours_per_attorney: 28.75, met_mark: null }),
          ),
      }),
    );
    const { unmount } = renderApp('/credit');
    let challenge = within(await screen.findByRole('region', { name: 'Pro Bono Challenge' }));
    expect(challenge.getByText(/the percentage is counted once the firm’s billable hours for the year are entered/)).toBeTruthy();
    expect(challenge.getByRole('link', { name: 'Enter them' }).getAttribute('href')).toBe('/credit/policy');
    unmount();

    measure = 'per_attorney';
    renderApp('/credit');
    challenge = within(await screen.findByRole('region', { name: 'Pro Bono Challenge' }));
    expect(challenge.getByText('28.8 pro bono hours per attorney: below the 60.0 h mark.')).toBeTruthy();
    expect(challenge.getByText('Marks at 60.0 h and 100.0 h.')).toBeTruthy();
  });
});
