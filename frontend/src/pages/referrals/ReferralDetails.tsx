import type { Referral, ReferralBrief } from '../../api/types';
import { useNames } from '../../api/useReference';
import { OUTCOME_LABELS, REGION_LABELS } from '../../domain/referrals';
import { formatDateTime, formatDeadline } from '../../forms/format';
import { StatusBadge, UrgencyBadge } from './badges';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/**
 * The matter as every page that shows a referral words it (its own page, an offer, an opportunity,
 * a matter): rows of a summary list, never the client.
 */
export function MatterRows({ referral: r }: { referral: Referral | ReferralBrief }) {
  const names = useNames();
  return (
    <>
      <dt>Referred by</dt>
      <dd>{r.organization_name}</dd>
      <dt>Practice area</dt>
      <dd>{names.practiceArea(r.practice_area)}</dd>
      <dt>Jurisdiction</dt>
      <dd>{names.jurisdiction(r.jurisdiction)}</dd>
      <dt>Client's language</dt>
      <dd>{r.language ? names.language(r.language) : 'Not given'}</dd>
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
    </>
  );
}

/** What anyone who may see the referral sees: the matter and eligibility, never the client. */
export function ReferralDetails({ referral: r }: { referral: Referral }) {
  const e = r.eligibility;
  return (
    <section className="card" aria-labelledby="matter-heading">
      <h2 id="matter-heading">The matter</h2>
      <p className="summary-text">{r.summary}</p>
      <dl className="summary">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={r.status} />
          {r.outcome && <> · {OUTCOME_LABELS[r.outcome]}</>}
        </dd>
        <MatterRows referral={r} />
        <dt>Mentored attorney allowed</dt>
        <dd>{yesNo(r.mentored_ok)}</dd>
        <dt>Household size</dt>
        <dd>{e.household_size}</dd>
        {e.annual_income !== undefined && (
          <>
            <dt>Annual income</dt>
            <dd>${e.annual_income.toLocaleString('en-US')}</dd>
          </>
        )}
        <dt>Income</dt>
        <dd>
          {Math.round(e.poverty_percent)}% of the federal poverty guideline ({e.guideline_year}
          {e.guideline_region !== 'contiguous' && `, ${REGION_LABELS[e.guideline_region]}`})
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(r.created_at)}</dd>
        {r.submitted_at && (
          <>
            <dt>Submitted</dt>
            <dd>{formatDateTime(r.submitted_at)}</dd>
          </>
        )}
        <dt>Last changed</dt>
        <dd>{formatDateTime(r.updated_at)}</dd>
      </dl>
    </section>
  );
}
