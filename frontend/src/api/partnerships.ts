import { api } from './client';
import { ifMatch } from './ifMatch';
import { expectOk, unwrap } from './problem';
import type { PartnerOrganization, Partnership, PartnershipInput } from './types';

export interface PartnershipPage {
  items: Partnership[];
  next_cursor?: string;
}

export const listPartnerships = (cursor?: string): Promise<PartnershipPage> =>
  unwrap(api.GET('/partnerships', { params: { query: { cursor, limit: 50 } } }));

export const createPartnership = (input: PartnershipInput): Promise<Partnership> =>
  unwrap(api.POST('/partnerships', { body: input }));

export const updatePartnership = (partnershipId: string, input: PartnershipInput, version: number): Promise<Partnership> =>
  unwrap(api.PUT('/partnerships/{partnershipId}', { params: { path: { partnershipId }, header: ifMatch(version) }, body: input }));

export const deletePartnership = (partnershipId: string, version: number): Promise<void> =>
  expectOk(api.DELETE('/partnerships/{partnershipId}', { params: { path: { partnershipId }, header: ifMatch(version) } }));

/** The organisations the caller may record a partnership with: the other side, or both for platform admins. */
export const listPartnerOrganizations = async (): Promise<PartnerOrganization[]> =>
  (await unwrap(api.GET('/partner-organizations'))).items;
