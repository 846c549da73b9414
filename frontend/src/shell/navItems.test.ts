import { describe, expect, it } from 'vitest';
import type { OrganizationKind, Role } from '../api/types';
import { navItemsFor } from './navItems';

const labels = (role: Role, kind: OrganizationKind) => navItemsFor(role, kind).map((item) => item.label);

describe('navItemsFor', () => {
  it.each<[Role, OrganizationKind, string[]]>([
    ['attorney', 'law_firm', ['Home', 'Opportunities', 'Offers', 'My matters', 'Timesheet', 'My credit', 'My practice', 'Profile']],
    ['coordinator', 'law_firm', ['Home', 'Referrals', 'Proposals', 'To clear', 'Time approvals', 'Credit', 'Attorneys', 'Conflicts', 'Reports', 'Partnerships', 'Members', 'Audit trail', 'Profile']],
    ['org_admin', 'law_firm', ['Home', 'Attorneys', 'Conflicts', 'Referrals', 'Time approvals', 'Credit', 'Reports', 'Partnerships', 'Members', 'Audit trail', 'Profile']],
    ['nonprofit_staff', 'nonprofit', ['Home', 'Referrals', 'Impact', 'Reports', 'Partnerships', 'Profile']],
    ['nonprofit_staff', 'public_defender', ['Home', 'Referrals', 'Impact', 'Reports', 'Partnerships', 'Profile']],
    ['org_admin', 'clinic', ['Home', 'Referrals', 'Impact', 'Reports', 'Partnerships', 'Members', 'Audit trail', 'Profile']],
    ['platform_admin', 'platform', ['Home', 'Referrals', 'Impact', 'Reports', 'Partnerships', 'Audit trail', 'Organisations', 'Matching settings', 'Profile']],
  ])('shows %s of a %s the pages their role may use', (role, kind, expected) => {
    expect(labels(role, kind)).toEqual(expected);
  });

  it('shows platform admins the development mailbox only where the server keeps its emails', () => {
    expect(navItemsFor('platform_admin', 'platform', true).map((item) => item.label)).toContain('Dev mailbox');
    expect(navItemsFor('org_admin', 'law_firm', true).map((item) => item.label)).not.toContain('Dev mailbox');
  });
});
