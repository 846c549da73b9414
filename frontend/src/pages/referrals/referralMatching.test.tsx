// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import type { Candidate, CandidateExplanation, CandidateList, Matter, Offer, TimelineStep } from '../../api/types';
import { coordinatorMe, emptyReference, firm, referral, staffMe } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const ID = '0b7c2c1e-0000-4000-8000-0000000000c1';
const PRIYA = '0b7c2c1e-0000-4000-8000-0000000000a1';
const SAM = '0b7c2c1e-0000-4000-8000-0000000000a2';
const ADA = '0b7c2c1e-0000-4000-8000-0000000000a3';
const OMAR = '0b7c2c1e-0000-4000-8000-0000000000a4';
const OTHER = '0b7c2c1e-0000-4000-8000-0000000000c2';
const own = referral(ID, { redacted: false, status: 'submitted', organization_id: staffMe.organization.id, mentored_ok: false });

const factors = (experience: number): Candidate['factors'] => [
  { name: 'experience', weight: 3, value: experience, why: experience > 0.9 ? 'Expert in eviction defence.' : 'Some experience in housing.' },
  { name: 'availability', weight: 2, value: 0.5 },
  { name: 'language', weight: 0, value: 1, why: 'Speaks Spanish.' },
];
const candidate = (attorney_id: string, attorney_name: string, score: number): Candidate => ({
  attorney_id,
  attorney_name,
  firm_id: firm.id,
  firm_name: firm.name,
  score,
  mentored: false,
  practice_areas: [{ code: 'housing', experience: 'expert' }],
  factors: factors(score),
});
const ranking: CandidateList = {
  referral_id: ID,
  detail: 'summary',
  items: [candidate(PRIYA, 'Priya Raman', 0.92), candidate(SAM, 'Sam Lee', 0.81), candidate(ADA, 'Ada Moss', 0.64)],
  eligible: 3,
  excluded: { bar_admission: 12, practice_area: 0, language: 0, capacity_matters: 2, capacity_hours: 0, blackout: 0, conflict: 0, declined: 1, work_mode: 0 },
};
const madeOffer = (attorney_id: string, attorney_name: string): Offer => ({
  id: `0b7c2c1e-0000-4000-8000-0000000001${attorney_id.slice(-2)}`,
  referral: { ...own, status: 'offered' } as unknown as Offer['referral'],
  attorney_id,
  attorney_name,
  firm_id: firm.id,
  firm_name: firm.name,
  mode: 'broadcast',
  status: 'pending',
  created_at: '2026-12-03T10:00:00Z',
  expires_at: '2026-12-04T10:00:00Z',
});
const volunteer: Offer = { ...madeOffer(SAM, 'Sam Lee'), mode: 'volunteer', expires_at: undefined };
const declined: Offer = { ...madeOffer(PRIYA, 'Priya Raman'), status: 'declined', decline_reason: 'no_capacity', responded_at: '2026-12-03T12:00:00Z' };
const elsewhere: Offer = { ...madeOffer(ADA, 'Ada Moss'), referral: { ...madeOffer(ADA, 'Ada Moss').referral, id: OTHER } };
const matter: Matter = {
  id: '0b7c2c1e-0000-4000-8000-0000000000e1',
  referral: { ...volunteer.referral, status: 'accepted' },
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
const names: Record<string, string> = { [PRIYA]: 'Priya Raman', [SAM]: 'Sam Lee', [ADA]: 'Ada Moss' };

function serve(me: unknown, routes: Parameters<typeof fakeApi>[0]) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, me),
      ...emptyReference,
      [`GET /referrals/${ID}`]: () => json(200, own),
      [`GET /referrals/${ID}/candidates`]: () => json(200, ranking),
      [`GET /referrals/${ID}/conflict-inquiries`]: () => json(200, { items: [] }),
      [`GET /referrals/${ID}/timeline`]: () => json(200, { items: [] }),
      'GET /offers': () => json(200, { items: [] }),
      'GET /matters': () => json(200, { items: [] }),
      ...routes,
    }),
  );
}

