// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import type { Matter, Offer } from '../../api/types';
import { attorneyMe, emptyReference } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = {
  'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
  'GET /me': () => json(200, attorneyMe),
  'GET /notifications/unread-count': () => json(200, { count: 0 }),
  ...emptyReference,
};

const OFFER = '7a1e0c2a-0000-4000-8000-000000000001';
const MATTER = '7a1e0c2a-0000-4000-8000-000000000002';
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const brief: Offer['referral'] = {
  id: '7a1e0c2a-0000-4000-8000-000000000003',
  organization_id: '7a1e0c2a-0000-4000-8000-000000000004',
  organization_name: 'Northside Legal Aid Society',
  status: 'offered',
  practice_area: 'housing.private_landlord_tenant',
  jurisdiction: 'IL',
  urgency: 'urgent',
  summary: 'Eviction for non-payment after a rent increase.',
  remote_allowed: true,
  limited_scope: false,
};

const offer = (overrides: Partial<Offer> = {}): Offer => ({
  id: OFFER,
  referral: brief,
  attorney_id: attorneyMe.id,
  attorney_name: attorneyMe.name,
  firm_id: attorneyMe.organization.id,
  firm_name: attorneyMe.organization.name,
  mode: 'broadcast',
  status: 'pending',
  rank: 1,
  score: 0.82,
  created_at: new Date().toISOString(),
  expires_at: inHours(26.5),
  ...overrides,
});

const matter: Matter = {
  id: MATTER,
  referral: { ...brief, status: 'accepted' },
  offer_id: OFFER,
  attorney_id: attorneyMe.id,
  attorney_name: attorneyMe.name,
  firm_id: attorneyMe.organization.id,
  firm_name: attorneyMe.organization.name,
  status: 'active',
  started_at: new Date().toISOString(),
  client: { name: 'María González', phone: '312-555-0100' },
};

describe('accepting an offer', () => {
  it('asks for the attestation before sending anything, then opens the matter with the client’s details', async () => {
    const accepted = vi.fn((request: Request) => request.json().then((body) => (expect(body).toEqual({ attest_no_conflict: true }), json(201, matter))));
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /offers/7a1e0c2a-0000-4000-8000-000000000001': () => json(200, offer()),
        'POST /offers/7a1e0c2a-0000-4000-8000-000000000001/accept': accepted,
        'GET /matters/7a1e0c2a-0000-4000-8000-000000000002': () => json(200, matter),
      }),
    );
    renderApp(`/offers/${OFFER}`);
    const user = userEvent.setup();

    const facts = within(await screen.findByRole('region', { name: 'The offer' }));
    expect(facts.getByText((_, el) => el?.tagName === 'DD' && /^1 day 2 hours · /.test(el.textContent ?? ''))).toBeTruthy();
    expect(facts.getByText(/best-placed eligible attorney \(a fit of 82%\)/)).toBeTruthy();
    // Nothing of the client before accepting.
    expect(screen.queryByText('María González')).toBeNull();

    const form = within(screen.getByRole('form', { name: 'Accept the offer' }));
    await user.click(form.getByRole('button', { name: 'Accept' }));
    const box = form.getByRole('checkbox', { name: 'I know of no conflict of interest' });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(form.getByText('Tick the box to confirm that you know of no conflict of interest.')).toBeTruthy();
    expect(accepted).not.toHaveBeenCalled();

    await user.click(box);
    expect(form.queryByText(/Tick the box/)).toBeNull();
    await user.click(form.getByRole('button', { name: 'Accept' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Matter' })).toBeTruthy();
    expect(screen.getByText(/^You accepted the referral./)).toBeTruthy();
    const client = within(await screen.findByRole('region', { name: 'Client' }));
    expect(client.getByText('María González')).toBeTruthy();
    expect(client.getByText('312-555-0100')).toBeTruthy();
    expect(accepted).toHaveBeenCalledTimes(1);
  });

  it('says so when another attorney accepted first, and asks for the offer again', async () => {
    let taken = false;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /offers/7a1e0c2a-0000-4000-8000-000000000001': () => json(200, offer(taken ? { status: 'closed' } : {})),
        'POST /offers/7a1e0c2a-0000-4000-8000-000000000001/accept': () => {
          taken = true;
          return new Response(
            JSON.stringify({ type: 'https://probono-match.org/problems/offer-taken', title: 'Conflict', status: 409, detail: 'Another attorney has already accepted this referral.' }),
            { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
          );
        },
      }),
    );
    renderApp(`/offers/${OFFER}`);
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Accept the offer' }));
    await user.click(form.getByRole('checkbox', { name: 'I know of no conflict of interest' }));
    await user.click(form.getByRole('button', { name: 'Accept' }));

    expect(await screen.findByText('Another attorney accepted this referral first. Nothing more is needed from you.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Accept the offer' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'The offer' })).getByText('Taken by another attorney')).toBeTruthy();
  });
});

describe('declining an offer', () => {
  it('needs a reason, and a note for another reason, then records the answer', async () => {
    let answered: Offer | undefined;
    const declined = vi.fn(async (request: Request) => {
      const body = (await request.json()) as { reason: string; note?: string };
      expect(body).toEqual({ reason: 'other', note: 'On leave until March.' });
      answered = offer({ status: 'declined', decline_reason: 'other', decline_note: body.note });
      return json(200, answered);
    });
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /offers/7a1e0c2a-0000-4000-8000-000000000001': () => json(200, answered ?? offer()),
        'POST /offers/7a1e0c2a-0000-4000-8000-000000000001/decline': declined,
        'GET /offers': () => json(200, { items: [] }),
      }),
    );
    renderApp(`/offers/${OFFER}`);
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Decline the offer' }));

    await user.click(form.getByRole('button', { name: 'Decline' }));
    expect(form.getByText('Choose a reason.')).toBeTruthy();

    await user.selectOptions(form.getByLabelText('Reason'), 'other');
    await user.click(form.getByRole('button', { name: 'Decline' }));
    expect(form.queryByText('Choose a reason.')).toBeNull();
    expect(form.getByText('Say what the reason is.')).toBeTruthy();
    expect(form.getByLabelText(/^Note/).getAttribute('aria-invalid')).toBe('true');
    expect(declined).not.toHaveBeenCalled();

    await user.type(form.getByLabelText(/^Note/), '  On leave until March. ');
    await user.click(form.getByRole('button', { name: 'Decline' }));

    const facts = within(await screen.findByRole('region', { name: 'The offer' }));
    expect(await facts.findByText('Declined')).toBeTruthy();
    expect(facts.getByText('Another reason: On leave until March.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Decline the offer' })).toBeNull();
    expect(declined).toHaveBeenCalledTimes(1);
  });

  it('sends a listed reason without a note, and shows the server’s field message', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        'GET /offers/7a1e0c2a-0000-4000-8000-000000000001': () => json(200, offer()),
        'POST /offers/7a1e0c2a-0000-4000-8000-000000000001/decline': async (request) => {
          expect(await request.json()).toEqual({ reason: 'no_capacity' });
          return problem(422, 'The request is invalid.', [{ field: 'reason', message: 'must be one of no_capacity, conflict, outside_expertise, other' }]);
        },
      }),
    );
    renderApp(`/offers/${OFFER}`);
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Decline the offer' }));
    await user.selectOptions(form.getByLabelText('Reason'), 'no_capacity');
    await user.click(form.getByRole('button', { name: 'Decline' }));
    expect((await form.findByLabelText('Reason')).getAttribute('aria-invalid')).toBe('true');
  });
});
