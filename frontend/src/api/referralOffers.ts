import { api } from './client';
import { listMatters } from './matters';
import { listOffers } from './offers';
import { unwrap } from './problem';
import type { Matter, Offer, OfferRequest, TimelineStep } from './types';

/** Offers a referral: to the best candidate, the top few, the ones chosen, or (a firm) routed to its own attorneys. */
export const makeOffers = async (referralId: string, request: OfferRequest): Promise<Offer[]> =>
  (await unwrap(api.POST('/referrals/{referralId}/offers', { params: { path: { referralId } }, body: request }))).items;

/** The referring organisation takes a volunteer on: the matter opens as an acceptance would open it. */
export const confirmOffer = (offerId: string): Promise<Matter> =>
  unwrap(api.POST('/offers/{offerId}/confirm', { params: { path: { offerId } } }));

// The lists hold the newest hundred the caller sees across all referrals; a referral's own are picked out of them.

/** The offers of one referral, newest first. */
export const listReferralOffers = async (referralId: string): Promise<Offer[]> =>
  (await listOffers()).filter((offer) => offer.referral.id === referralId);

/** The matters opened on one referral, newest first: at most one of them is active. */
export const listReferralMatters = async (referralId: string): Promise<Matter[]> =>
  (await listMatters()).filter((matter) => matter.referral.id === referralId);

export interface TimelinePage {
  items: TimelineStep[];
  next_cursor?: string;
}

export const getTimeline = (referralId: string, cursor?: string): Promise<TimelinePage> =>
  unwrap(api.GET('/referrals/{referralId}/timeline', { params: { path: { referralId }, query: { cursor, limit: 50 } } }));
