import { attorneyMe, firm } from './fixtures';

/** Records of the hours and credit API, shared by the timesheet, approval and credit page tests. */

export const MATTER = '5d1c0e2a-0000-4000-8000-000000000001';
export const OTHER_MATTER = '5d1c0e2a-0000-4000-8000-000000000002';

export function matter(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    referral: {
      id: `${id.slice(0, -1)}9`,
      organization_id: '0b7c2c1e-0000-4000-8000-00000000000a',
      organization_name: 'Northside Legal Aid Society',
      status: 'accepted',
      practice_area: 'housing',
      jurisdiction: 'IL',
      urgency: 'soon',
      summary: 'Tenant facing eviction',
      remote_allowed: true,
      limited_scope: false,
    },
    offer_id: '5d1c0e2a-0000-4000-8000-0000000000f1',
    attorney_id: attorneyMe.id,
    attorney_name: attorneyMe.name,
    firm_id: firm.id,
    firm_name: firm.name,
    status: 'active',
    started_at: '2026-11-02T10:00:00Z',
    ...overrides,
  };
}

let serial = 0;

export function timeEntry(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    id: `7e0e0000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    matter_id: MATTER,
    attorney_id: attorneyMe.id,
    attorney_name: attorneyMe.name,
    firm_id: firm.id,
    work_date: '2026-12-01',
    minutes: 150,
    hours: 2.5,
    activity: 'research',
    narrative: 'Researched the notice requirements',
    status: 'draft',
    source: 'manual',
    created_at: '2026-12-01T18:00:00Z',
    version: 1,
    matter: { referral_id: '5d1c0e2a-0000-4000-8000-000000000009', practice_area: 'housing', jurisdiction: 'IL', referrer_name: 'Northside Legal Aid Society' },
    ...overrides,
  };
}

export function attorneyCredit(overrides: Record<string, unknown> = {}) {
  return {
    attorney_id: attorneyMe.id,
    attorney_name: attorneyMe.name,
    fiscal_year: 2026,
    starts_on: '2026-01-01',
    ends_on: '2026-12-31',
    approved_hours: 45,
    credited_hours: 40,
    annual_cap_hours: 50,
    remaining_cap: 10,
    annual_goal_hours: 60,
    goal_progress: 0.75,
    by_month: [
      { month: '2026-10', hours: 20, credited_hours: 20 },
      { month: '2026-11', hours: 25, credited_hours: 20 },
    ],
    by_practice_area: [
      { practice_area: 'housing', hours: 30 },
      { practice_area: 'family', hours: 15 },
    ],
    ...overrides,
  };
}
