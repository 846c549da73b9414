import { describe, expect, it } from 'vitest';
import { rolesForKind } from './roles';

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
