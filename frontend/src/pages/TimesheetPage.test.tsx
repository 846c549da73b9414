// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, emptyReference } from '../test/fixtures';
import { MATTER, OTHER_MATTER, attorneyCredit, matter, timeEntry } from '../test/hoursFixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

// Friday 4 December 2026, mid-afternoon: its week runs from Monday 30 November to Sunday 6 December.
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

const reference = {
  ...emptyReference,
  'GET /practice-areas': () => json(200, { items: [{ code: 'housing', name: 'Housing' }, { code: 'family', name: 'Family' }] }),
};

const signedIn = {
  'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, attorneyMe),
  'GET /notifications/unread-count': () => json(200, { count: 0 }),
  ...reference,
  'GET /matters': () =>
    json(200, {
      items: [
        matter(MATTER),
        matter(OTHER_MATTER, { referral: { ...matter(OTHER_MATTER).referral, practice_area: 'family', organization_name: 'Eastside Clinic' } }),
      ],
    }),
  [`GET /credit/attorneys/${attorneyMe.id}`]: () => json(200, attorneyCredit()),
};

describe('the attorney’s timesheet', () => {
  it('shows the week’s entries by day and matter with their status and totals, and the progress to the goal', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /time-entries': (request) => {
          const query = new URL(request.url).searchParams;
          asked.push(`${query.get('from')}..${query.get('to')}`);
          if (query.get('from') !== '2026-11-30') return json(200, { items: [] });
          return json(200, {
            items: [
              timeEntry({ work_date: '2026-11-30', minutes: 90, status: 'approved', decided_by_name: 'Dana Whitfield' }),
              timeEntry({ work_date: '2026-12-01', minutes: 150, status: 'submitted' }),
              timeEntry({ work_date: '2026-12-01', minutes: 30, matter_id: OTHER_MATTER, activity: 'client_meeting', status: 'draft' }),
              timeEntry({ work_date: '2026-12-02', minutes: 60, status: 'rejected', reject_reason: 'Split the drafting from the research.', decided_by_name: 'Dana Whitfield' }),
            ],
          });
        },
      }),
    );
    renderApp('/timesheet');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: /^Week of Nov 30, 2026 – Dec 6, 2026/ })).toBeTruthy();
    expect(await screen.findByText(/this week in 4 entries/)).toBeTruthy();
    expect(screen.getByText('5.5 h')).toBeTruthy();

    const goal = within(screen.getByRole('region', { name: /^Fiscal year/ }));
    expect(goal.getByText(/approved of your goal of 60.0 h \(75%\)/)).toBeTruthy();
    expect(goal.getByText('10.0 h left under the cap of 50.0 h', { exact: false })).toBeTruthy();

    // Matter by day: each matter's row and the day's total.
    const housing = within(screen.getByRole('row', { name: /^Housing, IL · Northside/ }));
    expect(housing.getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.5', '2.5', '1.0', '–', '–', '–', '–', '5.0']);
    const total = within(screen.getByRole('row', { name: /^Total/ }));
    expect(total.getAllByRole('cell').map((c) => c.textContent)).toEqual(['1.5', '3.0', '1.0', '0.0', '0.0', '0.0', '0.0', '5.5']);

    // Each day lists its entries with their status; what may be done follows it.
    const tuesday = within(screen.getByRole('listitem', { name: 'Tuesday, December 1' }));
    expect(tuesday.getByText('3.0 h')).toBeTruthy();
    const draft = within(tuesday.getByRole('listitem', { name: '0.5 h of client meeting on Family, IL · Eastside Clinic' }));
    expect(draft.getByText('Draft')).toBeTruthy();
    expect(draft.getByRole('button', { name: 'Submit 0.5 h of client meeting' })).toBeTruthy();
    expect(draft.getByRole('button', { name: 'Delete 0.5 h of client meeting' })).toBeTruthy();
    const submitted = within(tuesday.getByRole('listitem', { name: /^2.5 h of research/ }));
    expect(submitted.getByText('Submitted')).toBeTruthy();
    expect(submitted.queryByRole('button')).toBeNull();
    const rejected = within(screen.getByRole('listitem', { name: /^1.0 h of research/ }));
    expect(rejected.getByText('Split the drafting from the research.')).toBeTruthy();
    expect(rejected.getByText('Rejected by Dana Whitfield:')).toBeTruthy();
    const approved = within(screen.getByRole('listitem', { name: /^1.5 h of research/ }));
    expect(approved.getByRole('button', { name: 'Adjust 1.5 h of research' })).toBeTruthy();
    expect(approved.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(within(screen.getByRole('listitem', { name: 'Friday, December 4' })).getByText('(today)')).toBeTruthy();

    // The week before, and back; there is no week after this one to log time in.
    expect(screen.getByRole('button', { name: 'Next week' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Previous week' }));
    expect(await screen.findByRole('heading', { name: /^Week of Nov 23, 2026 – Nov 29, 2026/ })).toBeTruthy();
    expect(await screen.findByText(/0.0 h/, { selector: 'strong' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'This week' }));
    expect(await screen.findByRole('heading', { name: /^Week of Nov 30, 2026/ })).toBeTruthy();
    expect(asked).toContain('2026-11-23..2026-11-29');
  });

  it('checks a quick entry before sending it, shows the server’s field errors beside their fields, then logs it for approval', async () => {
    const sent: unknown[] = [];
    let logged: unknown = null;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /time-entries': () => json(200, { items: logged ? [logged] : [] }),
        'POST /time-entries': async (request) => {
          const body = await request.json();
          sent.push(body);
          if (sent.length === 1) {
            return problem(422, 'Some fields are not valid.', [
              { field: 'minutes', message: 'would bring your time on 2026-12-04 to 25.0 hours; an attorney logs at most 24 hours a day' },
              { field: 'work_date', message: 'is before the matter was accepted on 2026-12-05' },
            ]);
          }
          logged = timeEntry({ ...body, status: 'submitted', work_date: '2026-12-04' });
          return json(201, logged);
        },
      }),
    );
    renderApp('/timesheet');
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Log time' }));
    expect((form.getByLabelText('Date') as HTMLInputElement).value).toBe('2026-12-04');

    await user.clear(form.getByLabelText('Date'));
    await user.type(form.getByLabelText('Date'), '2026-12-05');
    await user.type(form.getByLabelText(/^Hours/), '2.55');
    await user.click(form.getByRole('button', { name: 'Submit for approval' }));
    expect(form.getByText('Choose the matter.')).toBeTruthy();
    expect(form.getByText('Time cannot be logged for a day that has not come yet.')).toBeTruthy();
    expect(form.getByText('Enter hours in tenths, like 2.5.')).toBeTruthy();
    expect(form.getByText('Choose what you did.')).toBeTruthy();
    expect(form.getByText('Say what the time was for.')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.selectOptions(form.getByLabelText('Matter'), MATTER);
    await user.clear(form.getByLabelText('Date'));
    await user.type(form.getByLabelText('Date'), '2026-12-04');
    await user.clear(form.getByLabelText(/^Hours/));
    // Tenth by tenth from nothing: 0.1, 0.2, 0.3, then down to 0.2.
    for (let i = 0; i < 3; i++) await user.click(form.getByRole('button', { name: '0.1 hours more' }));
    await user.click(form.getByRole('button', { name: '0.1 hours less' }));
    expect((form.getByLabelText(/^Hours/) as HTMLInputElement).value).toBe('0.2');
    await user.clear(form.getByLabelText(/^Hours/));
    await user.type(form.getByLabelText(/^Hours/), '2.5');
    await user.selectOptions(form.getByLabelText('Activity'), 'drafting');
    await user.type(form.getByLabelText(/^Narrative/), 'Drafted the answer to the eviction complaint');
    await user.click(form.getByRole('button', { name: 'Submit for approval' }));
    expect(await form.findByText('Would bring your time on 2026-12-04 to 25.0 hours; an attorney logs at most 24 hours a day.')).toBeTruthy();
    expect(form.getByText('This is before the matter was accepted on 2026-12-05.')).toBeTruthy();
    expect(sent[0]).toEqual({
      matter_id: MATTER,
      work_date: '2026-12-04',
      minutes: 150,
      activity: 'drafting',
      narrative: 'Drafted the answer to the eviction complaint',
      submit: true,
    });

    await user.click(form.getByRole('button', { name: 'Submit for approval' }));
    expect(await screen.findByText('2.5 h on Dec 4, 2026 sent for approval.')).toBeTruthy();
    const friday = within(await screen.findByRole('listitem', { name: 'Friday, December 4' }));
    expect(await friday.findByText('Submitted')).toBeTruthy();
    // The next entry starts afresh on the same matter.
    const next = within(screen.getByRole('form', { name: 'Log time' }));
    expect((next.getByLabelText('Matter') as HTMLSelectElement).value).toBe(MATTER);
    expect((next.getByLabelText(/^Hours/) as HTMLInputElement).value).toBe('');
  }, 30_000);

  it('corrects and resubmits a rejected entry, deletes a draft once confirmed, and adjusts an approved one', async () => {
    const rejected = timeEntry({ work_date: '2026-12-02', minutes: 60, status: 'rejected', reject_reason: 'Wrong day.', version: 3 });
    const draft = timeEntry({ work_date: '2026-12-03', minutes: 30, status: 'draft' });
    const approved = timeEntry({ work_date: '2026-11-30', minutes: 90, status: 'approved' });
    const calls: string[] = [];
    let patched: unknown = null;
    let adjustment: unknown = null;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /time-entries': () => json(200, { items: [rejected, draft, approved] }),
        [`PATCH /time-entries/${rejected.id}`]: async (request) => {
          calls.push(`PATCH If-Match ${request.headers.get('If-Match')}`);
          patched = await request.json();
          return json(200, { ...rejected, ...(patched as object), status: 'draft', version: 4 });
        },
        [`POST /time-entries/${rejected.id}/submit`]: () => {
          calls.push('submit');
          return json(200, { ...rejected, status: 'submitted', version: 5 });
        },
        [`DELETE /time-entries/${draft.id}`]: () => {
          calls.push('delete');
          return new Response(null, { status: 204 });
        },
        [`POST /time-entries/${approved.id}/adjust`]: async (request) => {
          adjustment = await request.json();
          return json(201, timeEntry({ minutes: -30, adjusts_id: approved.id, status: 'submitted' }));
        },
      }),
    );
    renderApp('/timesheet');
    const user = userEvent.setup();

    const wrong = within(await screen.findByRole('listitem', { name: /^1.0 h of research/ }));
    await user.click(wrong.getByRole('button', { name: 'Correct 1.0 h of research' }));
    const edit = within(wrong.getByRole('form', { name: 'Edit 1.0 h of research' }));
    expect(edit.queryByLabelText('Matter')).toBeNull();
    await user.clear(edit.getByLabelText('Date'));
    await user.type(edit.getByLabelText('Date'), '2026-12-01');
    await user.click(edit.getByRole('button', { name: 'Save and resubmit' }));
    expect(await screen.findByText('The entry has been sent for approval.')).toBeTruthy();
    expect(calls).toEqual(['PATCH If-Match "3"', 'submit']);
    expect(patched).toEqual({ work_date: '2026-12-01', minutes: 60, activity: 'research', narrative: 'Researched the notice requirements' });

    const drafted = within(screen.getByRole('listitem', { name: /^0.5 h of research/ }));
    await user.click(drafted.getByRole('button', { name: 'Delete 0.5 h of research' }));
    await user.click(drafted.getByRole('button', { name: 'Keep it' }));
    expect(calls).not.toContain('delete');
    await user.click(drafted.getByRole('button', { name: 'Delete 0.5 h of research' }));
    await user.click(within(drafted.getByRole('group', { name: 'Delete the draft of 0.5 h of research?' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The draft of 0.5 h of research has been deleted.')).toBeTruthy();

    const locked = within(screen.getByRole('listitem', { name: /^1.5 h of research/ }));
    await user.click(locked.getByRole('button', { name: 'Adjust 1.5 h of research' }));
    const adjust = within(locked.getByRole('form', { name: 'Adjust the approved 1.5 h' }));
    await user.click(adjust.getByRole('button', { name: 'Send the adjustment' }));
    expect(adjust.getByText('Enter the hours to add, or a negative number to take off.')).toBeTruthy();
    expect(adjust.getByText('Say what the time was for.')).toBeTruthy();
    await user.type(adjust.getByLabelText('Hours to add or take off', { exact: false }), '-0.5');
    await user.type(adjust.getByLabelText('Why'), 'Half an hour was travel billed twice');
    await user.click(adjust.getByRole('button', { name: 'Send the adjustment' }));
    expect(await screen.findByText('An adjustment of -0.5 h has been sent for approval.')).toBeTruthy();
    expect(adjustment).toEqual({ minutes: -30, narrative: 'Half an hour was travel billed twice' });
  }, 30_000);
});
