import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { invalidateAfterAnswer } from '../api/invalidate';
import { expressInterest } from '../api/offers';
import { listOpportunities } from '../api/opportunities';
import { queryKeys } from '../api/queryKeys';
import type { Opportunity } from '../api/types';
import { useNames } from '../api/useReference';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDeadline } from '../forms/format';
import { AttestForm } from './offers/AttestForm';
import { UrgencyBadge } from './referrals/badges';

/** The factors that speak for the attorney most, strongest first: those with something to say. */
const reasons = (o: Opportunity) =>
  o.factors
    .filter((f) => f.why && f.weight > 0)
    .sort((a, b) => b.weight * b.value - a.weight * a.value)
    .map((f) => f.why as string);

/** One open referral the attorney may take: the matter without its client, why it fits them, and "I'm interested". */
function OpportunityCard({ opportunity: o }: { opportunity: Opportunity }) {
  const names = useNames();
  const queryClient = useQueryClient();
  const r = o.referral;
  const interest = useMutation({
    mutationFn: () => expressInterest(r.id),
    onSuccess: () => void invalidateAfterAnswer(queryClient, r.id),
  });
  const headingId = `opportunity-${r.id}`;
  return (
    <article className="card opportunity" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {names.practiceArea(r.practice_area)}, {names.jurisdiction(r.jurisdiction)}
      </h2>
      <p>
        <UrgencyBadge urgency={r.urgency} /> · Referred by {r.organization_name} · Deadline: {formatDeadline(r.deadline)}
        {r.estimated_hours !== undefined && <> · About {r.estimated_hours} hours</>}
      </p>
      <p className="summary-text">{r.summary}</p>
      <h3>Why it fits you</h3>
      <p>A fit of {Math.round(o.score * 100)}% for you.</p>
      <ul className="action-list">
        {reasons(o).map((why) => (
          <li key={why}>{why}</li>
        ))}
        {o.mentored && <li>You are learning this area: you would work on it with a mentor from your firm.</li>}
      </ul>
      {interest.isSuccess ? (
        <Notice>
          You volunteered. {r.organization_name} confirms who takes it; you will find it in your <Link to="/offers">offers</Link> meanwhile.
        </Notice>
      ) : (
        <AttestForm
          name={`Volunteer for the referral in ${names.practiceArea(r.practice_area)}`}
          submitLabel="I’m interested"
          busyLabel="Sending…"
          busy={interest.isPending}
          error={interest.error}
          onConfirm={() => interest.mutate()}
        />
      )}
    </article>
  );
}

/** Open referrals the attorney is eligible for, ranked for them, with why each fits; they volunteer for one. */
export function OpportunitiesPage() {
  useDocumentTitle('Opportunities');
  const opportunities = useQuery({ queryKey: queryKeys.opportunities, queryFn: listOpportunities });
  return (
    <>
      <h1>Opportunities</h1>
      <p className="lead">
        Open referrals that fit your practice, best fit first: you are admitted where they are, practise in their area, have
        room for them, and your firm found no conflict. Clients’ details are shown to the attorney who takes the matter.
      </p>
      <QueryState query={opportunities} loadingLabel="Loading your opportunities…">
        {(items) =>
          items.length === 0 ? (
            <p className="card">
              No open referral fits you right now. Keeping <Link to="/profile/attorney">your practice</Link> up to date widens
              what fits.
            </p>
          ) : (
            items.map((o) => <OpportunityCard key={o.referral.id} opportunity={o} />)
          )
        }
      </QueryState>
    </>
  );
}
