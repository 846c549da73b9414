// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import type { ConflictCheck, ConflictInquiry, Me, Referral } from '../../api/types';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const referralId = '5d1e0c2a-0000-4000-8000-000000000010';
const hitId = '5d1e0c2a-0000-4000-8000-000000000011';

const coordinator: Me = {
  id: '5d1e0c2a-0000-4000-8000-000000000001',
  email: 'coordinator@hartwell.example',
  name: 'Dana Whitfield',
  role: 'coordinator',
  organization: { id: '5d1e0c2a-0000-4000-8000-000000000002', name: 'Hartwell & Pierce LLP', kind: 'law_firm', limited_scope_program: false, active: true, created_at: '2026-01-05T10:00:00Z' },
};

const staff: Me = {
  id: '5d1e0c2a-0000-4000-8000-000000000003',
  email: 'staff@northside.example',
  name: 'Lena Ortiz',
  role: 'nonprofit_staff',
  organization: { id: '5d1e0c2a-0000-4000-8000-000000000004', name: 'Northside Legal Aid Society', kind: 'nonprofit', limited_scope_program: false, active: true, created_at: '2026-01-05T10:00:00Z' },
};

const question: ConflictInquiry = {
  id: '5d1e0c2a-0000-4000-8000-000000000012',
  referral_id: referralId,
  hit_id: hitId,
  firm_name: 'Hartwell & Pierce LLP',
  question: 'same_person',
  entry: { name: 'Maria Gonzales', type: 'person', aliases: ['M. Gonzales'] },
  asked_by: coordinator.id,
  asked_by_name: 'Dana Whitfield',
  asked_at: '2026-12-02T08:00:00Z',
};

const check = (inquiry?: ConflictInquiry): ConflictCheck => ({
  referral_id: referralId,
  firm_id: coordinator.organization.id,
  result: 'potential',
  checked_at: '2026-12-02T07:55:00Z',
  hits: [
    {
      id: hitId,
      entry_id: '5d1e0c2a-0000-4000-8000-000000000013',
      entry_name: 'Maria Gonzales',
      entry_role: 'related',
      party_role: 'client',
      party_withheld: true,
      level: 'potential',
      match: 'similar',
      reason: "a similar name; the referral's client party matches the firm's related party",
      cleared: false,
      inquiry,
    },
  ],
});

function signedInAs(me: Me, routes: Parameters<typeof fakeApi>[0]) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 'token-1', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, me),
      'GET /practice-areas': () => json(200, { items: [] }),
      'GET /languages': () => json(200, { items: [] }),
      'GET /jurisdictions': () => json(200, { items: [] }),
      ...routes,
    }),
  );
}

describe('a conflict hit on the referral’s client', () => {
  it('shows the coordinator the firm’s entry without the client’s name, and asks the referring organisation', async () => {
    let asked: unknown;
    signedInAs(coordinator, {
      'GET /referrals/5d1e0c2a-0000-4000-8000-000000000010': () => problem(404, 'Referral not found.'),
      'GET /referrals/5d1e0c2a-0000-4000-8000-000000000010/conflict-check': () => json(200, check(asked ? question : undefined)),
      'POST /referrals/5d1e0c2a-0000-4000-8000-000000000010/conflict-check/hits/5d1e0c2a-0000-4000-8000-000000000011/inquiries':
        async (request) => {
          asked = await request.json();
          return json(201, question);
        },
    });
    renderApp(`/referrals/${referralId}`);

    const panel = await screen.findByRole('region', { name: 'Conflict check' });
    const row = (await within(panel).findByRole('rowheader', { name: 'Maria Gonzales' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Name withheld')).toBeTruthy();
    expect(within(row).getByText('Similar name')).toBeTruthy();

    await userEvent.setup().click(within(row).getByRole('button', { name: 'Ask if it is the same person about Maria Gonzales' }));

    expect(asked).toEqual({ question: 'same_person' });
    expect(await within(panel).findByText('Waiting for the referring organisation to answer.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Ask / })).toBeNull();
  });

  it('lets the referring organisation’s staff answer whether it is the same person', async () => {
    let answered: unknown;
    const referral: Referral = {
      id: referralId,
      organization_id: staff.organization.id,
      organization_name: staff.organization.name,
      status: 'submitted',
      version: 1,
      practice_area: 'housing.private_landlord_tenant',
      jurisdiction: 'IL',
      summary: 'Tenant facing eviction.',
      urgency: 'urgent',
      limited_scope: false,
      remote_allowed: true,
      mentored_ok: false,
      eligibility: { household_size: 3, annual_income: 24000, poverty_percent: 90, guideline_year: 2026, guideline_region: 'contiguous' },
      client: { name: 'María González' },
      parties: [{ name: 'María González', role: 'client', kind: 'person' }],
      redacted: false,
      created_at: '2026-12-02T07:50:00Z',
      updated_at: '2026-12-02T07:50:00Z',
    };
    signedInAs(staff, {
      'GET /referrals/5d1e0c2a-0000-4000-8000-000000000010': () => json(200, referral),
      'GET /referrals/5d1e0c2a-0000-4000-8000-000000000010/timeline': () => json(200, { items: [] }),
      'GET /offers': () => json(200, { items: [] }),
      'GET /matters': () => json(200, { items: [] }),
      'GET /referrals/5d1e0c2a-0000-4000-8000-000000000010/conflict-inquiries': () =>
        json(200, {
          items: [answered ? { ...question, answer: 'different_person', answered_by_name: 'Lena Ortiz', answered_at: '2026-12-02T08:05:00Z' } : question],
        }),
      'POST /referrals/5d1e0c2a-0000-4000-8000-000000000010/conflict-inquiries/5d1e0c2a-0000-4000-8000-000000000012/answer': async (
        request,
      ) => {
        answered = await request.json();
        return json(200, { ...question, answer: 'different_person' });
      },
    });
    renderApp(`/referrals/${referralId}`);

    const panel = await screen.findByRole('region', { name: 'Questions from firms' });
    expect(await within(panel).findByText('Is this the same person as your client?')).toBeTruthy();
    expect(within(panel).getByText('Maria Gonzales')).toBeTruthy();
    expect(within(panel).getByText('M. Gonzales')).toBeTruthy();
    expect(within(panel).getByText('Hartwell & Pierce LLP')).toBeTruthy();

    await userEvent.setup().click(within(panel).getByRole('button', { name: 'No, a different person' }));

    expect(answered).toEqual({ answer: 'different_person' });
    expect((await within(panel).findByRole('status')).textContent).toContain('No, a different person by Lena Ortiz');
  });
});
