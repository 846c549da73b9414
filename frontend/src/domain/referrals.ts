import type { Me, OrganizationKind, Outcome, Party, ReferralStatus, Urgency } from '../api/types';

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  matching: 'Matching',
  offered: 'Offered',
  accepted: 'Accepted',
  in_progress: 'In progress',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};
export const STATUSES = Object.keys(STATUS_LABELS) as ReferralStatus[];

export const URGENCY_LABELS: Record<Urgency, string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
  emergency: 'Emergency',
};
export const URGENCIES = Object.keys(URGENCY_LABELS) as Urgency[];

/** Legal Services Corporation case-closing categories. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  counsel_and_advice: 'Counsel and advice',
  limited_action: 'Limited action (brief service)',
  negotiated_settlement_without_litigation: 'Negotiated settlement without litigation',
  negotiated_settlement_with_litigation: 'Negotiated settlement with litigation',
  administrative_agency_decision: 'Administrative agency decision',
  court_decision_uncontested: 'Court decision (uncontested)',
  court_decision_contested: 'Court decision (contested)',
  court_decision_appeal: 'Court decision (appeal)',
  other: 'Other',
};
export const OUTCOMES = Object.keys(OUTCOME_LABELS) as Outcome[];

export const PARTY_ROLE_LABELS: Record<Party['role'], string> = {
  client: 'Client',
  adverse: 'Adverse party',
  related: 'Related party',
};

export const PARTY_KIND_LABELS: Record<Party['kind'], string> = {
  person: 'Person',
  organization: 'Organisation',
};

export const REGION_LABELS = { contiguous: '48 states and DC', alaska: 'Alaska', hawaii: 'Hawaii' } as const;

/** Organisations whose staff refer clients to volunteer attorneys. */
export const REFERRING_KINDS: OrganizationKind[] = ['nonprofit', 'public_defender', 'clinic'];

/** Staff and admins of nonprofits, public defenders and clinics create and manage referrals. */
export const canRefer = (me: Me) =>
  REFERRING_KINDS.includes(me.organization.kind) && (me.role === 'nonprofit_staff' || me.role === 'org_admin');

/** Coordinators and org admins of law firms handle the firm's conflict registry and checks. */
export const handlesConflicts = (me: Me) =>
  me.organization.kind === 'law_firm' && (me.role === 'coordinator' || me.role === 'org_admin');

/** Statuses the referring organisation moves a referral to itself, from each status. */
export function referrerMoves(status: ReferralStatus): ('submitted' | 'withdrawn' | 'closed')[] {
  switch (status) {
    case 'draft':
      return ['submitted', 'withdrawn'];
    case 'submitted':
    case 'matching':
    case 'offered':
      return ['withdrawn'];
    case 'in_progress':
      return ['closed'];
    default:
      return [];
  }
}

/** Details may change until the referral is accepted. */
export const isEditable = (status: ReferralStatus) =>
  status === 'draft' || status === 'submitted' || status === 'matching' || status === 'offered';
