// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import { activeMatter, attorneyMe, closedMatter, coordinatorMe, staffMe } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp, signedInAs } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});


const MATTER = activeMatter.id;
const matter = activeMatter;
const closed = closedMatter;

describe('closing a matter', () => {
  it('checks the closing, asks to confirm it, sends it once confirmed and shows the outcome', async () => {
    const sent: unknown[] = [];
    let done = false;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(attorneyMe),
        [`GET /matters/${MATTER}`]: () => json(200, done ? closed : matter),
        [`POST /matters/${MATTER}/close`]: async (request) => {
          sent.push(await request.json());
          if (sent.length === 1) return problem(422, 'Some fields are not valid.', [{ field: 'hours', message: 'must be between 0 and 99999.9, in tenths of an hour' }]);
          done = true;
          return json(200, closed);
        },
      }),
    );
    renderApp(`/matters/${MATTER}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Close the matter…' }));
    const form = within(screen.getByRole('form', { name: 'Close the matter' }));

    // Nothing is asked while an answer is missing or the hours are not hours.
    await user.type(form.getByLabelText(/^Hours given/), '12.55');
    await user.click(form.getByRole('button', { name: 'Close the matter' }));
    expect(form.getByText('Choose how the matter ended.')).toBeTruthy();
    expect(form.getByText('Say whether the client’s goal was met.')).toBeTruthy();
    expect(form.getByText('Enter the hours as a number with at most one decimal, like 12.5.')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Confirm closing the matter' })).toBeNull();

    // The closing categories are the LSC ones, in words.
    await user.selectOptions(form.getByLabelText('How the matter ended'), 'Negotiated settlement without litigation');
    await user.click(form.getByRole('radio', { name: 'Yes' }));
    await user.clear(form.getByLabelText(/^Hours given/));
    await user.type(form.getByLabelText(/^Hours given/), '12.5');
    await user.type(form.getByLabelText(/^Note/), 'Landlord agreed to repairs and a payment plan.');
    await user.click(form.getByRole('button', { name: 'Close the matter' }));
    const confirm = within(screen.getByRole('group', { name: 'Confirm closing the matter' }));
    expect(confirm.getByText(/Negotiated settlement without litigation/)).toBeTruthy();
    expect(confirm.getByText(/goal met, after 12.5 hours\?/)).toBeTruthy();
    expect(sent).toHaveLength(0);

    // The server's field error shows beside its field, and the question is asked again.
    await user.click(confirm.getByRole('button', { name: 'Yes, close the matter' }));
    expect(await form.findByText('This must be between 0 and 99999.9, in tenths of an hour.')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Confirm closing the matter' })).toBeNull();
    await user.click(form.getByRole('button', { name: 'Close the matter' }));
    await user.click(screen.getByRole('button', { name: 'Yes, close the matter' }));

    const outcome = within(await screen.findByRole('region', { name: 'Outcome' }));
    expect(await screen.findByText('The matter is closed, and its referral with it.')).toBeTruthy();
    expect(outcome.getByText('Negotiated settlement without litigation')).toBeTruthy();
    expect(outcome.getByText('Met')).toBeTruthy();
    expect(outcome.getByText('12.5 hours')).toBeTruthy();
    expect(outcome.getByText('Landlord agreed to repairs and a payment plan.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Close the matter/ })).toBeNull();
    expect(sent[1]).toEqual({ outcome: 'settlement_without_litigation', goal_met: true, hours: 12.5, note: 'Landlord agreed to repairs and a payment plan.' });
  }, 30_000);

  it('takes the question back when an answer changes after it was asked', async () => {
    vi.stubGlobal('fetch', fakeApi({ ...signedInAs(attorneyMe), [`GET /matters/${MATTER}`]: () => json(200, matter) }));
    renderApp(`/matters/${MATTER}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Close the matter…' }));
    const form = within(screen.getByRole('form', { name: 'Close the matter' }));
    await user.selectOptions(form.getByLabelText('How the matter ended'), 'counsel_advice');
    await user.click(form.getByRole('radio', { name: 'No' }));
    await user.type(form.getByLabelText(/^Hours given/), '1');
    await user.click(form.getByRole('button', { name: 'Close the matter' }));
    expect(screen.getByText(/goal not met, after 1 hour\?/)).toBeTruthy();
    await user.type(form.getByLabelText(/^Hours given/), '0');
    expect(screen.queryByRole('group', { name: 'Confirm closing the matter' })).toBeNull();
  });

  it('lets the firm’s coordinator close it, and not the referring organisation, which sees the outcome once closed', async () => {
    vi.stubGlobal('fetch', fakeApi({ ...signedInAs(coordinatorMe), [`GET /matters/${MATTER}`]: () => json(200, matter) }));
    renderApp(`/matters/${MATTER}`);
    expect(await screen.findByRole('button', { name: 'Close the matter…' })).toBeTruthy();
    cleanup();

    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(staffMe),
        [`GET /matters/${MATTER}`]: () => json(200, closed),
        [`GET /matters/${MATTER}/feedback`]: () => json(200, { items: [] }),
      }),
    );
    renderApp(`/matters/${MATTER}`);
    const outcome = within(await screen.findByRole('region', { name: 'Outcome' }));
    expect(outcome.getByText('Negotiated settlement without litigation')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Close the matter/ })).toBeNull();
  });
});
