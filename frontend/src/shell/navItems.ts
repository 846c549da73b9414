import type { Role } from '../api/types';
import { canViewMembers } from '../domain/roles';

export interface NavItem {
  to: string;
  label: string;
}

/** Navigation for a role. Only features that exist appear here. */
export function navItemsFor(role: Role): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: 'Home' }];
  if (canViewMembers(role)) items.push({ to: '/members', label: 'Members' });
  if (role === 'platform_admin') items.push({ to: '/organizations', label: 'Organisations' });
  items.push({ to: '/profile', label: 'Profile' });
  return items;
}