/** Answers offers as the API would, naming the attorneys each request reached, and keeps the requests. */
function offersEndpoint(sent: unknown[]) {
  return async (request: Request) => {
    const body = (await request.json()) as { mode: string; count?: number; attorney_ids?: string[] };
    sent.push(body);
    const ids = body.attorney_ids ?? (body.mode === 'sequential' ? [PRIYA] : [PRIYA, SAM, ADA].slice(0, body.count));
    return json(201, { items: ids.map((id) => madeOffer(id, names[id])) });
  };
}

describe('the candidates panel and its offer controls', () => {
  it('ranks the candidates with their reasons and who was left out, and offers to the best, the top few and the ones ticked', async () => {
    const sent: unknown[] = [];
    serve(staffMe, { [`POST /referrals/${ID}/offers`]: offersEndpoint(sent) });
    renderApp(`/referrals/${ID}`);
    const user = userEvent.setup();
    const panel = within(await screen.findByRole('region', { name: 'Candidates' }));

    const ranked = within(await panel.findByRole('list', { name: 'Ranked candidates' }));
    const items = ranked.getAllByRole('article');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual([
      'Priya Raman, Hartwell & Pierce LLP',
      'Sam Lee, Hartwell & Pierce LLP',
      'Ada Moss, Hartwell & Pierce LLP',
    ]);
    const priya = within(items[0]);
    expect(priya.getByText('Score 92%')).toBeTruthy();
    expect(priya.getByText('Expert in eviction defence.')).toBeTruthy();
    expect(priya.getByRole('meter', { name: 'Experience 92%' })).toBeTruthy();
    expect(priya.queryByText('Speaks Spanish.')).toBeNull(); // a factor weighted 0 does not count
    const left = within(panel.getByRole('list', { name: 'Attorneys left out' }));
    expect(left.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Not admitted to the bar in this jurisdiction: 12',
      'At their limit of matters: 2',
      'Declined this referral before: 1',
    ]);

    await user.click(panel.getByRole('button', { name: 'Offer to the best candidate' }));
    expect(await panel.findByText('Offered to Priya Raman.')).toBeTruthy();
    expect(sent).toEqual([{ mode: 'sequential' }]);

    // How many is checked before anything is sent.
    const howMany = panel.getByLabelText('How many');
    await user.clear(howMany);
    await user.type(howMany, '25');
    await user.click(panel.getByRole('button', { name: 'Offer to the top candidates' }));
    expect(panel.getByText('Enter how many candidates between 1 and 20.')).toBeTruthy();
    expect(sent).toHaveLength(1);
    await user.clear(howMany);
    await user.type(howMany, '2');
    await user.click(panel.getByRole('button', { name: 'Offer to the top candidates' }));
    expect(await panel.findByText('Offered to Priya Raman and Sam Lee.')).toBeTruthy();
    expect(sent[1]).toEqual({ mode: 'broadcast', count: 2 });

    const chosen = panel.getByRole('button', { name: 'Offer to the chosen candidates' }) as HTMLButtonElement;
    expect(chosen.disabled).toBe(true);
    await user.click(panel.getByRole('checkbox', { name: 'Choose Ada Moss' }));
    await user.click(panel.getByRole('checkbox', { name: 'Choose Sam Lee' }));
    expect(panel.getByText('Chosen: Sam Lee and Ada Moss.')).toBeTruthy();
    await user.click(chosen);
    expect(await panel.findByText('Offered to Sam Lee and Ada Moss.')).toBeTruthy();
    expect(sent[2]).toEqual({ mode: 'broadcast', attorney_ids: [SAM, ADA] });
    // The ticks are cleared once the offers are made.
    expect((panel.getByRole('checkbox', { name: 'Choose Sam Lee' }) as HTMLInputElement).checked).toBe(false);
  }, 30_000);

  it('says why the server refused an offer, in its words', async () => {
    serve(staffMe, {
      [`POST /referrals/${ID}/offers`]: () => problem(409, 'Every eligible candidate has been offered this referral already.'),
    });
    renderApp(`/referrals/${ID}`);
    const panel = within(await screen.findByRole('region', { name: 'Candidates' }));
    await userEvent.setup().click(await panel.findByRole('button', { name: 'Offer to the best candidate' }));
    expect((await panel.findByRole('alert')).textContent).toContain('Every eligible candidate has been offered this referral already.');
  });

  it('lets a firm’s coordinator route the referral to attorneys of the firm they tick', async () => {
    const sent: unknown[] = [];
    serve(coordinatorMe, {
      [`GET /referrals/${ID}`]: () => json(200, referral(ID, { mentored_ok: false })),
      [`GET /referrals/${ID}/conflict-check`]: () =>
        json(200, { referral_id: ID, firm_id: firm.id, result: 'clear', checked_at: '2026-12-03T09:00:00Z', hits: [] }),
      [`GET /referrals/${ID}/candidates`]: () => json(200, { ...ranking, detail: 'full', items: ranking.items.slice(0, 2), eligible: 2 }),
      'GET /attorneys': () => json(200, { items: [] }),
      [`POST /referrals/${ID}/offers`]: offersEndpoint(sent),
    });
    renderApp(`/referrals/${ID}`);
    const user = userEvent.setup();
    const panel = within(await screen.findByRole('region', { name: 'Candidates' }));
    expect(await panel.findByText('2 of your firm’s attorneys fit this referral, best first.')).toBeTruthy();
    expect(panel.queryByRole('button', { name: 'Offer to the best candidate' })).toBeNull();
    const route = panel.getByRole('button', { name: 'Route to the chosen attorneys' }) as HTMLButtonElement;
    expect(route.disabled).toBe(true);
    await user.click(panel.getByRole('checkbox', { name: 'Choose Priya Raman' }));
    await user.click(route);
    expect(await panel.findByText('Offered to Priya Raman.')).toBeTruthy();
    expect(sent).toEqual([{ mode: 'routed', attorney_ids: [PRIYA] }]);
  });

  it('explains why an attorney the referral was offered to is no longer a candidate', async () => {
    const omar = { ...madeOffer(OMAR, 'Omar Haddad'), status: 'declined', decline_reason: 'no_capacity' };
    const explanation: CandidateExplanation = {
      candidate: { ...candidate(OMAR, 'Omar Haddad', 0), factors: [] },
      detail: 'summary',
      eligible: false,
      failures: [{ constraint: 'declined', why: 'Omar Haddad declined this referral on Dec 3.' }],
    };
    serve(staffMe, {
      'GET /offers': () => json(200, { items: [omar] }),
      [`GET /referrals/${ID}/candidates/${OMAR}`]: () => json(200, explanation),
    });
    renderApp(`/referrals/${ID}`);
    const user = userEvent.setup();
    const panel = within(await screen.findByRole('region', { name: 'Candidates' }));
    await user.click(await panel.findByRole('button', { name: 'Explain' }));
    expect(panel.getByText('Choose an attorney.', { selector: '.field-error' })).toBeTruthy();
    await user.selectOptions(await panel.findByLabelText('Attorney'), await panel.findByRole('option', { name: 'Omar Haddad' }));
    await user.click(panel.getByRole('button', { name: 'Explain' }));
    const why = within(await panel.findByRole('region', { name: 'Why not' }));
    expect(why.getByText('Omar Haddad declined this referral on Dec 3.')).toBeTruthy();
  });
});

describe('a referral’s offers, for its referring organisation', () => {
  it('lists this referral’s offers with their answers, confirms a volunteer and then shows who took it', async () => {
    let confirmed = false;
    serve(staffMe, {
      [`GET /referrals/${ID}`]: () => json(200, { ...own, status: confirmed ? 'accepted' : 'offered' }),
      [`GET /referrals/${ID}/timeline`]: () => json(200, { items: steps }),
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
    serve(staffMe, {
      [`GET /referrals/${ID}`]: () => json(200, { ...own, status: 'offered' }),
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
