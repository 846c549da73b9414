import { api } from './client';
import { unwrap } from './problem';
import type { Organization, OrganizationKind, OrganizationUpdate } from './types';

const byName = (a: Organization, b: Organization) => a.name.localeCompare(b.name);

export const listOrganizations = async (): Promise<Organization[]> =>
  (await unwrap(api.GET('/organizations'))).items.sort(byName);

export const getOrganization = (orgId: string): Promise<Organization> =>
  unwrap(api.GET('/organizations/{orgId}', { params: { path: { orgId } } }));

export const createOrganization = (name: string, kind: OrganizationKind): Promise<Organization> =>
  unwrap(api.POST('/organizations', { body: { name, kind } }));

export const updateOrganization = (orgId: string, update: OrganizationUpdate): Promise<Organization> =>
  unwrap(api.PATCH('/organizations/{orgId}', { params: { path: { orgId } }, body: update }));
