import { describe, expect, it } from 'vitest';
import { roleLabel, rolesForKind } from './roles';

describe('rolesForKind', () => {
  it('offers firm roles to law firms', () => {
    expect(rolesForKind('law_firm')).toEqual(['attorney', 'coordinator', 'org_admin']);
  });

  it.each(['nonprofit', 'public_defender', 'clinic'] as const)('offers referrer roles to a %s', (kind) => {
    expect(rolesForKind(kind)).toEqual(['nonprofit_staff', 'org_admin']);
  });

  it('offers only the platform admin role on the platform', () => {
    expect(rolesForKind('platform')).toEqual(['platform_admin']);
  });
});

describe('roleLabel', () => {
  it.each([
    ['nonprofit', 'Nonprofit staff'],
    ['public_defender', 'Public defender staff'],
    ['clinic', 'Clinic staff'],
  ] as const)('names the staff of a %s after it', (kind, label) => {
    expect(roleLabel('nonprofit_staff', kind)).toBe(label);
  });

  it('names the other roles the same in every organisation', () => {
    expect(roleLabel('org_admin', 'public_defender')).toBe('Organisation admin');
    expect(roleLabel('coordinator', 'law_firm')).toBe('Pro bono coordinator');
  });
});
