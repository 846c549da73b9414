/** Records the API answers with, shared by the page tests. */

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

/** The reference lists, empty: pages then show codes instead of names. */
export const emptyReference = {
  'GET /practice-areas': () => json(200, { items: [] }),
  'GET /languages': () => json(200, { items: [] }),
  'GET /jurisdictions': () => json(200, { items: [] }),
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
