import { describe, expect, it } from 'vitest';
import type { OrganizationKind, Role } from '../api/types';
import { navItemsFor } from './navItems';

const labels = (role: Role, kind: OrganizationKind) => navItemsFor(role, kind).map((item) => item.label);

describe('navItemsFor', () => {
  it.each<[Role, OrganizationKind, string[]]>([
    ['attorney', 'law_firm', ['Home', 'Opportunities', 'Offers', 'My matters', 'Timesheet', 'My credit', 'My practice', 'Profile']],
    ['coordinator', 'law_firm', ['Home', 'Referrals', 'Proposals', 'To clear', 'Time approvals', 'Credit', 'Attorneys', 'Conflicts', 'Partnerships', 'Members', 'Profile']],
    ['org_admin', 'law_firm', ['Home', 'Attorneys', 'Conflicts', 'Referrals', 'Time approvals', 'Credit', 'Partnerships', 'Members', 'Profile']],
    ['nonprofit_staff', 'nonprofit', ['Home', 'Referrals', 'Partnerships', 'Profile']],
    ['nonprofit_staff', 'public_defender', ['Home', 'Referrals', 'Partnerships', 'Profile']],
    ['org_admin', 'clinic', ['Home', 'Referrals', 'Partnerships', 'Members', 'Profile']],
    ['platform_admin', 'platform', ['Home', 'Referrals', 'Partnerships', 'Organisations', 'Matching settings', 'Profile']],
  ])('shows %s of a %s the pages their role may use', (role, kind, expected) => {
    expect(labels(role, kind)).toEqual(expected);
  });

  it('shows platform admins the development mailbox only where the server keeps its emails', () => {
    expect(navItemsFor('platform_admin', 'platform', true).map((item) => item.label)).toContain('Dev mailbox');
    expect(navItemsFor('org_admin', 'law_firm', true).map((item) => item.label)).not.toContain('Dev mailbox');
  });
});
