import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { getMatter } from '../api/matters';
import { queryKeys } from '../api/queryKeys';
import type { Matter } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { isAttorney, WITHDRAW_CHOICES } from '../domain/answers';
import { MATTER_STATUS_LABELS } from '../domain/offers';
import { hearsFeedback, mayClose } from '../domain/outcomes';
import { formatDateTime } from '../forms/format';
import { ClientFeedback } from './matters/ClientFeedback';
import { CloseMatter } from './matters/CloseMatter';
import { MatterActions } from './matters/MatterActions';
import { MatterOutcome } from './matters/MatterOutcome';
import { ReferralBriefDetails } from './offers/ReferralBriefDetails';
import { ClientBlock } from './referrals/PartiesAndClient';
import { StatusBadge } from './referrals/badges';

function MatterFacts({ matter: m }: { matter: Matter }) {
  return (
    <section className="card" aria-labelledby="who-heading">
      <h2 id="who-heading">Who took it</h2>
      <dl className="summary">
        <dt>Attorney</dt>
        <dd>{m.attorney_name}</dd>
        <dt>Firm</dt>
        <dd>{m.firm_name}</dd>
        <dt>Matter</dt>
        <dd>{MATTER_STATUS_LABELS[m.status]}</dd>
        <dt>Referral</dt>
        <dd>
          <StatusBadge status={m.referral.status} />
        </dd>
        <dt>Accepted</dt>
        <dd>{formatDateTime(m.started_at)}</dd>
        {m.in_progress_at && (
          <>
            <dt>Work began</dt>
            <dd>{formatDateTime(m.in_progress_at)}</dd>
          </>
        )}
        {m.ended_at && (
          <>
            <dt>Ended</dt>
            <dd>{formatDateTime(m.ended_at)}</dd>
          </>
        )}
        {m.withdraw_reason && (
          <>
            <dt>Why withdrawn</dt>
            <dd>
              {WITHDRAW_CHOICES[m.withdraw_reason]}
              {m.withdraw_note && <>: {m.withdraw_note}</>}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** A matter: the client's details for its attorney (and their coordinators), who took it for everyone else allowed to see it. */
export function MatterPage() {
  useDocumentTitle('Matter');
  const id = useParams().id ?? '';
  const me = useCurrentUser();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const matter = useQuery({ queryKey: queryKeys.matter(id), queryFn: () => getMatter(id) });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/matters">{isAttorney(me) ? 'My matters' : 'Matters'}</Link>
      </p>
      <h1>Matter</h1>
      {notice && <Notice>{notice}</Notice>}
      <QueryState query={matter} loadingLabel="Loading the matter…">
        {(m) => (
          <>
            {m.client && <ClientBlock client={m.client} />}
            <MatterFacts matter={m} />
            <MatterOutcome matter={m} />
            {m.attorney_id === me.id && <MatterActions matter={m} />}
            {mayClose(me, m) && <CloseMatter matter={m} />}
            {hearsFeedback(me, m) && <ClientFeedback matterId={m.id} />}
            <section className="card" aria-labelledby="referral-heading">
              <h2 id="referral-heading">The referral</h2>
              <ReferralBriefDetails referral={m.referral} />
              {!isAttorney(me) && (
                <p>
                  <Link to={`/referrals/${m.referral.id}`}>Open the referral</Link>
                </p>
              )}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
