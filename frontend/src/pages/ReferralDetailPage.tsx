import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError } from '../api/problem';
import { queryKeys } from '../api/queryKeys';
import { getReferral } from '../api/referrals';
import { useCurrentUser } from '../auth/currentUser';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { isOpenForMatching, matchingRole } from '../domain/offers';
import { canRefer, handlesConflicts } from '../domain/referrals';
import { CandidatesPanel } from './referrals/CandidatesPanel';
import { ConflictCheckPanel } from './referrals/ConflictCheckPanel';
import { ConflictInquiriesPanel } from './referrals/ConflictInquiriesPanel';
import { ClientBlock, PartiesTable } from './referrals/PartiesAndClient';
import { ReferralActions } from './referrals/ReferralActions';
import { ReferralDetails } from './referrals/ReferralDetails';
import { ReferralOffers } from './referrals/ReferralOffers';
import { ReferralTimeline } from './referrals/ReferralTimeline';

export function ReferralDetailPage() {
  useDocumentTitle('Referral');
  const id = useParams().id ?? '';
  const me = useCurrentUser();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const referral = useQuery({ queryKey: queryKeys.referral(id), queryFn: () => getReferral(id) });
  const conflicts = handlesConflicts(me);

  const back = (
    <p className="breadcrumb">
      <Link to="/referrals">Referrals</Link>
    </p>
  );

  if (referral.isPending) return <Loading label="Loading the referral…" />;
  if (referral.isError) {
    const hidden = referral.error instanceof ApiError && referral.error.status === 404;
    return (
      <>
        {back}
        <h1>Referral</h1>
        {hidden && conflicts ? (
          <p className="alert alert-info">
            Your firm cannot see this referral’s details: it is not open to volunteers, or your firm’s conflict check has
            not cleared it.
          </p>
        ) : (
          <ErrorAlert error={referral.error} />
        )}
        {conflicts && <ConflictCheckPanel referralId={id} />}
      </>
    );
  }

  const r = referral.data;
  const own = !r.redacted && canRefer(me);
  const matching = matchingRole(me, r);
  return (
    <>
      {back}
      <h1>Referral</h1>
      {notice && <Notice>{notice}</Notice>}
      {r.redacted && (
        <p className="alert alert-info">Client details are shared only with the attorney who takes the matter.</p>
      )}
      <ReferralDetails referral={r} />
      {own && <ReferralActions referral={r} />}
      {r.client && <ClientBlock client={r.client} />}
      <PartiesTable parties={r.parties} redacted={r.redacted} />
      {conflicts && <ConflictCheckPanel referralId={r.id} />}
      {matching && isOpenForMatching(r.status) && <CandidatesPanel referralId={r.id} role={matching} />}
      {matching === 'referrer' && r.status !== 'draft' && <ReferralOffers referralId={r.id} canConfirm={own} />}
      {own && r.status !== 'draft' && <ConflictInquiriesPanel referralId={r.id} />}
      {matching === 'referrer' && <ReferralTimeline referralId={r.id} />}
    </>
  );
}
