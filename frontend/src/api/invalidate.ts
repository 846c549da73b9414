import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './queryKeys';

/**
 * After a firm's check of a referral changed (run again, a hit cleared): whether the firm may see the
 * referral follows the check, so the referral itself and every list holding it are stale too, as is
 * the queue of potential conflicts to clear and its count.
 */
export function invalidateAfterCheck(queryClient: QueryClient, referralId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.referral(referralId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.referralLists }),
    queryClient.invalidateQueries({ queryKey: queryKeys.pendingConflicts }),
  ]);
}

/**
 * After the firm's registry changed (an entry added, edited or removed, a file imported): the server
 * re-checked the open referrals those names can affect, so every referral and check the firm has loaded
 * may now read differently.
 */
export function invalidateAfterRegistryChange(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.conflictEntries }),
    queryClient.invalidateQueries({ queryKey: queryKeys.conflictChecks }),
    queryClient.invalidateQueries({ queryKey: queryKeys.referrals }),
    queryClient.invalidateQueries({ queryKey: queryKeys.pendingConflicts }),
  ]);
}

/**
 * After a referral's matching moved (offers made, a volunteer confirmed): its status, offers, matter,
 * timeline and ranking live under the referral's key, and the lists show its status.
 */
export function invalidateAfterMatching(queryClient: QueryClient, referralId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.referral(referralId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.referralLists }),
  ]);
}

/**
 * After an attorney answered for a referral (accepted, declined, volunteered, started or withdrew
 * from its matter): their offers, matters and opportunities read differently, and so does the
 * referral, whose status follows.
 */
export function invalidateAfterAnswer(queryClient: QueryClient, referralId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.offers }),
    queryClient.invalidateQueries({ queryKey: queryKeys.matters }),
    queryClient.invalidateQueries({ queryKey: queryKeys.opportunities }),
    queryClient.invalidateQueries({ queryKey: queryKeys.referral(referralId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.referralLists }),
  ]);
}

/**
 * After time was logged, changed or decided on: the entries' lists read differently, and so does the
 * credit their approval grants (an attorney's progress, the firm's totals).
 */
export function invalidateAfterTime(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.timeEntries }),
    queryClient.invalidateQueries({ queryKey: queryKeys.credit }),
  ]);
}
