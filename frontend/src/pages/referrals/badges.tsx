import type { ReferralStatus, Urgency } from '../../api/types';
import { STATUS_LABELS, URGENCY_LABELS } from '../../domain/referrals';

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  return <span className={`badge badge-urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>;
}

export function StatusBadge({ status }: { status: ReferralStatus }) {
  return <span className={`badge badge-status-${status}`}>{STATUS_LABELS[status]}</span>;
}
