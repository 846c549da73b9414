import { api } from './client';
import { ApiError, unwrap } from './problem';
import type { DeclineReason, Matter, Offer, OfferStatus } from './types';

/** The offers the caller sees, newest first: an attorney's own inbox. */
export const listOffers = async (status?: OfferStatus): Promise<Offer[]> =>
  (await unwrap(api.GET('/offers', { params: { query: { status } } }))).items;

/** One offer; the attorney's first read of it is recorded as viewed. */
export const getOffer = (offerId: string): Promise<Offer> => unwrap(api.GET('/offers/{offerId}', { params: { path: { offerId } } }));

/** Accepts an offer, attesting to know of no conflict; the answer is the new matter. */
export const acceptOffer = (offerId: string): Promise<Matter> =>
  unwrap(api.POST('/offers/{offerId}/accept', { params: { path: { offerId } }, body: { attest_no_conflict: true } }));

export const declineOffer = (offerId: string, reason: DeclineReason, note?: string): Promise<Offer> =>
  unwrap(api.POST('/offers/{offerId}/decline', { params: { path: { offerId } }, body: { reason, note } }));

/** Volunteers for a referral, attesting to know of no conflict; the referring organisation confirms. */
export const expressInterest = (referralId: string): Promise<Offer> =>
  unwrap(api.POST('/referrals/{referralId}/interest', { params: { path: { referralId } }, body: { attest_no_conflict: true } }));

/** Whether an acceptance lost to another attorney's, who accepted the referral first. */
export const isOfferTaken = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.problem.type.endsWith('/offer-taken');
