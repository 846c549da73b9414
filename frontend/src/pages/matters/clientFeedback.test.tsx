// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import type { ClientFeedback, Matter } from '../../api/types';
import { attorneyMe, closedMatter, staffMe } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp, signedInAs } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});


const closed: Matter = { ...closedMatter, outcome: 'court_contested', goal_met: false, closing_hours: 30 };
const MATTER = closed.id;
const fromLink: ClientFeedback = {
  id: '7a1e0c2a-0000-4000-8000-0000000000f1',
  matter_id: MATTER,
  satisfaction: 4,
  comment: 'She explained every step.',
  source: 'client_link',
  created_at: '2026-12-02T09:00:00Z',
};

describe('client feedback on a closed matter', () => {
  it('shows what clients said and records what the client told staff', async () => {
    const recorded: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(staffMe),
        [`GET /matters/${MATTER}`]: () => json(200, closed),
        [`GET /matters/${MATTER}/feedback`]: () =>
          json(200, {
            items: recorded.length
              ? [{ ...fromLink, id: '7a1e0c2a-0000-4000-8000-0000000000f2', satisfaction: 2, comment: '', source: 'staff', recorded_by_name: staffMe.name, created_at: '2026-12-03T09:00:00Z' }, fromLink]
              : [fromLink],
          }),
        [`POST /matters/${MATTER}/feedback`]: async (request) => {
          recorded.push(await request.json());
          return json(201, {});
        },
      }),
    );
    renderApp(`/matters/${MATTER}`);
    const user = userEvent.setup();
    const panel = within(await screen.findByRole('region', { name: 'Client feedback' }));
    const given = within(await panel.findByRole('list', { name: 'Feedback given' }));
    expect(given.getByText('4 of 5, satisfied')).toBeTruthy();
    expect(given.getByText(/given by the client through a feedback link/)).toBeTruthy();
    expect(given.getByText('She explained every step.')).toBeTruthy();

    const form = within(panel.getByRole('form', { name: 'Record the client’s feedback' }));
    await user.click(form.getByRole('button', { name: 'Record feedback' }));
    expect(form.getByText('Choose a score from 1 to 5.')).toBeTruthy();
    expect(recorded).toHaveLength(0);
    await user.click(form.getByRole('radio', { name: '2: Dissatisfied' }));
    await user.click(form.getByRole('button', { name: 'Record feedback' }));

    expect(await panel.findByText('The client’s feedback has been recorded.')).toBeTruthy();
    expect(recorded).toEqual([{ satisfaction: 2 }]);
    expect(await panel.findByText('2 of 5, dissatisfied')).toBeTruthy();
    expect(panel.getByText(/recorded by Lena Ortiz/)).toBeTruthy();
    // The form is empty again for the next one.
    expect((panel.getByRole('radio', { name: '2: Dissatisfied' }) as HTMLInputElement).checked).toBe(false);
  });

  it('creates a single-use link, shows it once and copies it', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(staffMe),
        [`GET /matters/${MATTER}`]: () => json(200, closed),
        [`GET /matters/${MATTER}/feedback`]: () => json(200, { items: [] }),
        [`POST /matters/${MATTER}/feedback-links`]: () =>
          json(201, { url: 'http://localhost:8080/feedback/tok-123', expires_at: '2027-01-02T09:00:00Z' }),
      }),
    );
    renderApp(`/matters/${MATTER}`);
    const user = userEvent.setup();
    const panel = within(await screen.findByRole('region', { name: 'Client feedback' }));
    expect(await panel.findByText('No feedback yet.')).toBeTruthy();
    await user.click(panel.getByRole('button', { name: 'Create a feedback link' }));

    const link = within(await panel.findByRole('group', { name: 'Feedback link' }));
    expect((link.getByLabelText('Feedback link address') as HTMLInputElement).value).toBe('http://localhost:8080/feedback/tok-123');
    expect(link.getByText(/shown only now/)).toBeTruthy();
    await user.click(link.getByRole('button', { name: 'Copy' }));
    // user-event stands in for the browser's clipboard.
    expect(await navigator.clipboard.readText()).toBe('http://localhost:8080/feedback/tok-123');
    expect(await link.findByText('Copied.')).toBeTruthy();
    expect(panel.getByRole('button', { name: 'Create another link' })).toBeTruthy();
  });

  it('is not shown to the firm’s side, which may not read what the client said', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedInAs(attorneyMe),
        [`GET /matters/${MATTER}`]: () => json(200, closed),
        [`GET /matters/${MATTER}/feedback`]: () => problem(403, 'Only the referring organization records and reads a client’s feedback.'),
      }),
    );
    renderApp(`/matters/${MATTER}`);
    expect(await screen.findByRole('region', { name: 'Outcome' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Client feedback' })).toBeNull();
  });
});
