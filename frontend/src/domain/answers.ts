/** What attorneys answer: offers to accept or decline, matters to start or withdraw from. */
import type { DeclineReason, Me, OfferStatus, WithdrawReason } from '../api/types';

/** An offer's status as its attorney reads it. */
export const INBOX_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: 'Waiting for your answer',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  closed: 'Taken by another attorney',
};

/** The reasons to decline an offer, as the attorney gives them. */
export const DECLINE_CHOICES: Record<DeclineReason, string> = {
  no_capacity: 'I have no capacity for it now',
  conflict: 'I have a conflict of interest',
  outside_expertise: 'It is outside my expertise',
  other: 'Another reason',
};

/** The reasons to withdraw from a matter, as the attorney gives them. */
export const WITHDRAW_CHOICES: Record<WithdrawReason, string> = {
  no_capacity: 'I no longer have capacity for it',
  conflict: 'I found a conflict of interest',
  client_unreachable: 'The client cannot be reached',
  other: 'Another reason',
};

/** The words of the attestation an attorney gives to accept an offer or volunteer for a referral. */
export const ATTESTATION = 'I know of no conflict of interest';

/** Attorneys of law firms are offered referrals, take matters and volunteer. */
export const isAttorney = (me: Me) => me.organization.kind === 'law_firm' && me.role === 'attorney';
