import { api } from './client';
import { unwrap } from './problem';
import type { Opportunity } from './types';

/** Open referrals the signed-in attorney is eligible for, best fit first, without their clients. */
export const listOpportunities = async (): Promise<Opportunity[]> => (await unwrap(api.GET('/opportunities'))).items;
