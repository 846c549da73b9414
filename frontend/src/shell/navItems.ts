import type { OrganizationKind, Role } from '../api/types';
import { canSeePartnerships } from '../domain/partnerships';
import { readsAudit } from '../domain/audit';
import { canViewMembers } from '../domain/roles';

export interface NavItem {
  to: string;
  label: string;
  /** Highlighted only at this exact address: Home and Profile have other items below them. */
  end?: boolean;
  /** Shows how many potential conflicts wait to be cleared. */
  pendingCount?: boolean;
}

const REFERRALS: NavItem = { to: '/referrals', label: 'Referrals' };
const ATTORNEYS: NavItem = { to: '/attorneys', label: 'Attorneys' };
const CONFLICTS: NavItem = { to: '/conflicts', label: 'Conflicts' };
const TO_CLEAR: NavItem = { to: '/to-clear', label: 'To clear', pendingCount: true };
const MY_PRACTICE: NavItem = { to: '/profile/attorney', label: 'My practice' };
const OPPORTUNITIES: NavItem = { to: '/opportunities', label: 'Opportunities' };
const OFFERS: NavItem = { to: '/offers', label: 'Offers' };
const MY_MATTERS: NavItem = { to: '/matters', label: 'My matters' };
const PROPOSALS: NavItem = { to: '/proposals', label: 'Proposals' };
const TIMESHEET: NavItem = { to: '/timesheet', label: 'Timesheet' };
const MY_CREDIT: NavItem = { to: '/credit', label: 'My credit' };
const APPROVALS: NavItem = { to: '/approvals', label: 'Time approvals' };
const CREDIT: NavItem = { to: '/credit', label: 'Credit' };
const IMPACT: NavItem = { to: '/impact', label: 'Impact' };
const REPORTS: NavItem = { to: '/reports', label: 'Reports' };

function featureItems(role: Role, kind: OrganizationKind): NavItem[] {
  if (kind === 'law_firm') {
    if (role === 'attorney') return [OPPORTUNITIES, OFFERS, MY_MATTERS, TIMESHEET, MY_CREDIT, MY_PRACTICE];
    if (role === 'coordinator') return [REFERRALS, PROPOSALS, TO_CLEAR, APPROVALS, CREDIT, ATTORNEYS, CONFLICTS, REPORTS];
    if (role === 'org_admin') return [ATTORNEYS, CONFLICTS, REFERRALS, APPROVALS, CREDIT, REPORTS];
    return [];
  }
  if (kind === 'platform') return role === 'platform_admin' ? [REFERRALS, IMPACT, REPORTS] : [];
  // Nonprofits, public defenders and clinics refer.
  return role === 'nonprofit_staff' || role === 'org_admin' ? [REFERRALS, IMPACT, REPORTS] : [];
}

/**
 * Navigation for a role in an organisation of a kind. Only features that exist appear here:
 * devMailbox says whether this server keeps its emails instead of sending them (development).
 */
export function navItemsFor(role: Role, kind: OrganizationKind, devMailbox = false): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: 'Home', end: true }, ...featureItems(role, kind)];
  if (canSeePartnerships(role)) items.push({ to: '/partnerships', label: 'Partnerships' });
  if (canViewMembers(role)) items.push({ to: '/members', label: 'Members' });
  if (readsAudit(role)) items.push({ to: '/audit', label: 'Audit trail' });
  if (role === 'platform_admin') items.push({ to: '/organizations', label: 'Organisations' }, { to: '/admin/matching', label: 'Matching settings' });
  if (role === 'platform_admin' && devMailbox) items.push({ to: '/admin/dev-mailbox', label: 'Dev mailbox' });
  items.push({ to: '/profile', label: 'Profile', end: true });
  return items;
}
