// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe, staffMe } from '../test/fixtures';
import { csvFile, catchDownloads } from '../test/downloads';
import { fakeApi, json, problem, renderApp, signedInAs } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});


const period = { from: '2026-01-01', to: '2026-12-04' };

describe('the reports page', () => {
  it('shows the hours by the grouping chosen for the period chosen', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'GET /reports/hours': (request) => {
          const query = new URL(request.url).searchParams;
          asked.push(query.toString());
          return query.get('group_by') === 'attorney'
            ? json(200, { ...period, group_by: 'attorney', items: [{ key: 'a1', label: 'Priya Raman', hours: 42.5, entries: 17 }, { key: 'a2', label: 'James Okafor', hours: 8, entries: 3 }] })
            : json(200, { ...period, group_by: 'month', items: [{ key: '2026-11', label: 'November 2026', hours: 50.5, entries: 20 }] });
        },
      }),
    );
    renderApp('/reports');
    const user = userEvent.setup();
    const shown = within(await screen.findByRole('region', { name: 'Hours by month' }));
    expect(await shown.findByRole('row', { name: /November 2026/ })).toBeTruthy();
    expect(asked[0]).toMatch(/^from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}&group_by=month$/);

    const form = within(screen.getByRole('form', { name: 'Choose a report' }));
    await user.selectOptions(form.getByLabelText('Group by'), 'Attorney');
    await user.clear(form.getByLabelText('From'));
    await user.type(form.getByLabelText('From'), '2026-01-01');
    await user.clear(form.getByLabelText('To'));
    await user.type(form.getByLabelText('To'), '2026-12-04');
    await user.click(form.getByRole('button', { name: 'Show' }));

    const byAttorney = within(await screen.findByRole('region', { name: 'Hours by attorney' }));
    const priya = within(await byAttorney.findByRole('row', { name: /Priya Raman/ }));
    expect(priya.getByText('42.5')).toBeTruthy();
    expect(priya.getByText('17')).toBeTruthy();
    expect(byAttorney.getByText('50.5 hours approved in all.')).toBeTruthy();
    expect(asked.at(-1)).toBe('from=2026-01-01&to=2026-12-04&group_by=attorney');
  }, 20_000);

  it('shows the other reports as tables of their own', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(staffMe),
        'GET /reports/hours': () => json(200, { ...period, group_by: 'month', items: [] }),
        'GET /reports/time-to-match': () =>
          json(200, {
            ...period,
            items: [
              { month: '2026-11', referrals: 9, offered: 8, accepted: 6, first_offer_median_hours: 5.5, first_offer_p90_hours: 30, acceptance_median_hours: 77, acceptance_p90_hours: 240 },
              { month: '2026-12', referrals: 1, offered: 0, accepted: 0, first_offer_median_hours: null, first_offer_p90_hours: null, acceptance_median_hours: null, acceptance_p90_hours: null },
            ],
          }),
        'GET /reports/unmet-need': () =>
          json(200, { ...period, items: [{ practice_area: 'housing', practice_area_name: 'Housing', jurisdiction: 'IL', jurisdiction_name: 'Illinois', referrals: 4, offered: 1 }] }),
      }),
    );
    renderApp('/reports');
    const user = userEvent.setup();
    expect(await screen.findByText('Nothing to report in this period.')).toBeTruthy();
    const form = within(screen.getByRole('form', { name: 'Choose a report' }));

    await user.selectOptions(form.getByLabelText('Report'), 'Time to offer and acceptance');
    expect(form.queryByLabelText('Group by')).toBeNull();
    await user.click(form.getByRole('button', { name: 'Show' }));
    const waits = within(await screen.findByRole('region', { name: 'Time to offer and acceptance' }));
    const november = within(await waits.findByRole('row', { name: /Nov 2026/ }));
    expect(november.getByText('5.5 hours (90% within 30 hours)')).toBeTruthy();
    expect(november.getByText('3.2 days (90% within 10 days)')).toBeTruthy();
    expect(within(waits.getByRole('row', { name: /Dec 2026/ })).getAllByText('—')).toHaveLength(2);

    await user.selectOptions(form.getByLabelText('Report'), 'Unmet need');
    await user.click(form.getByRole('button', { name: 'Show' }));
    const unmet = within(await screen.findByRole('region', { name: 'Unmet need' }));
    expect(within(await unmet.findByRole('row', { name: /Housing/ })).getByText('Illinois')).toBeTruthy();
  }, 20_000);

  it('downloads the report shown as CSV, sending the session’s token', async () => {
    let sent: { authorization: string | null; query: string } | undefined;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'GET /reports/hours': (request) => {
          const query = new URL(request.url).searchParams;
          if (query.get('format') !== 'csv') return json(200, { ...period, group_by: 'month', items: [] });
          sent = { authorization: request.headers.get('Authorization'), query: query.toString() };
          return csvFile('key,label,hours,entries\n2026-11,November 2026,50.5,20\n', 'hours-by-month-2026-01-01-2026-12-04.csv');
        },
      }),
    );
    const saved = catchDownloads();
    renderApp('/reports');
    const user = userEvent.setup();
    await screen.findByText('Nothing to report in this period.');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await vi.waitFor(() => expect(saved.names).toEqual(['hours-by-month-2026-01-01-2026-12-04.csv']));
    expect(sent?.authorization).toBe('Bearer tok-1');
    expect(sent?.query).toMatch(/&format=csv&group_by=month$/);
    expect(await saved.firstText()).toContain('2026-11,November 2026,50.5,20');
  });

  it('says why a report could not be made', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({ ...signedInAs(coordinatorMe), 'GET /reports/hours': () => problem(503, 'The report took too long. Choose a shorter period and try again.') }),
    );
    renderApp('/reports');
    expect(await screen.findByText('The report took too long. Choose a shorter period and try again.')).toBeTruthy();
  });
});
