import type { Role } from '../api/types';

/** Org admins, coordinators and staff see their organisation's partnerships; platform admins see all. Attorneys see none. */
export const canSeePartnerships = (role: Role) => role !== 'attorney';

/** Platform admins, and org admins of either side, record, edit and delete partnerships. */
export const canWritePartnerships = (role: Role) => role === 'org_admin' || role === 'platform_admin';

/** The largest pledge the server takes, in hours a year. */
export const PLEDGED_HOURS_MAX = 100_000;
