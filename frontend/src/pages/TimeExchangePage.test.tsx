// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe } from '../test/fixtures';
import { catchDownloads } from '../test/downloads';
import { fakeApi, json, problem, renderApp, signedInAs } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const CSV = 'external_id,attorney_email,matter_id,date,hours,activity,narrative\nTK-1,priya@hartwell.example,0b7c2c1e-0000-4000-8000-0000000000a1,2026-11-30,1.5,research,Memo\n';
const timesheetFile = () => new File([CSV], 'timekeeping.csv', { type: 'text/csv' });

describe('exporting and importing a firm’s time', () => {
  it('is linked from the approval queue and downloads the approved time as LEDES without narratives, with the session’s token', async () => {
    let sent: { authorization: string | null; query: URLSearchParams } | undefined;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'GET /attorneys': () => json(200, { items: [] }),
        'GET /matters': () => json(200, { items: [] }),
        'GET /time-entries': () => json(200, { items: [] }),
        'GET /time-entries/export': (request) => {
          sent = { authorization: request.headers.get('Authorization'), query: new URL(request.url).searchParams };
          return new Response('LEDES1998B[]\n', {
            status: 200,
            headers: { 'Content-Type': 'text/plain', 'Content-Disposition': 'attachment; filename="pro-bono-time-2026-12-04.txt"' },
          });
        },
      }),
    );
    const saved = catchDownloads();
    renderApp('/approvals');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Export approved time or import time from your timekeeping system' }));

    const form = within(await screen.findByRole('form', { name: 'Export approved time' }));
    await user.selectOptions(form.getByLabelText('Format'), 'ledes');
    await user.click(form.getByLabelText('Include narratives'));
    await user.clear(form.getByLabelText('From'));
    await user.type(form.getByLabelText('From'), '2026-11-01');
    await user.clear(form.getByLabelText('To'));
    await user.type(form.getByLabelText('To'), '2026-11-30');
    await user.click(form.getByRole('button', { name: 'Download' }));

    await vi.waitFor(() => expect(saved.names).toEqual(['pro-bono-time-2026-12-04.txt']));
    expect(sent?.authorization).toBe('Bearer tok-1');
    expect(Object.fromEntries(sent?.query ?? [])).toEqual({ format: 'ledes', from: '2026-11-01', to: '2026-11-30', narratives: 'false' });
    expect(await saved.firstText()).toBe('LEDES1998B[]\n');
  }, 20_000);

  it('checks the period before asking, and says why the server refused an export', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'GET /time-entries/export': (request) => {
          asked.push(new URL(request.url).search);
          return problem(422, 'The period may be at most 10 years.');
        },
      }),
    );
    renderApp('/approvals/exchange');
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Export approved time' }));
    await user.clear(form.getByLabelText('To'));
    await user.click(form.getByRole('button', { name: 'Download' }));
    expect(form.getByText('Enter the last day.')).toBeTruthy();
    expect(asked).toEqual([]);

    await user.type(form.getByLabelText('To'), '2026-12-04');
    await user.click(form.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText('The period may be at most 10 years.')).toBeTruthy();
    expect(asked[0]).toContain('format=csv');
    expect(asked[0]).toContain('narratives=true');
  });

  it('sends the chosen file as text/csv and reports what was created and what was skipped', async () => {
    let sent: { type: string | null; body: string } | undefined;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'POST /time-entries/import': async (request) => {
          sent = { type: request.headers.get('Content-Type'), body: await request.text() };
          return json(200, { committed: true, created: 3, skipped: 1, errors: [], errors_truncated: false });
        },
      }),
    );
    renderApp('/approvals/exchange');
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Import time' }));
    await user.click(form.getByRole('button', { name: 'Import' }));
    expect(form.getByText('Choose a CSV file.')).toBeTruthy();
    expect(sent).toBeUndefined();

    await user.upload(form.getByLabelText('CSV file'), timesheetFile());
    await user.click(form.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Imported 3 entries, waiting for approval.')).toBeTruthy();
    expect(sent).toEqual({ type: 'text/csv', body: CSV });
    const report = within(screen.getByRole('region', { name: 'Import report' }));
    expect(report.getByText('Skipped, already imported').nextElementSibling?.textContent).toBe('1 row');
    expect(report.getByText('Created').nextElementSibling?.textContent).toBe('3 entries');
  });

  it('lists the faults by line and column, and says that nothing was imported', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(coordinatorMe),
        'POST /time-entries/import': () =>
          json(200, {
            committed: false,
            created: 0,
            skipped: 0,
            errors: [
              { line: 2, field: 'attorney_email', detail: 'is not an attorney of your firm' },
              { line: 4, field: '', detail: 'has 5 cells where the header names 7' },
            ],
            errors_truncated: false,
          }),
      }),
    );
    renderApp('/approvals/exchange');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), timesheetFile());
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(
      await screen.findByText('Nothing was imported: some rows are at fault, and an import is all or nothing. Correct them and send the whole file again.'),
    ).toBeTruthy();
    const rows = within(screen.getByRole('region', { name: 'Import report' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2', 'attorney_email', 'is not an attorney of your firm'],
      ['4', 'The whole row', 'has 5 cells where the header names 7'],
    ]);
  });

  it('says why a file was refused whole', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({ ...signedInAs(coordinatorMe), 'POST /time-entries/import': () => problem(422, 'The file is not UTF-8 text.') }),
    );
    renderApp('/approvals/exchange');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file'), timesheetFile());
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(within(await screen.findByRole('alert')).getByText('The file is not UTF-8 text.')).toBeTruthy();
  });
});
