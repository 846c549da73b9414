import type { DeclineReason, Matter, Me, OfferMode, OfferStatus, Referral, ReferralAction, ReferralStatus, WithdrawReason } from '../api/types';
import { canRefer, handlesConflicts } from './referrals';

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  closed: 'Closed',
};

export const OFFER_MODE_LABELS: Record<OfferMode, string> = {
  sequential: 'Best candidate',
  broadcast: 'Several at once',
  routed: 'Routed by the firm',
  volunteer: 'Volunteered',
};

export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  no_capacity: 'No capacity',
  conflict: 'Conflict of interest',
  outside_expertise: 'Outside their expertise',
  other: 'Other',
};

export const WITHDRAW_REASON_LABELS: Record<WithdrawReason, string> = {
  no_capacity: 'No capacity',
  conflict: 'Conflict of interest',
  client_unreachable: 'Client unreachable',
  other: 'Other',
};

export const MATTER_STATUS_LABELS: Record<Matter['status'], string> = {
  active: 'Active',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

export const TIMELINE_ACTION_LABELS: Record<ReferralAction, string> = {
  created: 'Created',
  updated: 'Edited',
  status_changed: 'Status changed',
  offered: 'Offered',
  viewed: 'Viewed the offer',
  declined: 'Declined',
  expired: 'Offer expired',
  accepted: 'Accepted',
  interested: 'Volunteered',
  matter_withdrawn: 'Withdrew from the matter',
  matter_started: 'Started work',
  matter_closed: 'Closed the matter',
};

/** Statuses in which a referral is ranked and offered. */
export const isOpenForMatching = (status: ReferralStatus) => status === 'submitted' || status === 'matching' || status === 'offered';

/**
 * Who works a referral's matching from its page: its referring organisation and platform admins offer
 * it to candidates and follow its offers; a firm's coordinators and org admins route it to their attorneys.
 */
export function matchingRole(me: Me, referral: Referral): 'referrer' | 'firm' | null {
  if (me.role === 'platform_admin' || (!referral.redacted && canRefer(me))) return 'referrer';
  if (handlesConflicts(me)) return 'firm';
  return null;
}

/** "Priya Raman", "Priya Raman and Sam Lee", "Priya Raman, Sam Lee and Ada Moss". */
export function namesInWords(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
