// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, emptyReference, firm } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 11, 4, 15, 0));
});

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const signedIn = (me: object) => ({
  'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, me),
  'GET /notifications/unread-count': () => json(200, { count: 0 }),
  'GET /pending-conflicts': () => json(200, { items: [], total: 0 }),
  ...emptyReference,
});

const policy = (overrides: Record<string, unknown> = {}) => ({
  id: '9c0e0000-0000-4000-8000-000000000001',
  firm_id: firm.id,
  effective_from: '2026-01-01',
  fiscal_year_start_month: 1,
  annual_cap_hours: 50,
  credit_ratio: 1,
  eligible_activities: ['client_meeting', 'research', 'drafting', 'court_appearance'],
  training_counts: false,
  supervision_counts: true,
  matter_eligibility: 'all',
  challenge_measure: 'percentage',
  created_by_name: 'Dana Whitfield',
  created_at: '2025-12-20T10:00:00Z',
  ...overrides,
});

const challenge = (billable: number | null, attorneys: number | null) => ({
  firm_id: firm.id,
  firm_name: firm.name,
  fiscal_year: 2026,
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  approved_hours: 0,
  credited_hours: 0,
  attorneys: [],
  by_month: [],
  by_practice_area: [],
  challenge: { measure: 'percentage', billable_hours: billable, attorneys, pro_bono_hours: 0, percentage: null, hours_per_attorney: null, marks: [3, 5], met_mark: null, share_with_20_hours: null },
});

describe('the credit policy page', () => {
  it('starts a new version from the one in force, checks it, shows the server’s field errors, and records it from its date', async () => {
    const sent: unknown[] = [];
    let versions = [policy()];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn(coordinatorMe),
        'GET /credit-policies': () => json(200, { items: versions }),
        [`GET /credit/firms/${firm.id}`]: () => json(200, challenge(null, null)),
        'POST /credit-policies': async (request) => {
          const body = await request.json();
          sent.push(body);
          if (sent.length === 1) return problem(409, 'The firm already has a policy version from 2026-12-04.');
          const saved = policy({ ...body, id: '9c0e0000-0000-4000-8000-000000000002' });
          versions = [saved, ...versions];
          return json(201, saved);
        },
      }),
    );
    renderApp('/credit/policy');
    const user = userEvent.setup();

    const history = within(await screen.findByRole('region', { name: 'Versions' }));
    const row = within(history.getByRole('row', { name: /^Jan 1, 2026/ }));
    expect(row.getByText('In force')).toBeTruthy();
    expect(row.getByText('50.0 h')).toBeTruthy();
    expect(row.getByText('Client meeting, Research, Drafting, Court appearance, Supervision')).toBeTruthy();

    const form = within(screen.getByRole('form', { name: 'Change the policy' }));
    expect((form.getByLabelText('Applies from') as HTMLInputElement).value).toBe('2026-12-04');
    expect((form.getByLabelText(/^Annual cap/) as HTMLInputElement).value).toBe('50');
    expect((form.getByLabelText('Travel') as HTMLInputElement).checked).toBe(false);
    expect((form.getByLabelText('Supervision') as HTMLInputElement).checked).toBe(true);

    await user.clear(form.getByLabelText(/^Credit per approved hour/));
    await user.type(form.getByLabelText(/^Credit per approved hour/), '2.5');
    await user.clear(form.getByLabelText(/^Annual cap/));
    await user.type(form.getByLabelText(/^Annual cap/), '62.55');
    await user.click(form.getByRole('button', { name: 'Save as a new version' }));
    expect(form.getByText(/^Enter the credit per hour, more than 0 and at most 2/)).toBeTruthy();
    expect(form.getByText(/^Enter hours in tenths from 0 to 10,000/)).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.clear(form.getByLabelText(/^Credit per approved hour/));
    await user.type(form.getByLabelText(/^Credit per approved hour/), '0.75');
    await user.clear(form.getByLabelText(/^Annual cap/));
    await user.click(form.getByLabelText('Travel'));
    await user.click(form.getByLabelText('Training'));
    await user.selectOptions(form.getByLabelText('Pro Bono Challenge measure'), 'per_attorney');
    await user.click(form.getByRole('button', { name: 'Save as a new version' }));
    expect(await form.findByText('The firm already has a policy version from 2026-12-04.')).toBeTruthy();
    expect(sent[0]).toEqual({
      effective_from: '2026-12-04',
      fiscal_year_start_month: 1,
      annual_cap_hours: null,
      credit_ratio: 0.75,
      eligible_activities: ['client_meeting', 'research', 'drafting', 'court_appearance', 'travel'],
      training_counts: true,
      supervision_counts: true,
      matter_eligibility: 'all',
      challenge_measure: 'per_attorney',
    });

    await user.clear(form.getByLabelText('Applies from'));
    await user.type(form.getByLabelText('Applies from'), '2027-01-01');
    await user.click(form.getByRole('button', { name: 'Save as a new version' }));
    expect(await screen.findByText('The new policy applies from Jan 1, 2027.')).toBeTruthy();
    // Both versions are listed; the one in force today is still the old one.
    expect(await history.findByRole('row', { name: /^Jan 1, 2027/ })).toBeTruthy();
    expect(within(history.getByRole('row', { name: /^Jan 1, 2026/ })).getByText('In force')).toBeTruthy();
  }, 30_000);

  it('records the firm’s billable hours for a year, showing what was entered before', async () => {
    let put: { url: string; body: unknown } | null = null;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn({ ...coordinatorMe, role: 'org_admin' }),
        'GET /credit-policies': () => json(200, { items: [] }),
        [`GET /credit/firms/${firm.id}`]: () => json(200, challenge(put ? 182000 : 150000.5, 90)),
        [`PUT /credit/firms/${firm.id}/billable-hours/2026`]: async (request) => {
          put = { url: request.url, body: await request.json() };
          return json(200, { firm_id: firm.id, fiscal_year: 2026, billable_hours: 182000, attorneys: 95, updated_at: '2026-12-04T15:00:00Z', version: 2 });
        },
      }),
    );
    renderApp('/credit/policy');
    const user = userEvent.setup();
    expect(await screen.findByText('No credit policy yet: approved hours earn no credit until the firm sets one.')).toBeTruthy();
    const form = within(screen.getByRole('form', { name: 'Billable hours' }));
    expect(await form.findByText('Entered for fiscal year 2026: 150,000.5 billable hours, 90 attorneys.')).toBeTruthy();
    await user.type(form.getByLabelText('Billable hours'), 'many');
    await user.click(form.getByRole('button', { name: 'Save billable hours' }));
    expect(form.getByText('Enter hours in tenths from 0 to 100,000,000.')).toBeTruthy();
    expect(form.getByText('Enter the number of attorneys.')).toBeTruthy();
    await user.clear(form.getByLabelText('Billable hours'));
    await user.type(form.getByLabelText('Billable hours'), '182,000');
    await user.type(form.getByLabelText('Attorneys'), '95');
    await user.click(form.getByRole('button', { name: 'Save billable hours' }));
    expect(await screen.findByText('The billable hours for fiscal year 2026 have been saved.')).toBeTruthy();
    expect(put).toEqual({ url: expect.stringContaining('/billable-hours/2026'), body: { billable_hours: 182000, attorneys: 95 } });
  });

  it('is not for attorneys', async () => {
    vi.stubGlobal('fetch', fakeApi({ ...signedIn(attorneyMe) }));
    renderApp('/credit/policy');
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
  });
});
