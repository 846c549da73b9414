import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { invalidateAfterAnswer } from '../../api/invalidate';
import { acceptOffer, declineOffer } from '../../api/offers';
import { ApiError } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { DeclineReason, Offer } from '../../api/types';
import { DECLINE_CHOICES } from '../../domain/answers';
import { AttestForm } from './AttestForm';
import { ReasonForm } from './ReasonForm';

/** Accept (with the attestation) or decline (with a reason): the attorney's answer to a pending offer. */
export function OfferAnswer({ offer }: { offer: Offer }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // A 409 means the offer moved on meanwhile (taken, expired, or the firm's check changed): read it again.
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: queryKeys.offer(offer.id) });
  };
  const accept = useMutation({
    mutationFn: () => acceptOffer(offer.id),
    onSuccess: (matter) => {
      void invalidateAfterAnswer(queryClient, offer.referral.id);
      navigate(`/matters/${matter.id}`, { state: { notice: 'You accepted the referral. The matter is yours: contact the client soon.' } });
    },
    onError,
  });
  const decline = useMutation({
    mutationFn: ({ reason, note }: { reason: DeclineReason; note?: string }) => declineOffer(offer.id, reason, note),
    onSuccess: (declined) => {
      queryClient.setQueryData(queryKeys.offer(offer.id), declined);
      void invalidateAfterAnswer(queryClient, offer.referral.id);
    },
    onError,
  });

  return (
    <>
      <section className="card" aria-labelledby="accept-heading">
        <h2 id="accept-heading">Accept</h2>
        <p>Accepting opens the matter and shows you the client’s contact details. Nobody else who was offered it sees them.</p>
        <AttestForm
          name="Accept the offer"
          submitLabel="Accept"
          busyLabel="Accepting…"
          busy={accept.isPending}
          error={accept.error}
          onConfirm={() => accept.mutate()}
        />
      </section>
      <section className="card" aria-labelledby="decline-heading">
        <h2 id="decline-heading">Decline</h2>
        <p>Your reason helps match the next referrals better. It is shared with the referring organisation.</p>
        <ReasonForm<DeclineReason>
          name="Decline the offer"
          reasons={DECLINE_CHOICES}
          submitLabel="Decline"
          busyLabel="Declining…"
          busy={decline.isPending}
          error={decline.error}
          onSubmit={(reason, note) => decline.mutate({ reason, note })}
        />
      </section>
    </>
  );
}
