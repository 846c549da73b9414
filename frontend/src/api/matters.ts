import { api } from './client';
import { unwrap } from './problem';
import type { Matter, WithdrawReason } from './types';

/** The caller's matters, newest first, without client details. */
export const listMatters = async (): Promise<Matter[]> => (await unwrap(api.GET('/matters'))).items;

/** One matter; its attorney (and their firm's coordinators) get the client's details, each read recorded. */
export const getMatter = (matterId: string): Promise<Matter> => unwrap(api.GET('/matters/{matterId}', { params: { path: { matterId } } }));

/** Records that work with the client began: the referral becomes in progress. */
export const startMatter = (matterId: string): Promise<Matter> =>
  unwrap(api.POST('/matters/{matterId}/start', { params: { path: { matterId } } }));

export const withdrawMatter = (matterId: string, reason: WithdrawReason, note?: string): Promise<Matter> =>
  unwrap(api.POST('/matters/{matterId}/withdraw', { params: { path: { matterId } }, body: { reason, note } }));
