import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { invalidateAfterMatching } from '../../api/invalidate';
import { queryKeys } from '../../api/queryKeys';
import { confirmOffer, listReferralMatters, listReferralOffers } from '../../api/referralOffers';
import type { Matter, Offer } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { DECLINE_REASON_LABELS, MATTER_STATUS_LABELS, OFFER_MODE_LABELS, OFFER_STATUS_LABELS, WITHDRAW_REASON_LABELS } from '../../domain/offers';
import { formatDateTime } from '../../forms/format';

const isVolunteer = (offer: Offer) => offer.mode === 'volunteer' && offer.status === 'pending';

/** The referral's offers and what became of them, the volunteers waiting for an answer, and who took it. */
export function ReferralOffers({ referralId, canConfirm }: { referralId: string; canConfirm: boolean }) {
  const offers = useQuery({ queryKey: queryKeys.referralOffers(referralId), queryFn: () => listReferralOffers(referralId) });
  const volunteers = offers.data?.filter(isVolunteer) ?? [];
  return (
    <>
      <TakenBy referralId={referralId} />
      {volunteers.length > 0 && (
        <section className="card" aria-labelledby="volunteers-heading">
          <h2 id="volunteers-heading">Volunteers awaiting confirmation</h2>
          <p className="lead">
            {canConfirm
              ? 'These attorneys asked to take the referral. Confirm one to give them the matter; every other offer then closes.'
              : 'These attorneys asked to take the referral; the referring organisation confirms one.'}
          </p>
          <ul className="action-list">
            {volunteers.map((offer) => (
              <Volunteer key={offer.id} offer={offer} canConfirm={canConfirm} />
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="offers-heading">
        <h2 id="offers-heading">Offers</h2>
        <QueryState query={offers} loadingLabel="Loading the offers…">
          {(items) =>
            items.length === 0 ? (
              <p className="muted">The referral has not been offered to anyone yet.</p>
            ) : (
              <DataTable columns={['Attorney', 'Firm', 'How', 'Status', 'Offered', 'Answer']}>
                {items.map((offer) => (
                  <tr key={offer.id}>
                    <th scope="row">{offer.attorney_name}</th>
                    <td>{offer.firm_name}</td>
                    <td>{OFFER_MODE_LABELS[offer.mode]}</td>
                    <td>
                      <span className={`badge badge-offer-${offer.status}`}>{OFFER_STATUS_LABELS[offer.status]}</span>
                    </td>
                    <td>{formatDateTime(offer.created_at)}</td>
                    <td>{answer(offer)}</td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

/** What the attorney answered, or until when they may. */
function answer(offer: Offer): string {
  if (offer.status === 'declined') {
    const reason = offer.decline_reason ? DECLINE_REASON_LABELS[offer.decline_reason] : 'Declined';
    return offer.decline_note ? `${reason}: ${offer.decline_note}` : reason;
  }
  if (offer.status === 'pending') {
    if (!offer.expires_at) return 'Waiting for your confirmation';
    return `${offer.viewed_at ? 'Seen; answer' : 'Answer'} by ${formatDateTime(offer.expires_at)}`;
  }
  return offer.responded_at ? formatDateTime(offer.responded_at) : '—';
}

function Volunteer({ offer, canConfirm }: { offer: Offer; canConfirm: boolean }) {
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => confirmOffer(offer.id),
    onSuccess: () => invalidateAfterMatching(queryClient, offer.referral.id),
  });
  return (
    <li>
      <p>
        <strong>{offer.attorney_name}</strong>, {offer.firm_name}, volunteered {formatDateTime(offer.created_at)}.
      </p>
      {canConfirm && (
        <button type="button" className="button button-primary" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
          {confirm.isPending ? 'Confirming…' : `Confirm ${offer.attorney_name}`}
        </button>
      )}
      {confirm.isError && <ErrorAlert error={confirm.error} />}
    </li>
  );
}

/** The attorney who took the referral, and those who took it before and withdrew. */
function TakenBy({ referralId }: { referralId: string }) {
  const matters = useQuery({ queryKey: queryKeys.referralMatters(referralId), queryFn: () => listReferralMatters(referralId) });
  if (matters.isError) return <ErrorAlert error={matters.error} />;
  if (!matters.data || matters.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="taken-by-heading">
      <h2 id="taken-by-heading">Taken by</h2>
      {matters.data.map((matter) => (
        <MatterSummary key={matter.id} matter={matter} />
      ))}
    </section>
  );
}

function MatterSummary({ matter: m }: { matter: Matter }) {
  return (
    <>
      <dl className="summary">
        <dt>Attorney</dt>
        <dd>
          {m.attorney_name}, {m.firm_name}
        </dd>
        <dt>Matter</dt>
        <dd>
          {MATTER_STATUS_LABELS[m.status]}
          {m.status === 'active' && (m.in_progress_at ? ', work under way' : ', work not started yet')}
        </dd>
        <dt>Taken</dt>
        <dd>{formatDateTime(m.started_at)}</dd>
        {m.in_progress_at && (
          <>
            <dt>Work started</dt>
            <dd>{formatDateTime(m.in_progress_at)}</dd>
          </>
        )}
        {m.ended_at && (
          <>
            <dt>{m.status === 'withdrawn' ? 'Withdrew' : 'Ended'}</dt>
            <dd>
              {formatDateTime(m.ended_at)}
              {m.withdraw_reason && ` (${WITHDRAW_REASON_LABELS[m.withdraw_reason]}${m.withdraw_note ? `: ${m.withdraw_note}` : ''})`}
            </dd>
          </>
        )}
      </dl>
      <p>
        <Link to={`/matters/${m.id}`}>{m.status === 'closed' ? 'Open the matter: its outcome and the client’s feedback' : 'Open the matter'}</Link>
      </p>
    </>
  );
}
