import type { ReferralBrief } from '../../api/types';
import { useNames } from '../../api/useReference';
import { formatDeadline } from '../../forms/format';
import { UrgencyBadge } from '../referrals/badges';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** What an offer, an opportunity or a matter shows of its referral: the matter, never the client. */
export function ReferralBriefDetails({ referral: r }: { referral: ReferralBrief }) {
  const names = useNames();
  return (
    <>
      <p className="summary-text">{r.summary}</p>
      <dl className="summary">
        <dt>Referred by</dt>
        <dd>{r.organization_name}</dd>
        <dt>Practice area</dt>
        <dd>{names.practiceArea(r.practice_area)}</dd>
        <dt>Jurisdiction</dt>
        <dd>{names.jurisdiction(r.jurisdiction)}</dd>
        <dt>Client's language</dt>
        <dd>{r.language ? names.language(r.language) : 'English'}</dd>
        <dt>Urgency</dt>
        <dd>
          <UrgencyBadge urgency={r.urgency} />
        </dd>
        <dt>Deadline</dt>
        <dd>{formatDeadline(r.deadline)}</dd>
        <dt>Estimated hours</dt>
        <dd>{r.estimated_hours ?? 'Not given'}</dd>
        <dt>Limited scope</dt>
        <dd>{yesNo(r.limited_scope)}</dd>
        <dt>Remote work allowed</dt>
        <dd>{yesNo(r.remote_allowed)}</dd>
      </dl>
    </>
  );
}
