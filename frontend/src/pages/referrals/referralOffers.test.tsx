// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import type { Matter, Offer, TimelineStep } from '../../api/types';
import { emptyReference, firm, referral, staffMe } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const ID = '0b7c2c1e-0000-4000-8000-0000000000c1';
const OTHER = '0b7c2c1e-0000-4000-8000-0000000000c2';
const PRIYA = '0b7c2c1e-0000-4000-8000-0000000000a1';
const SAM = '0b7c2c1e-0000-4000-8000-0000000000a2';
const own = referral(ID, { redacted: false, status: 'offered', organization_id: staffMe.organization.id, client: { name: 'María González' } });
const brief = { ...own, id: ID } as unknown as Offer['referral'];

const offer = (id: string, overrides: Partial<Offer>): Offer => ({
  id,
  referral: brief,
  attorney_id: PRIYA,
  attorney_name: 'Priya Raman',
  firm_id: firm.id,
  firm_name: firm.name,
  mode: 'broadcast',
  status: 'pending',
  created_at: '2026-12-03T10:00:00Z',
  expires_at: '2026-12-04T10:00:00Z',
  ...overrides,
});
const declined = offer('0b7c2c1e-0000-4000-8000-0000000000d1', { status: 'declined', decline_reason: 'no_capacity', responded_at: '2026-12-03T12:00:00Z' });
const volunteer = offer('0b7c2c1e-0000-4000-8000-0000000000d2', { attorney_id: SAM, attorney_name: 'Sam Lee', mode: 'volunteer', expires_at: undefined });
const elsewhere = offer('0b7c2c1e-0000-4000-8000-0000000000d3', { attorney_name: 'Ada Moss', referral: { ...brief, id: OTHER } });
const matter: Matter = {
  id: '0b7c2c1e-0000-4000-8000-0000000000e1',
  referral: { ...brief, status: 'accepted' },
  offer_id: volunteer.id,
  attorney_id: SAM,
  attorney_name: 'Sam Lee',
  firm_id: firm.id,
  firm_name: firm.name,
  status: 'active',
  started_at: '2026-12-03T13:00:00Z',
};
const steps: TimelineStep[] = [
  { id: 1, at: '2026-12-03T09:00:00Z', action: 'created', actor_name: 'Lena Ortiz', fields: [], to_status: 'submitted' },
  { id: 2, at: '2026-12-03T10:00:00Z', action: 'offered', actor_name: 'Lena Ortiz', fields: [], attorney_name: 'Priya Raman', firm_name: firm.name },
  { id: 3, at: '2026-12-03T12:00:00Z', action: 'declined', actor_name: 'Priya Raman', fields: [], reason: 'no_capacity', attorney_name: 'Priya Raman', firm_name: firm.name },
];

function serve(routes: Parameters<typeof fakeApi>[0]) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, staffMe),
      ...emptyReference,
      [`GET /referrals/${ID}/conflict-inquiries`]: () => json(200, { items: [] }),
      [`GET /referrals/${ID}/candidates`]: () => json(200, { referral_id: ID, detail: 'summary', items: [], eligible: 0, excluded: {} }),
      [`GET /referrals/${ID}/timeline`]: () => json(200, { items: steps }),
      ...routes,
    }),
  );
}

describe('a referral’s offers, for its referring organisation', () => {
  it('lists this referral’s offers with their answers, confirms a volunteer and then shows who took it', async () => {
    let confirmed = false;
    serve({
      [`GET /referrals/${ID}`]: () => json(200, confirmed ? { ...own, status: 'accepted' } : own),
      'GET /offers': () =>
        json(200, { items: confirmed ? [{ ...volunteer, status: 'accepted' }, declined, elsewhere] : [volunteer, declined, elsewhere] }),
      'GET /matters': () => json(200, { items: confirmed ? [matter] : [] }),
      [`POST /offers/${volunteer.id}/confirm`]: () => {
        confirmed = true;
        return json(201, matter);
      },
    });
    renderApp(`/referrals/${ID}`);
    const offers = within(await screen.findByRole('region', { name: 'Offers' }));
    const priya = within(await offers.findByRole('row', { name: /Priya Raman/ }));
    expect(priya.getByText('Declined')).toBeTruthy();
    expect(priya.getByText('No capacity')).toBeTruthy();
    expect(offers.getByRole('row', { name: /Sam Lee/ })).toBeTruthy();
    expect(offers.queryByText('Ada Moss')).toBeNull(); // another referral's offer

    const timeline = within(screen.getByRole('region', { name: 'Timeline' }));
    expect(await timeline.findByText('Offered to Priya Raman (Hartwell & Pierce LLP)')).toBeTruthy();
    expect(timeline.getByText('Declined: Priya Raman (Hartwell & Pierce LLP) — No capacity')).toBeTruthy();

    const volunteers = within(screen.getByRole('region', { name: 'Volunteers awaiting confirmation' }));
    await userEvent.setup().click(volunteers.getByRole('button', { name: 'Confirm Sam Lee' }));

    const takenBy = within(await screen.findByRole('region', { name: 'Taken by' }));
    expect(takenBy.getByText('Sam Lee, Hartwell & Pierce LLP')).toBeTruthy();
    expect(takenBy.getByText('Active, work not started yet')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Volunteers awaiting confirmation' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Offers' })).getByRole('row', { name: /Sam Lee/ }).textContent).toContain('Accepted');
  });

  it('says why a confirmation failed', async () => {
    serve({
      [`GET /referrals/${ID}`]: () => json(200, own),
      'GET /offers': () => json(200, { items: [volunteer] }),
      'GET /matters': () => json(200, { items: [] }),
      [`POST /offers/${volunteer.id}/confirm`]: () => problem(409, 'Another attorney has already accepted this referral.'),
    });
    renderApp(`/referrals/${ID}`);
    const volunteers = within(await screen.findByRole('region', { name: 'Volunteers awaiting confirmation' }));
    await userEvent.setup().click(volunteers.getByRole('button', { name: 'Confirm Sam Lee' }));
    expect((await volunteers.findByRole('alert')).textContent).toContain('Another attorney has already accepted this referral.');
  });
});
