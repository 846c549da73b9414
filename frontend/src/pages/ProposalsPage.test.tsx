// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe, emptyReference } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };

const proposal = (n: number, attorney: string) => ({
  id: `0b7c2c1e-0000-4000-8000-0000000000e${n}`,
  run_id: '0b7c2c1e-0000-4000-8000-0000000000f0',
  referral: {
    id: `0b7c2c1e-0000-4000-8000-0000000000a${n}`,
    organization_id: '0b7c2c1e-0000-4000-8000-0000000000b0',
    organization_name: 'Northside Legal Aid Society',
    status: 'submitted',
    practice_area: 'housing',
    jurisdiction: 'IL',
    urgency: 'urgent',
    summary: 'Tenant facing eviction.',
    deadline: '2026-12-24',
    remote_allowed: true,
    limited_scope: false,
  },
  attorney_id: `0b7c2c1e-0000-4000-8000-0000000000c${n}`,
  attorney_name: attorney,
  firm_id: '0b7c2c1e-0000-4000-8000-0000000000d0',
  firm_name: 'Hartwell & Pierce LLP',
  score: 0.874,
  status: 'proposed',
  created_at: '2026-12-04T02:00:05Z',
});

describe('the coordinator’s Proposals page', () => {
  it('lists the proposals with their fit, sends one as an offer and shows why another cannot be sent', async () => {
    let items = [proposal(1, 'James Okafor'), proposal(2, 'Priya Raman')];
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /proposals': () => json(200, { items }),
        [`POST /proposals/${items[0].id}/send`]: () => {
          sent.push(items[0].id);
          items = items.slice(1);
          return json(201, { id: '0b7c2c1e-0000-4000-8000-000000000099' });
        },
        [`POST /proposals/${items[1].id}/send`]: () => problem(409, 'Priya Raman is no longer eligible for this referral.'),
      }),
    );
    renderApp('/proposals');

    expect(await screen.findByRole('heading', { level: 1, name: 'Proposals' })).toBeTruthy();
    const list = within(await screen.findByRole('region', { name: 'Proposals waiting for a decision' }));
    expect(list.getByRole('status').textContent).toBe('2 proposals are waiting.');
    const james = within(list.getByRole('row', { name: /James Okafor/ }));
    expect(james.getByText('87%')).toBeTruthy();
    expect(james.getByText('Northside Legal Aid Society')).toBeTruthy();

    const user = userEvent.setup();
    await user.click(james.getByRole('button', { name: 'Send offer' }));
    expect(await screen.findByText('The referral has been offered to James Okafor.')).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(await screen.findByText('1 proposal is waiting.')).toBeTruthy();

    const priya = within(screen.getByRole('row', { name: /Priya Raman/ }));
    await user.click(priya.getByRole('button', { name: 'Send offer' }));
    expect(await priya.findByText(/no longer eligible/)).toBeTruthy();
  });
});
