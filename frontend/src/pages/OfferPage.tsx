import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { listMatters } from '../api/matters';
import { getOffer } from '../api/offers';
import { queryKeys } from '../api/queryKeys';
import { useCurrentUser } from '../auth/currentUser';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { OfferAnswer } from './offers/OfferAnswer';
import { OfferFacts } from './offers/OfferFacts';
import { ReferralBriefDetails } from './offers/ReferralBriefDetails';

/** Where an accepted offer's matter is: the attorney's matters, found by the offer they came from. */
function MatterLink({ offerId }: { offerId: string }) {
  const matters = useQuery({ queryKey: queryKeys.matterList, queryFn: listMatters });
  const matter = matters.data?.find((m) => m.offer_id === offerId);
  if (!matter) return null;
  return (
    <p>
      <Link to={`/matters/${matter.id}`}>Open the matter</Link>, with the client’s details.
    </p>
  );
}

/** One offer: the referral without its client, why it came to this attorney, and their answer. */
export function OfferPage() {
  useDocumentTitle('Offer');
  const id = useParams().id ?? '';
  const me = useCurrentUser();
  const offer = useQuery({ queryKey: queryKeys.offer(id), queryFn: () => getOffer(id) });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/offers">Offers</Link>
      </p>
      <h1>Offer</h1>
      <QueryState query={offer} loadingLabel="Loading the offer…">
        {(o) => {
          const mine = o.attorney_id === me.id;
          return (
            <>
              {o.status === 'closed' && (
                <p className="alert alert-info">Another attorney accepted this referral first. Nothing more is needed from you.</p>
              )}
              {o.status === 'expired' && <p className="alert alert-info">This offer expired before it was answered.</p>}
              {!mine && (
                <p className="muted">
                  Offered to {o.attorney_name}, {o.firm_name}.
                </p>
              )}
              <OfferFacts offer={o} />
              <section className="card" aria-labelledby="referral-heading">
                <h2 id="referral-heading">The referral</h2>
                <p className="muted">The client’s details are shown only to the attorney who accepts.</p>
                <ReferralBriefDetails referral={o.referral} />
              </section>
              {mine && o.status === 'pending' && <OfferAnswer offer={o} />}
              {mine && o.status === 'accepted' && <MatterLink offerId={o.id} />}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
