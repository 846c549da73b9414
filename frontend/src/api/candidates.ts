import { api } from './client';
import { unwrap } from './problem';
import type { CandidateExplanation, CandidateList } from './types';

/** The attorneys ranked for an open referral, best first, as far as the caller may see them. */
export const listCandidates = (referralId: string, limit = 20): Promise<CandidateList> =>
  unwrap(api.GET('/referrals/{referralId}/candidates', { params: { path: { referralId }, query: { limit } } }));

/** Why one attorney is, or is not, a candidate for the referral. */
export const explainCandidate = (referralId: string, attorneyId: string): Promise<CandidateExplanation> =>
  unwrap(api.GET('/referrals/{referralId}/candidates/{attorneyId}', { params: { path: { referralId, attorneyId } } }));
