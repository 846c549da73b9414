/** Records the API answers with, shared by the page tests. */
import type { Matter } from '../api/types';

export const firm = {
  id: '0b7c2c1e-0000-4000-8000-000000000002',
  name: 'Hartwell & Pierce LLP',
  kind: 'law_firm',
  limited_scope_program: false,
  active: true,
  created_at: '2026-01-05T10:00:00Z',
};

export const coordinatorMe = {
  id: '0b7c2c1e-0000-4000-8000-000000000001',
  email: 'coordinator@hartwell.example',
  name: 'Dana Whitfield',
  role: 'coordinator',
  organization: firm,
};

export const staffMe = {
  id: '0b7c2c1e-0000-4000-8000-000000000004',
  email: 'staff@northside.example',
  name: 'Lena Ortiz',
  role: 'nonprofit_staff',
  organization: {
    id: '0b7c2c1e-0000-4000-8000-00000000000a',
    name: 'Northside Legal Aid',
    kind: 'nonprofit',
    limited_scope_program: false,
    active: true,
    created_at: '2026-01-05T10:00:00Z',
  },
};

export const attorneyMe = { ...coordinatorMe, id: '0b7c2c1e-0000-4000-8000-000000000003', name: 'Priya Raman', role: 'attorney' };

export function referral(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    organization_id: '0b7c2c1e-0000-4000-8000-00000000000a',
    organization_name: 'Northside Legal Aid',
    status: 'submitted',
    practice_area: 'housing',
    jurisdiction: 'IL',
    summary: `Tenant facing eviction (${id.slice(-4)})`,
    urgency: 'urgent',
    limited_scope: false,
    remote_allowed: true,
    eligibility: { household_size: 3, poverty_percent: 87.8, guideline_year: 2026, guideline_region: 'contiguous' },
    parties: [{ name: 'Lakeview Property Management LLC', role: 'adverse', kind: 'organization', aliases: [] }],
    redacted: true,
    created_at: '2026-11-30T10:00:00Z',
    updated_at: '2026-11-30T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

/** The matter Priya Raman took on Northside's housing referral, at work. */
export const activeMatter: Matter = {
  id: '7a1e0c2a-0000-4000-8000-000000000002',
  referral: {
    id: '7a1e0c2a-0000-4000-8000-000000000003',
    organization_id: staffMe.organization.id,
    organization_name: staffMe.organization.name,
    status: 'in_progress',
    practice_area: 'housing.private_landlord_tenant',
    jurisdiction: 'IL',
    urgency: 'urgent',
    summary: 'Eviction for non-payment after a rent increase.',
    remote_allowed: true,
    limited_scope: false,
  },
  offer_id: '7a1e0c2a-0000-4000-8000-000000000001',
  attorney_id: attorneyMe.id,
  attorney_name: attorneyMe.name,
  firm_id: attorneyMe.organization.id,
  firm_name: attorneyMe.organization.name,
  status: 'active',
  started_at: '2026-10-01T10:00:00Z',
  in_progress_at: '2026-10-02T10:00:00Z',
};

/** The same matter closed by its attorney, with its outcome. */
export const closedMatter: Matter = {
  ...activeMatter,
  status: 'closed',
  referral: { ...activeMatter.referral, status: 'closed' },
  ended_at: '2026-12-01T16:00:00Z',
  outcome: 'settlement_without_litigation',
  goal_met: true,
  closing_hours: 12.5,
  outcome_note: 'Landlord agreed to repairs and a payment plan.',
  closed_by_name: attorneyMe.name,
};

/** The reference lists, empty: pages then show codes instead of names. */
export const emptyReference = {
  'GET /practice-areas': () => json(200, { items: [] }),
  'GET /languages': () => json(200, { items: [] }),
  'GET /jurisdictions': () => json(200, { items: [] }),
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
