import { api } from './client';
import { ifMatch } from './ifMatch';
import { unwrap } from './problem';
import type { Outcome, Referral, ReferralInput, ReferralStatus, Urgency } from './types';

export type ReferralSort = 'created' | 'deadline' | 'urgency';

export interface ReferralFilters {
  status?: ReferralStatus;
  practice_area?: string;
  jurisdiction?: string;
  urgency?: Urgency;
  sort?: ReferralSort;
}

export interface ReferralPage {
  items: Referral[];
  next_cursor?: string;
}

export const listReferrals = (filters: ReferralFilters, cursor?: string): Promise<ReferralPage> =>
  unwrap(api.GET('/referrals', { params: { query: { ...filters, cursor, limit: 25 } } }));

export const getReferral = (referralId: string): Promise<Referral> =>
  unwrap(api.GET('/referrals/{referralId}', { params: { path: { referralId } } }));

/** Creates a referral; repeating a call with the same idempotency key creates nothing more. */
export const createReferral = (input: ReferralInput, idempotencyKey: string): Promise<Referral> =>
  unwrap(api.POST('/referrals', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: input }));

export const updateReferral = (referralId: string, input: ReferralInput, version: number): Promise<Referral> =>
  unwrap(api.PUT('/referrals/{referralId}', { params: { path: { referralId }, header: ifMatch(version) }, body: input }));

export const transitionReferral = (referralId: string, to: ReferralStatus, version: number, outcome?: Outcome): Promise<Referral> =>
  unwrap(
    api.POST('/referrals/{referralId}/transitions', { params: { path: { referralId }, header: ifMatch(version) }, body: { to, outcome } }),
  );
