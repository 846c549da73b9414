import type { OrganizationKind, Role } from '../api/types';

const ROLE_LABELS: Record<Role, string> = {
  attorney: 'Attorney',
  nonprofit_staff: 'Nonprofit staff',
  coordinator: 'Pro bono coordinator',
  org_admin: 'Organisation admin',
  platform_admin: 'Platform admin',
};

/** Referring organisations' staff share one role, named after what their organisation is. */
const STAFF_LABELS: Partial<Record<OrganizationKind, string>> = {
  public_defender: 'Public defender staff',
  clinic: 'Clinic staff',
};

/** The role's name for a member of an organisation of this kind: a public defender's staff are not "Nonprofit staff". */
export const roleLabel = (role: Role, kind: OrganizationKind): string =>
  (role === 'nonprofit_staff' && STAFF_LABELS[kind]) || ROLE_LABELS[role];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  law_firm: 'Law firm',
  nonprofit: 'Nonprofit',
  public_defender: 'Public defender',
  clinic: 'Clinic',
  platform: 'Platform',
};

export const ORGANIZATION_KINDS = Object.keys(ORGANIZATION_KIND_LABELS) as OrganizationKind[];

const ROLES_BY_KIND: Record<OrganizationKind, Role[]> = {
  law_firm: ['attorney', 'coordinator', 'org_admin'],
  nonprofit: ['nonprofit_staff', 'org_admin'],
  public_defender: ['nonprofit_staff', 'org_admin'],
  clinic: ['nonprofit_staff', 'org_admin'],
  platform: ['platform_admin'],
};

/** The roles a member of an organisation of this kind may hold. */
export const rolesForKind = (kind: OrganizationKind): Role[] => ROLES_BY_KIND[kind];

/** What each role is for, in the words shown on the home page. */
export const ROLE_SUMMARIES: Record<Role, string> = {
  attorney:
    'You volunteer as a pro bono attorney: you will receive matched referrals that fit your practice areas, languages and availability.',
  nonprofit_staff:
    'You refer clients who need legal help to volunteer attorneys at partner law firms.',
  coordinator:
    "You run your firm's pro bono programme: you oversee your attorneys' matters and can see who belongs to your firm.",
  org_admin: 'You manage your organisation: who belongs to it, their roles, and invitations to join.',
  platform_admin: 'You run the platform: you create organisations and can manage any organisation’s members.',
};

export const canViewMembers = (role: Role) => role === 'org_admin' || role === 'coordinator';

/** Org admins manage their own organisation; platform admins manage any, e.g. to invite a new one's first admin. */
export const canManageMembers = (role: Role) => role === 'org_admin' || role === 'platform_admin';
